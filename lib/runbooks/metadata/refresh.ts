import { z } from "zod";
import type { RunbookMetadata } from "./types";

/** RUNBOOK "Finding the external IPs" (`gcloud compute addresses list`), plus the VM's status and the instance's update check. */
export const refreshMetadata: RunbookMetadata = {
  kind: "refresh",
  title: "Refresh from GCP",
  needsInstance: true,
  params: z.object({}).strict(),
  steps: () => [
    { key: "read-vm", name: "Read the VM's status", kind: "automated" },
    { key: "read-addresses", name: "Read the global and NAT addresses", kind: "automated" },
    { key: "update-record", name: "Update the instance record", kind: "automated" },
    { key: "read-update-check", name: "Read the instance's own update check (site.updateCheck, through IAP)", kind: "automated" },
  ],
};
