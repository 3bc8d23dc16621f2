import { z } from "zod";
import { VERSION_PATTERN } from "../instances/versions";
import { slugSchema } from "../instances/slug";
import { APPROVAL_POLICIES, UPGRADE_STRATEGIES } from "../upgrades/upgrade-params";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `POST /api/waves`. */
export const createWaveBodySchema = z
  .object({
    /** A release version; that it is a release (not retired) is checked against the `release` table (create-wave.ts). */
    targetVersion: z.string({ error: "targetVersion is required" }).max(20).regex(VERSION_PATTERN, "must be a release version, MAJOR.MINOR.PATCH"),
    /** Slugs, in the order to upgrade them, or a filter over the fleet (every active instance behind the target). */
    instances: z.union([
      z.array(slugSchema).min(1).max(5_000),
      z.object({ version: z.string().max(20).optional() }).strict(),
    ]),
    batchSize: z.number().int().min(1).max(100).default(5),
    strategy: z.enum(UPGRADE_STRATEGIES).default("red-black"),
    /**
     * Which approvals of its red/black upgrades are given without asking (lib/waves/approval-policy.ts).
     * Omitted means ask at every step: leaving a field out must never mean fewer people looking.
     */
    approvalPolicy: z.enum(APPROVAL_POLICIES, { error: `choose an approval policy: ${APPROVAL_POLICIES.join(", ")}` }).default("ask-every-step"),
    /** UTC hours inside which new batches may start, e.g. { start: "22:00", end: "04:00" }. */
    window: z.object({ start: z.string().regex(HHMM, "must be HH:MM (UTC)"), end: z.string().regex(HHMM, "must be HH:MM (UTC)") }).strict().optional(),
  })
  .strict();

export type CreateWaveBody = z.infer<typeof createWaveBodySchema>;

/** Whether `now` (UTC) is inside a window; a window may wrap midnight. */
export function inWindow(window: { start: string | null; end: string | null }, now = new Date()): boolean {
  if (!window.start || !window.end) return true;
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const m = now.getUTCHours() * 60 + now.getUTCMinutes();
  const [s, e] = [minutes(window.start), minutes(window.end)];
  return s <= e ? m >= s && m < e : m >= s || m < e;
}
