import { z } from "zod";
import { nameSchema } from "../auth/name-schema";
import { slugSchema } from "../instances/slug";
import { EVENT_KIND_NAMES } from "./event-kinds";

const kindSchema = z.enum(["slack", "webhook"], { error: "kind must be slack or webhook" });
const urlSchema = z.string({ error: "url is required" }).trim().min(1, "url is required").max(2000, "url must be at most 2000 characters");
const signingSecretSchema = z
  .string()
  .min(16, "signingSecret must be at least 16 characters")
  .max(256, "signingSecret must be at most 256 characters")
  .regex(/^[A-Za-z0-9_+/=-]+$/, "signingSecret may contain only letters, digits and _ + / = -");
const eventKindsSchema = z
  .array(z.enum(EVENT_KIND_NAMES as [string, ...string[]], { error: `eventKinds must be some of ${EVENT_KIND_NAMES.join(", ")}` }))
  .max(EVENT_KIND_NAMES.length)
  .transform((a) => [...new Set(a)]);
const instancesSchema = z
  .array(slugSchema)
  .max(500, "instances may name at most 500 instances")
  .transform((a) => [...new Set(a)]);

/** Body of `POST /api/notification-channels`. Empty eventKinds / instances = every kind / every instance. */
export const createChannelBodySchema = z.object({
  name: nameSchema("name", 100),
  kind: kindSchema,
  url: urlSchema,
  /** Webhook only; generated (and shown once) when omitted. */
  signingSecret: signingSecretSchema.optional(),
  eventKinds: eventKindsSchema.default([]),
  instances: instancesSchema.default([]),
  enabled: z.boolean({ error: "enabled must be true or false" }).default(true),
});
export type CreateChannelInput = z.infer<typeof createChannelBodySchema>;

/** Body of `PATCH /api/notification-channels/{id}`: only what is given changes; a url or signingSecret replaces the stored one. */
export const updateChannelBodySchema = z.object({
  name: nameSchema("name", 100).optional(),
  url: urlSchema.optional(),
  signingSecret: signingSecretSchema.optional(),
  eventKinds: eventKindsSchema.optional(),
  instances: instancesSchema.optional(),
  enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
});
export type UpdateChannelInput = z.infer<typeof updateChannelBodySchema>;

export const channelIdParamsSchema = z.object({ id: z.uuid({ error: "id must be a channel id (UUID)" }) });

export const deliveriesQuerySchema = z.object({
  channel: z.uuid({ error: "channel must be a channel id (UUID)" }).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
});
