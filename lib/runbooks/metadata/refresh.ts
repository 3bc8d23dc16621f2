import { z } from "zod";
import type { RunbookMetadata } from "./types";

/** RUNBOOK "Finding the external IPs" (`gcloud compute addresses list`), plus the VM's status. */
export const refreshMetadata: RunbookMetadata = {
  kind: "refresh",
  title: "Refresh from GCP",
  needsInstance: true,
  params: z.object({}).strict(),
  steps: () => [
    { key: "read-vm", name: "Read the VM's status", kind: "automated" },
    { key: "read-addresses", name: "Read the global and NAT addresses", kind: "automated" },
    { key: "update-record", name: "Update the instance record", kind: "automated" },
  ],
};
