import { createGcpClients, GcpError, listSnapshots, type GcpClients } from "../gcp";
import { findInstanceRow } from "../instances/get-instance";

export interface SnapshotView {
  name: string;
  sizeGb: number;
  /** manual, scheduled, upgrade or final; null for a snapshot someone took by hand in GCP. */
  reason: string | null;
  /** The day pruning may delete it; null: kept (final, or upgrade snapshots until the policy's year). */
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
  // GCP out of reach is not this page's fault: say so beside an empty list (the page still renders).
  const all = await listSnapshots({ project: i.gcpProjectId }, clients()).catch((e: unknown) => {
    if (e instanceof GcpError) return e;
    throw e;
  });
  if (all instanceof GcpError) return { items: [], unavailable: `GCP could not list the snapshots: ${all.message}` };
  const items = all
    .filter((s) => !s.labels.instance || s.labels.instance === i.slug)
    .map((s) => ({ name: s.name, sizeGb: s.diskSizeGb, reason: s.labels.purpose ?? null, expires: s.labels.expires ?? null, createdAt: s.createdAt, status: s.status }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { items };
}
