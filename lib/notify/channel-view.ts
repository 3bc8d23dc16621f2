import type { NotificationChannel } from "../generated/prisma/client";

/** A channel as the API and the settings page show it: never its URL or signing key. */
export interface ChannelView {
  id: string;
  name: string;
  kind: "slack" | "webhook";
  enabled: boolean;
  eventKinds: string[];
  instances: { id: string; slug: string }[];
  urlHint: string;
  signed: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export function toChannelView(c: NotificationChannel, slugs: Map<string, string>): ChannelView {
  const refs = c.secretRefs as { signingKey?: string };
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    enabled: c.enabled,
    eventKinds: c.eventKinds,
    instances: c.instanceIds.map((id) => ({ id, slug: slugs.get(id) ?? "(deleted)" })),
    urlHint: c.urlHint,
    signed: !!refs.signingKey,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
