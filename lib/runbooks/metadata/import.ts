import { z } from "zod";
import type { RunbookMetadata } from "./types";

const importParams = z.object({}).strict();

/** Import a hand-built instance (issue 15): discover, dry run, approval, record, adopt the state. */
export const importMetadata: RunbookMetadata<typeof importParams> = {
  kind: "import",
  title: "Import a hand-built instance",
  needsInstance: true,
  params: importParams,
  steps: () => [
    { key: "read-project", name: "Read the GCP project", kind: "automated" },
    { key: "read-load-balancer", name: "Read the load balancer (prod-backend-service and its endpoint group)", kind: "automated" },
    { key: "find-vms", name: "Find the VM(s), colours, zone, machine type and disks", kind: "automated" },
    { key: "read-network", name: "Read the global address, NAT IPs and certificate", kind: "automated" },
    { key: "read-version", name: "Read the running version (/__version through IAP)", kind: "automated" },
    { key: "dry-run", name: "Dry run: what was found and what the import would change", kind: "automated" },
    {
      key: "approve-import",
      name: "Approve the import",
      kind: "approval",
      instructions: "Check the dry run: the VM, addresses and version found, and what Terraform adopts. Approving records the instance and adopts its state; nothing users reach changes.",
    },
    { key: "record-instance", name: "Record the instance", kind: "automated" },
    { key: "adopt-state", name: "Adopt the Terraform state (deploy key and state bucket, or the colours' existing state)", kind: "automated" },
  ],
};
