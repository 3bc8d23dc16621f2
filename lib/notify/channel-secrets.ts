import { randomBytes } from "node:crypto";
import type { SecretRef, SecretStore } from "../secrets";

/** Secret names of a channel's URL and signing key (one per channel; a new put replaces or adds a version). */
export const channelSecretName = (channelId: string, what: "url" | "signing-key") => `notify-${channelId}-${what}`;

/** A signing key for a webhook channel whose admin gave none: 32 random bytes, shown once. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export async function storeChannelSecrets(
  store: SecretStore,
  channelId: string,
  values: { url?: string; signingKey?: string },
): Promise<{ url?: SecretRef; signingKey?: SecretRef }> {
  const refs: { url?: SecretRef; signingKey?: SecretRef } = {};
  if (values.url !== undefined) refs.url = await store.put(channelSecretName(channelId, "url"), values.url);
  if (values.signingKey !== undefined) refs.signingKey = await store.put(channelSecretName(channelId, "signing-key"), values.signingKey);
  return refs;
}
