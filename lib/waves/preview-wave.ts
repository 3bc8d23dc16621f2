import { db } from "../db/client";
import { checkInPlace, checkMinorSteps, checkStrategy } from "./create-wave";
import { listReleases } from "../releases/list-releases";
import { pickWaveInstances } from "./pick-instances";
import type { CreateWaveBody } from "./wave-schema";

export interface WavePreview {
  total: number;
  batches: number;
  /** The first instances in wave order (at most `limit`), each with its batch. */
  instances: { slug: string; version: string; batch: number }[];
  /** Instances per current version, so a filter's reach is visible before starting. */
  fromVersions: { version: string; count: number }[];
}

/** What `POST /api/waves` with this body would upgrade, in which batches; refuses what it would refuse. */
export async function previewWave(body: CreateWaveBody, limit = 200): Promise<WavePreview> {
  const releases = await listReleases();
  checkStrategy(releases, body);
  const picked = await pickWaveInstances(db, body);
  checkInPlace(releases, picked, body);
  checkMinorSteps(releases, picked, body);
  const perVersion = new Map<string, number>();
  for (const i of picked) perVersion.set(i.version, (perVersion.get(i.version) ?? 0) + 1);
  return {
    total: picked.length,
    batches: Math.ceil(picked.length / body.batchSize),
    instances: picked.slice(0, limit).map((i, n) => ({ slug: i.slug, version: i.version, batch: Math.floor(n / body.batchSize) })),
    fromVersions: [...perVersion].map(([version, count]) => ({ version, count })),
  };
}
