/** Job kinds by name, for filters in the UI (no runbook code, safe for the browser). */
export const JOB_KIND_NAMES = ["refresh", "selftest", "provision", "upgrade", "wave", "force-unlock", "import", "suspend", "resume", "resize", "change-access", "delete", "snapshot", "restore", "drift-check", "reconcile"] as const;
export const JOB_STATUS_NAMES = ["queued", "running", "waiting", "succeeded", "failed", "cancelled"] as const;
