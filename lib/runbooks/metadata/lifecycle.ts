import { z } from "zod";
import { changeAccessParams, describeAccess } from "../../lifecycle/change-access-params";
import { describeResize, resizeParams } from "../../lifecycle/resize-params";
import { SNAPSHOT_NAME } from "../../lifecycle/snapshot-name";
import type { RunbookMetadata } from "./types";
import { SWITCH_ERRORS_TEXT } from "./upgrade";

/** An instance's life after creation (README "Lifecycle after creation"): what the web shows of each job kind. */

const noParams = z.object({}).strict();

/** Suspend (a customer paused): the serving VM stopped, its disks kept; status `suspended`. */
export const suspendMetadata: RunbookMetadata<typeof noParams> = {
  kind: "suspend",
  title: "Suspend the instance (stop its VM, keep its data)",
  needsInstance: true,
  params: noParams,
  steps: () => [
    { key: "stop-vm", name: "Stop the VM", kind: "automated" },
    { key: "mark-suspended", name: "Mark the instance suspended", kind: "automated" },
  ],
};

/** Resume: the VM started, the health gate, status `active` again. */
export const resumeMetadata: RunbookMetadata<typeof noParams> = {
  kind: "resume",
  title: "Resume a suspended instance",
  needsInstance: true,
  params: noParams,
  steps: () => [
    { key: "start-vm", name: "Start the VM", kind: "automated" },
    { key: "wait-healthy", name: "Wait for containers, frontend and /__version", kind: "automated" },
    { key: "mark-active", name: "Mark the instance active", kind: "automated" },
  ],
};

/** Resize the machine type (VM stopped) or grow the data disk (online, then resize2fs). */
export const resizeMetadata: RunbookMetadata<typeof resizeParams> = {
  kind: "resize",
  title: "Resize the VM or its data disk",
  needsInstance: true,
  params: resizeParams,
  // A failure after the notice went up: the VM running again (unless suspended) and the notice gone.
  restoreAfter: "notice-on",
  steps: (p) => [
    { key: "plan", name: `Plan the resize (${describeResize(p)})`, kind: "automated" },
    { key: "approve-plan", name: "Approve the Terraform plan", kind: "approval", destructive: true, instructions: "The plan destroys or replaces resources; read it before approving." },
    { key: "notice-on", name: "Add the maintenance notice", kind: "automated" },
    { key: "stop-vm", name: "Stop the VM", kind: "automated" },
    { key: "apply", name: "Apply the resize (terraform apply)", kind: "automated" },
    { key: "start-vm", name: "Start the VM", kind: "automated" },
    { key: "grow-filesystem", name: "Grow the filesystem (resize2fs)", kind: "automated" },
    { key: "wait-healthy", name: "Wait for containers, frontend and /__version", kind: "automated" },
    { key: "notice-off", name: "Remove the maintenance notice", kind: "automated" },
  ],
};

/** Change access: the Cloud Armor policy through the infrastructure's Terraform; no downtime. */
export const changeAccessMetadata: RunbookMetadata<typeof changeAccessParams> = {
  kind: "change-access",
  title: "Change how users reach the instance (public or IP allowlist)",
  needsInstance: true,
  params: changeAccessParams,
  steps: (p) => [
    { key: "plan", name: `Plan the access change (${describeAccess(p)})`, kind: "automated" },
    {
      key: "approve-plan",
      name: "Approve the Terraform plan",
      kind: "approval",
      destructive: true,
      instructions: "The plan removes or replaces a security policy: read who loses or gains access before approving.",
    },
    { key: "apply", name: "Apply the security policy (terraform apply)", kind: "automated" },
    { key: "verify", name: "Check the load balancer's security policy", kind: "automated" },
  ],
};

const snapshotParams = z
  .object({ reason: z.enum(["manual", "scheduled"], { error: "reason must be manual or scheduled" }).default("manual") })
  .strict();

