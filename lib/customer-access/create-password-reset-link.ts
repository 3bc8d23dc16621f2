import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { rateLimit } from "../http/rate-limit";
import { IapTunnelError, withIapTunnel } from "../iap";
import { findInstanceRow } from "../instances/get-instance";
import { secretRefOf } from "../provisioning/step-helpers";
import { secretStoreFromEnv } from "../secrets";
import { findUserByUsername, randomizeUserPassword, SourcegraphError } from "../sourcegraph";

export const RESET_LINKS_PER_USER_PER_MINUTE = 5;
const TIMEOUT_MS = 20_000;

/**
 * A password-reset link for one user of a customer's instance, for support to send them:
 * Sourcegraph's `user(username:)` then `randomizeUserPassword` (the user's password becomes
 * unknown; the link sets a new one), with the control plane's `managed-instances` token,
 * through an IAP tunnel to the serving VM's Caddy like every other call the control plane
 * makes to an instance (an allowlisted instance refuses us at its public URL). Audited with
 * the username and reason, never the link.
 */
export async function createPasswordResetLink(actor: Actor, slug: string, input: { username: string; reason: string }) {
  if (!rateLimit(`password-reset:${actor.userId}`, RESET_LINKS_PER_USER_PER_MINUTE, 60_000)) {
    throw new AppError("rate_limited", `more than ${RESET_LINKS_PER_USER_PER_MINUTE} reset links in a minute; wait a minute`);
  }
  const instance = await findInstanceRow(slug);
  if (instance.status !== "active") throw new AppError("conflict", `${slug} is ${instance.status}: a reset link needs a running instance`);
  const ref = secretRefOf(instance, "sourcegraphToken");
  if (!ref) throw new AppError("conflict", `${slug} has no Sourcegraph access token on record (secretRefs.sourcegraphToken); store the managed-instances token first`);
  const token = await secretStoreFromEnv().get(ref);
  const signal = AbortSignal.timeout(60_000);
  const link = await withIapTunnel({ project: instance.gcpProjectId, zone: instance.zone, vm: instance.vmName, signal }, async (baseUrl) => {
    const user = await findUserByUsername(baseUrl, token, input.username, { signal, timeoutMs: TIMEOUT_MS });
    if (!user) return null;
    return { user, ...(await randomizeUserPassword(baseUrl, token, user.id, { signal, timeoutMs: TIMEOUT_MS })) };
  }).catch((e: unknown) => {
    if (e instanceof SourcegraphError) throw new AppError("unavailable", `${slug}'s Sourcegraph refused or did not answer: ${e.message}`);
    if (e instanceof IapTunnelError) throw new AppError("unavailable", `could not reach ${slug}'s VM ${instance.vmName} through IAP: ${e.message}`);
    throw e;
  });
  if (!link) throw new AppError("not_found", `${slug} has no user named "${input.username}" (usernames are exact; check the instance's Site admin → Users)`, [{ field: "username", message: "no such user on the instance" }]);
  await db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "instance.password-reset-link",
      targetType: "instance",
      targetId: instance.id,
      instanceSlug: instance.slug,
      params: { username: link.user.username, reason: input.reason, linkCreated: link.resetPasswordURL !== null },
    }),
  );
  if (!link.resetPasswordURL) {
    throw new AppError("conflict", `${slug} has no username/password sign-in (no "builtin" auth provider), so Sourcegraph made no reset link; ${link.user.username}'s password was still randomized`);
  }
  return { username: link.user.username, siteAdmin: link.user.siteAdmin, resetPasswordUrl: link.resetPasswordURL };
}
