/**
 * What a channel can be told about. Recorded by lib/notify/track-health-notice.ts (health,
 * after flap damping) and by the database triggers on job and wave status (migration
 * 20261127030000_notifications). Labels are what the settings page shows.
 */
export const EVENT_KINDS = {
  "health.down": "Instance down",
  "health.degraded": "Instance degraded",
  "health.recovered": "Instance recovered",
  "job.failed": "Job failed",
  "job.awaiting_approval": "Job waits for an approval",
  "job.awaiting_task": "Job waits for a human task",
  "wave.completed": "Wave completed",
  "wave.paused": "Wave paused",
  "wave.aborted": "Wave aborted",
} as const;

export type EventKind = keyof typeof EVENT_KINDS;
export const EVENT_KIND_NAMES = Object.keys(EVENT_KINDS) as EventKind[];
