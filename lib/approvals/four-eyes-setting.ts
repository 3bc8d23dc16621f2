import { config } from "../config/load-config";
import { z } from "zod";
import { JOB_KIND_NAMES } from "../runbooks/kinds";

/**
 * Four-eyes approvals (`FOUR_EYES`): which approval steps the person who started a job may not
 * approve themselves. A comma-separated list of
 * - `destructive`: approval steps marked `destructive` (a plan that destroys or replaces, the
 *   old deployment's destruction, a forced unlock), in every job kind;
 * - `all`: every approval step of every job kind;
 * - a job kind (`upgrade`, `provision`, …): every approval step of that kind.
 * Empty or `off` (the default): anyone allowed to approve may approve.
 */
export interface FourEyesSetting {
  destructive: boolean;
  all: boolean;
  kinds: string[];
}

const token = z.enum(["destructive", "all", ...JOB_KIND_NAMES], { error: `FOUR_EYES entries must be off, destructive, all or a job kind (${JOB_KIND_NAMES.join(", ")})` });

export function parseFourEyes(raw: string | undefined): FourEyesSetting {
  const entries = (raw ?? "").split(",").map((s) => s.trim()).filter((s) => s && s !== "off");
  const parsed = z.array(token).safeParse(entries);
  if (!parsed.success) throw new Error(`FOUR_EYES=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return { destructive: parsed.data.includes("destructive"), all: parsed.data.includes("all"), kinds: parsed.data.filter((t) => t !== "destructive" && t !== "all") };
}

let cached: FourEyesSetting | undefined;
/** The process's setting, read once. */
export function fourEyesSetting(): FourEyesSetting {
  cached ??= parseFourEyes(config().FOUR_EYES);
  return cached;
}

/** Whether the setting stops a job's starter from approving this step. */
export function fourEyesApplies(setting: FourEyesSetting, kind: string, step: { destructive?: boolean }): boolean {
  return setting.all || setting.kinds.includes(kind) || (setting.destructive && step.destructive === true);
}
