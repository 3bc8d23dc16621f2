import { EVENT_KINDS, type EventKind } from "./event-kinds";

/** An event as the delivery task reads it. */
export interface StoredEvent {
  id: string;
  kind: string;
  at: Date;
  payload: Record<string, unknown>;
}

/** One line a person reads (Slack's text, and the webhook body's `text`). */
export function eventText(e: StoredEvent, appUrl: string | null): string {
  const p = e.payload;
  const who = str(p.instanceName) ? `${str(p.instanceName)} (${str(p.instanceSlug)})` : str(p.instanceSlug);
  const link = (path: string) => (appUrl ? ` ${appUrl}${path}` : "");
  const instanceLink = p.instanceSlug ? link(`/instances/${encodeURIComponent(str(p.instanceSlug))}`) : "";
  const jobLink = p.jobId ? link(`/jobs/${str(p.jobId)}`) : "";
  const waveLink = p.waveId ? link(`/upgrades/${str(p.waveId)}`) : "";
  const failing = Array.isArray(p.failing) && p.failing.length ? `: ${p.failing.join(", ")}` : "";
  switch (e.kind as EventKind) {
    case "health.down":
      return `✖ ${who} is DOWN${failing}.${instanceLink}`;
    case "health.degraded":
      return `▲ ${who} is degraded${failing}.${instanceLink}`;
    case "health.recovered":
      return `✔ ${who} recovered (was ${str(p.previous)}).${instanceLink}`;
    case "job.failed":
      return `✖ ${str(p.jobKind)} job${who ? ` of ${who}` : ""} failed: ${str(p.error)}${jobLink}`;
    case "job.awaiting_approval":
      return `‖ ${str(p.jobKind)} job${who ? ` of ${who}` : ""} waits for approval: ${str(p.stepName)}.${jobLink}`;
    case "job.awaiting_task":
      return `‖ ${str(p.jobKind)} job${who ? ` of ${who}` : ""} waits for a person: ${str(p.stepName)}.${jobLink}`;
    case "wave.completed":
    case "wave.aborted":
    case "wave.paused":
      return `≋ Upgrade wave to ${str(p.targetVersion)} ${str(p.status)}${p.pausedReason ? ` (${str(p.pausedReason)})` : ""}${counts(p.counts)}.${waveLink}`;
    default:
      return `${EVENT_KINDS[e.kind as EventKind] ?? e.kind}`;
  }
}

/** The generic webhook's JSON body: the event as data, plus the same text. */
export function webhookBody(e: StoredEvent, deliveryId: string, appUrl: string | null): string {
  return JSON.stringify({ id: e.id, deliveryId, kind: e.kind, at: e.at.toISOString(), text: eventText(e, appUrl), data: e.payload });
}

/** A Slack incoming webhook's body: `text` is required (Slack answers 400 invalid_payload without it). */
export function slackBody(e: StoredEvent, appUrl: string | null): string {
  return JSON.stringify({ text: eventText(e, appUrl) });
}

function str(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

function counts(c: unknown): string {
  if (!c || typeof c !== "object") return "";
  const parts = Object.entries(c as Record<string, number>).map(([k, n]) => `${n} ${k}`);
  return parts.length ? `: ${parts.join(", ")}` : "";
}
