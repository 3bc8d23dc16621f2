import { z } from "zod";
import { MACHINE_TYPES, MAX_DISK_GB, MIN_DISK_GB } from "../provisioning/options";

/** `resize {machineType?, dataDiskSizeGb?}`: at least one; the disk only grows (checked against the instance). */
export const resizeParams = z
  .object({
    machineType: z.enum(MACHINE_TYPES, { error: `machineType must be one of ${MACHINE_TYPES.join(", ")}` }).optional(),
    dataDiskSizeGb: z
      .number({ error: "dataDiskSizeGb must be a number of GB" })
      .int("dataDiskSizeGb must be a whole number of GB")
      .min(MIN_DISK_GB, `dataDiskSizeGb must be at least ${MIN_DISK_GB}`)
      .max(MAX_DISK_GB, `dataDiskSizeGb must be at most ${MAX_DISK_GB}`)
      .optional(),
  })
  .strict()
  .refine((p) => p.machineType !== undefined || p.dataDiskSizeGb !== undefined, { message: "give machineType, dataDiskSizeGb or both", path: ["machineType"] });

export type ResizeParams = z.infer<typeof resizeParams>;

/** What a machine-type change costs users: the VM stopped, re-typed and booted, then the containers. */
export const MACHINE_TYPE_DOWNTIME_TEXT = "a few minutes (the VM is stopped, its machine type set, then it boots and the containers start)";

/** "machine type n2-standard-8, data disk 800 GB": what a resize changes, for step names and commits. */
export function describeResize(p: ResizeParams): string {
  return [p.machineType ? `machine type ${p.machineType}` : "", p.dataDiskSizeGb ? `data disk ${p.dataDiskSizeGb} GB` : ""].filter(Boolean).join(", ");
}
