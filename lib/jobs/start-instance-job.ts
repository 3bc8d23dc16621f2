import { z } from "zod";
import type { Actor } from "../auth/actor";
import { can, type Permission } from "../auth/permissions";
import { AppError } from "../errors/app-error";
import { createJob } from "./create-job";
import { checkUpgradeVersion } from "../upgrades/check-upgrade-version";
import { checkLifecycleRequest } from "../lifecycle/check-lifecycle-request";
import { LIFECYCLE_JOB_PERMISSIONS } from "../lifecycle/permissions";

/** Job kinds that can be started on an instance, and the permission each one needs. */
const INSTANCE_JOB_PERMISSIONS: Record<string, Permission> = {
  refresh: "jobs:run",
  upgrade: "instances:upgrade",
  "force-unlock": "jobs:control",
  ...LIFECYCLE_JOB_PERMISSIONS,
};

export const startInstanceJobBodySchema = z
  .object({ kind: z.string({ error: "kind is required" }).max(40) })
  .catchall(z.unknown());

/** `POST /api/instances/{slug}/jobs` and the instance page's buttons. */
export async function startInstanceJob(actor: Actor, slug: string, body: z.infer<typeof startInstanceJobBodySchema>) {
  const { kind, ...params } = body;
  const permission = INSTANCE_JOB_PERMISSIONS[kind];
  if (!permission) {
    throw new AppError("bad_request", `kind must be one of ${Object.keys(INSTANCE_JOB_PERMISSIONS).join(", ")}`, [{ field: "kind", message: "unknown job kind" }]);
  }
  if (!can(actor.role, permission)) throw new AppError("forbidden", `your role (${actor.role}) may not start ${kind} jobs`);
  if (kind === "upgrade") await checkUpgradeVersion(slug, params);
  await checkLifecycleRequest(kind, slug, params);
  return createJob(actor, { kind, instanceSlug: slug, params });
}
