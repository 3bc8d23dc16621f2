import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { rateLimit } from "../http/rate-limit";
import { findInstanceRow } from "../instances/get-instance";
import { secretRefOf } from "../provisioning/step-helpers";
import { secretStoreFromEnv } from "../secrets";

/** The account provisioning creates (lib/provisioning/steps/go-live.ts). */
const ADMIN_USERNAME = "sourcegraph-admin";

/** A handful a minute per person: enough for real work, too few to sweep the fleet. */
export const REVEALS_PER_USER_PER_MINUTE = 5;

/**
 * The `sourcegraph-admin` password of one instance, read from the secret store (admins only,
 * checked by the route). The audit event (who, which instance, the reason) commits before
 * the password leaves, and never holds it. Callers send it with `Cache-Control: no-store`.
 */
export async function revealAdminPassword(actor: Actor, slug: string, reason: string): Promise<{ username: string; password: string }> {
  if (!rateLimit(`admin-password:${actor.userId}`, REVEALS_PER_USER_PER_MINUTE, 60_000)) {
    throw new AppError("rate_limited", `more than ${REVEALS_PER_USER_PER_MINUTE} password reveals in a minute; wait a minute`);
  }
  const instance = await findInstanceRow(slug);
  if (instance.status === "deleted") throw new AppError("conflict", `${slug} is deleted: its secrets are gone`);
  const ref = secretRefOf(instance, "adminPassword");
  if (!ref) {
    throw new AppError("not_found", `${slug} has no ${ADMIN_USERNAME} password on record (an imported instance keeps the one set by hand; store it in the secret store and record secretRefs.adminPassword)`);
  }
  const password = await secretStoreFromEnv().get(ref);
  await db.$transaction((tx) =>
    recordAudit(tx, actor, { action: "instance.admin-password-revealed", targetType: "instance", targetId: instance.id, instanceSlug: instance.slug, params: { reason, username: ADMIN_USERNAME } }),
  );
  return { username: ADMIN_USERNAME, password };
}
