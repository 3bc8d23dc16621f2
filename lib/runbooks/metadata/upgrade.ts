import { upgradeParamsSchema, type UpgradeParams } from "../../upgrades/upgrade-params";
import type { RunbookMetadata, StepOutline } from "./types";

/** What users see while the load balancer switches colour (handbook figure). */
export const SWITCH_ERRORS_TEXT = "about 1m35s";

const noticeOn: StepOutline = { key: "notice-on", name: "Add the maintenance notice", kind: "automated" };
const readOnly: StepOutline = { key: "read-only", name: "Mark the database as read-only", kind: "automated" };
const snapshot: StepOutline = { key: "snapshot", name: "Snapshot the data disk", kind: "automated" };
const noticeOff: StepOutline = { key: "notice-off", name: "Remove the maintenance notice", kind: "automated" };
const recordVersion: StepOutline = { key: "record-version", name: "Record the new version", kind: "automated" };

/** Red/black (the default; handbook): the other colour beside the live one, then the switch. */
function redBlackSteps(p: UpgradeParams): StepOutline[] {
  return [
    {
      key: "prepare-terraform",
      name: "Give a hand-built instance a deploy key and its state bucket (imported when it exists)",
      kind: "automated",
    },
    noticeOn,
    readOnly,
    snapshot,
    {
      key: "approve-clear-leftover",
      name: "Approve destroying a colour left by an earlier upgrade",
      kind: "approval",
      destructive: true,
      instructions:
        "The colour this upgrade builds still exists from an earlier upgrade that failed or was cancelled; users are not on it. Approve to destroy it (its Terraform deployment) so it is built again from this upgrade's snapshot.",
    },
    { key: "clear-leftover", name: "Destroy the colour left by an earlier upgrade", kind: "automated" },
    { key: "plan-deployment", name: "Plan the new deployment (other colour) from the snapshot", kind: "automated" },
    { key: "approve-plan", name: "Approve the Terraform plan", kind: "approval", destructive: true, instructions: "The plan destroys or replaces resources; read it before approving." },
    { key: "apply-deployment", name: "Create the new deployment (terraform apply)", kind: "automated" },
    // The snapshot carries the read-only setting: migrations need a writable database first.
    { key: "writable-new", name: "Make the database writable on the new deployment", kind: "automated" },
    { key: "start-new", name: `Move the new deployment to ${p.version} (compose file, pull, up; migrator)`, kind: "automated" },
    { key: "wait-healthy", name: `Wait for containers, frontend and /__version ${p.version} on the new deployment`, kind: "automated" },
    {
      key: "approve-switch",
      name: "Approve switching the load balancer",
      kind: "approval",
      instructions: `Switching the load balancer to the new deployment: users will see ${SWITCH_ERRORS_TEXT} of errors while it switches.`,
    },
    { key: "retarget", name: "Point the load balancer at the new deployment (a hand-built front end is adopted into Terraform state here)", kind: "automated" },
    {
      key: "approve-destroy",
      name: "Approve destroying the old deployment",
      kind: "approval",
      destructive: true,
      instructions: "Users now reach the new deployment. Approve to destroy the old one with its Terraform state (a hand-built VM prod, which has none, is deleted by name). Its snapshot is kept.",
    },
    { key: "destroy-old", name: "Destroy the old deployment", kind: "automated" },
    noticeOff,
    recordVersion,
  ];
}

/** In place: only for releases without database changes (the handbook's rule). */
function inPlaceSteps(p: UpgradeParams): StepOutline[] {
  return [
    noticeOn,
    readOnly,
    snapshot,
    { key: "writable", name: "Make the database writable", kind: "automated" },
    { key: "commit-release", name: `Record ${p.version} in the deployment's Terraform (commit, apply)`, kind: "automated" },
    { key: "switch-version", name: `Move to ${p.version} (its compose file, pull, up -d; migrator)`, kind: "automated" },
    { key: "restart", name: "Restart the frontend", kind: "automated" },
    { key: "wait-healthy", name: `Check health and /__version ${p.version}`, kind: "automated" },
    noticeOff,
    recordVersion,
  ];
}

/**
 * Upgrade one instance (BRIEF §7, RUNBOOK "Upgrade process"), red/black or in place.
 * ALWAYS RESTORE: once the notice is on, any failure or cancel puts the instance back in a
 * safe state (lib/upgrades/restore-upgrade.ts).
 */
export const upgradeMetadata: RunbookMetadata<typeof upgradeParamsSchema> = {
  kind: "upgrade",
  title: "Upgrade Sourcegraph",
  needsInstance: true,
  params: upgradeParamsSchema,
  steps: (p) => (p.strategy === "in-place" ? inPlaceSteps(p) : redBlackSteps(p)),
  restoreAfter: "notice-on",
};
