import type { Permission } from "../auth/permissions";

/** The lifecycle job kinds (issue 14) and the permission each needs: operators and admins. */
export const LIFECYCLE_JOB_PERMISSIONS: Record<string, Permission> = {
  suspend: "instances:upgrade",
  resume: "instances:upgrade",
  resize: "instances:upgrade",
  "change-access": "instances:upgrade",
  delete: "instances:upgrade",
  snapshot: "jobs:run",
  restore: "instances:upgrade",
  // Drift (lib/drift): a check changes nothing; reconciling applies Terraform.
  "drift-check": "jobs:run",
  reconcile: "instances:upgrade",
};
