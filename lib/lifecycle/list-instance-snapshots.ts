import { createGcpClients, GcpError, listSnapshots, type GcpClients } from "../gcp";
import { findInstanceRow } from "../instances/get-instance";
import type { BackupPolicy } from "./backup-policy";
import { readEffectiveBackupPolicy } from "./read-backup-policy";

export interface SnapshotView {
  name: string;
  sizeGb: number;
  /** manual, scheduled, upgrade or final; null for a snapshot someone took by hand in GCP. */
  reason: string | null;
  /** The day pruning may delete it under the instance's policy; null: kept (final, or not ours). */
  expires: string | null;
  createdAt: string;
  status: string;
}

// A page waits for this: one try, a short deadline (the default clients retry for 30 s).
let pageClients: GcpClients | undefined;
const clients = () => (pageClients ??= createGcpClients({ callOptions: { retry: null, timeout: 8_000 } }));

/** `GET /api/instances/{slug}/snapshots`: the instance's snapshots as GCP lists them, newest first. */
export async function listInstanceSnapshots(slug: string): Promise<{ items: SnapshotView[]; unavailable?: string }> {
  const i = await findInstanceRow(slug);
  if (i.status === "deleted" || i.status === "provisioning") return { items: [] };
  const policy = await readEffectiveBackupPolicy(i.id);
  // GCP out of reach is not this page's fault: say so beside an empty list (the page still renders).
  const all = await listSnapshots({ project: i.gcpProjectId }, clients()).catch((e: unknown) => {
    if (e instanceof GcpError) return e;
    throw e;
  });
  if (all instanceof GcpError) return { items: [], unavailable: `GCP could not list the snapshots: ${all.message}` };
  const items = all
    .filter((s) => !s.labels.instance || s.labels.instance === i.slug)
    .map((s) => ({ name: s.name, sizeGb: s.diskSizeGb, reason: s.labels.purpose ?? null, expires: expiryOf(s, policy), createdAt: s.createdAt, status: s.status }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { items };
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The earlier of its label and its retention under the current policy (expired-snapshots.ts applies the same rule). */
function expiryOf(s: { labels: Record<string, string>; createdAt: string }, policy: BackupPolicy): string | null {
  const taken = Date.parse(s.createdAt);
  const purpose = s.labels.purpose;
  if (purpose === "upgrade") return Number.isFinite(taken) ? day(taken + policy.upgradeRetentionDays * 86_400_000) : null;
  if (purpose !== "scheduled" && purpose !== "manual") return s.labels.expires ?? null;
  const byPolicy = Number.isFinite(taken) ? day(taken + policy.retentionDays * 86_400_000) : null;
  return [s.labels.expires, byPolicy].filter((d): d is string => !!d).sort()[0] ?? null;
}