/** A snapshot of the serving data disk (by hand or scheduled), then pruning of expired ones. */
export const snapshotMetadata: RunbookMetadata<typeof snapshotParams> = {
  kind: "snapshot",
  title: "Snapshot the data disk (and prune expired snapshots)",
  needsInstance: true,
  params: snapshotParams,
  steps: () => [
    { key: "snapshot", name: "Snapshot the data disk", kind: "automated" },
    { key: "prune", name: "Prune expired snapshots", kind: "automated" },
  ],
};

const restoreParams = z
  .object({ snapshot: z.string({ error: "snapshot is required" }).regex(SNAPSHOT_NAME, "snapshot must be a snapshot's name (lowercase letters, digits, hyphens)") })
  .strict();

/** Restore from a snapshot, red/black: the live disk is never overwritten. */
export const restoreMetadata: RunbookMetadata<typeof restoreParams> = {
  kind: "restore",
  title: "Restore the instance from a snapshot (red/black)",
  needsInstance: true,
  params: restoreParams,
  steps: (p) => [
    { key: "check-snapshot", name: `Check snapshot ${p.snapshot}`, kind: "automated" },
    { key: "plan-deployment", name: "Plan the new deployment (other colour) from the snapshot", kind: "automated" },
    { key: "approve-plan", name: "Approve the Terraform plan", kind: "approval", destructive: true, instructions: "The plan destroys or replaces resources; read it before approving." },
    { key: "apply-deployment", name: "Create the new deployment (terraform apply)", kind: "automated" },
    // An upgrade snapshot carries the read-only setting: the restored database must take writes.
    { key: "writable-new", name: "Make the database writable on the new deployment", kind: "automated" },
    { key: "wait-healthy", name: "Wait for containers, frontend and /__version on the new deployment", kind: "automated" },
    {
      key: "approve-switch",
      name: "Approve switching the load balancer to the restored deployment",
      kind: "approval",
      instructions: `Users will see the data as of snapshot ${p.snapshot} (later changes are not in it), and ${SWITCH_ERRORS_TEXT} of errors while the load balancer switches.`,
    },
    { key: "retarget", name: "Point the load balancer at the restored deployment", kind: "automated" },
    {
      key: "approve-destroy",
      name: "Approve destroying the old deployment",
      kind: "approval",
      destructive: true,
      instructions: "Users now reach the restored deployment. Approve to destroy the old one (take a snapshot of it first if its data may still be wanted).",
    },
    { key: "destroy-old", name: "Destroy the old deployment", kind: "automated" },
  ],
};

/** GCP keeps a deleted project this long (recoverable with `gcloud projects undelete`), then purges it. */
export const PROJECT_RETENTION_DAYS = 30;

const deleteParams = z.object({ confirm: z.string({ error: "confirm is required: type the instance's slug" }).max(64) }).strict();

/** Delete (a contract ended): approval, final snapshot kept, destroy, DNS, secrets, project scheduled for deletion. */
export const deleteInstanceMetadata: RunbookMetadata<typeof deleteParams> = {
  kind: "delete",
  title: "Delete the instance",
  needsInstance: true,
  params: deleteParams,
  steps: (p) => [
    {
      key: "approve-delete",
      name: `Approve deleting ${p.confirm}`,
      kind: "approval",
      destructive: true,
      instructions: `Deletes ${p.confirm} for good: a final snapshot is taken and kept, then its VM, disks, load balancer, DNS record, secrets and deploy key go, and its GCP project is scheduled for deletion (GCP keeps it ${PROJECT_RETENTION_DAYS} days, then purges it with everything in it).`,
    },
    { key: "final-snapshot", name: "Take a final snapshot of the data disk (kept)", kind: "automated" },
    { key: "destroy", name: "Destroy the deployment (terraform destroy)", kind: "automated" },
    { key: "remove-dns", name: "Remove the DNS record", kind: "automated" },
    { key: "delete-secrets", name: "Delete the secrets and the deploy key", kind: "automated" },
    { key: "delete-project", name: "Schedule the project (and its state bucket) for deletion", kind: "automated" },
    { key: "mark-deleted", name: "Mark the instance deleted", kind: "automated" },
  ],
};

export const LIFECYCLE_METADATA = [suspendMetadata, resumeMetadata, resizeMetadata, changeAccessMetadata, snapshotMetadata, restoreMetadata, deleteInstanceMetadata];
