import { db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { AppError, notFound } from "../errors/app-error";
import { secretStoreFromEnv, type SecretStore } from "../secrets";
import { storeChannelSecrets } from "./channel-secrets";
import type { UpdateChannelInput } from "./channel-schemas";
import { checkChannelUrl, urlHint } from "./channel-url";
import { toChannelView, type ChannelView } from "./channel-view";
import { notifyConfig } from "./notify-config";
import { resolveInstanceSlugs, slugsOf } from "./resolve-instances";

/** Changes what is given: name, filters, enabled, or a new URL / signing key (stored as new secrets). */
export async function updateChannel(actor: Actor, id: string, input: UpdateChannelInput, deps: { secrets?: SecretStore } = {}): Promise<ChannelView> {
  const current = await db.notificationChannel.findUnique({ where: { id } });
  if (!current) throw notFound("notification channel");
  if (input.signingSecret && current.kind !== "webhook") {
    throw new AppError("bad_request", "a Slack channel takes no signingSecret", [{ field: "signingSecret", message: "only webhook channels are signed" }]);
  }
  const url = input.url !== undefined ? checkChannelUrl(current.kind, input.url, notifyConfig().allowInsecureUrls) : undefined;
  const instanceIds = input.instances ? await resolveInstanceSlugs(db, input.instances) : undefined;
  const newRefs = url || input.signingSecret ? await storeChannelSecrets(deps.secrets ?? secretStoreFromEnv(), id, { url: url?.toString(), signingKey: input.signingSecret }) : {};
  return db.$transaction(async (tx) => {
    const row = await tx.notificationChannel.update({
      where: { id },
      data: {
        name: input.name,
        enabled: input.enabled,
        eventKinds: input.eventKinds,
        instanceIds,
        ...(url ? { urlHint: urlHint(url) } : {}),
        secretRefs: { ...(current.secretRefs as object), ...newRefs },
      },
    });
    await recordAudit(tx, actor, {
      action: "notification_channel.update",
      targetType: "notification_channel",
      targetId: id,
      params: { name: input.name, enabled: input.enabled, eventKinds: input.eventKinds, instances: input.instances, urlChanged: !!url, signingKeyChanged: !!input.signingSecret },
    });
    return toChannelView(row, await slugsOf(tx, row.instanceIds));
  });
}
