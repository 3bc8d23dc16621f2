import { db } from "../db/client";

/** Empties every control-plane table between tests of one file. */
export async function resetDb(): Promise<void> {
  await db.$executeRawUnsafe(
    `TRUNCATE instance, job, job_step, job_log, audit_event, api_token, app_user, worker_heartbeat RESTART IDENTITY CASCADE`,
  );
}
