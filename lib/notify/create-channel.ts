import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { secretStoreFromEnv, type SecretStore } from "../secrets";
import { AppError } from "../errors/app-error";
import { generateSigningSecret, storeChannelSecrets } from "./channel-secrets";
import type { CreateChannelInput } from "./channel-schemas";
import { checkChannelUrl, urlHint } from "./channel-url";
import { toChannelView, type ChannelView } from "./channel-view";
import { notifyConfig } from "./notify-config";
import { resolveInstanceSlugs, slugsOf } from "./resolve-instances";

/**
 * Adds a channel. The URL (and a webhook's signing key) go to the secret store; the row keeps
 * only their references. A signing key the admin did not give is generated and returned here,
 * once: it is never shown again.
 */
export async function createChannel(actor: Actor, input: CreateChannelInput, deps: { secrets?: SecretStore } = {}): Promise<{ channel: ChannelView; signingSecret?: string }> {
  const url = checkChannelUrl(input.kind, input.url, notifyConfig().allowInsecureUrls);
  if (input.kind === "slack" && input.signingSecret) {
    throw new AppError("bad_request", "a Slack channel takes no signingSecret", [{ field: "signingSecret", message: "only webhook channels are signed" }]);
  }
  const instanceIds = await resolveInstanceSlugs(db, input.instances);
  const id = randomUUID();
  const generated = input.kind === "webhook" && !input.signingSecret ? generateSigningSecret() : undefined;
  const signingKey = input.kind === "webhook" ? (input.signingSecret ?? generated) : undefined;
  const secretRefs = await storeChannelSecrets(deps.secrets ?? secretStoreFromEnv(), id, { url: url.toString(), signingKey });
  const channel = await db.$transaction(async (tx) => {
    const row = await tx.notificationChannel.create({
      data: { id, name: input.name, kind: input.kind, enabled: input.enabled, eventKinds: input.eventKinds, instanceIds, urlHint: urlHint(url), secretRefs, createdBy: actor.email },
    });
    await recordAudit(tx, actor, {
      action: "notification_channel.create",
      targetType: "notification_channel",
      targetId: id,
      params: { name: input.name, kind: input.kind, enabled: input.enabled, eventKinds: input.eventKinds, instances: input.instances, urlHint: row.urlHint, signed: !!signingKey },
    });
    return toChannelView(row, await slugsOf(tx, instanceIds));
  });
  return generated ? { channel, signingSecret: generated } : { channel };
}
