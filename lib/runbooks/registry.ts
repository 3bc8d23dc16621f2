/**
 * Every runbook the workers can run, with its step code. Only process entry points (the
 * worker, benchmarks, tests) import this and hand it to the engine (executeJob); the web
 * reads lib/runbooks/metadata, which has no step code.
 */
import { driftCheckRunbook, reconcileRunbook } from "./drift";
import { forceUnlockRunbook } from "./force-unlock";
import { importRunbook } from "./import";
import { provisionRunbook } from "./provision";
import { refreshRunbook } from "./refresh";
import { LIFECYCLE_RUNBOOKS } from "./lifecycle";
import { selftestRunbook } from "./selftest";
import type { Runbook, Runbooks } from "./types";
import { upgradeRunbook } from "./upgrade";
import { upgradeWaveRunbook } from "./upgrade-wave";

export const RUNBOOKS: Runbooks = new Map(
  [refreshRunbook, selftestRunbook, provisionRunbook, upgradeRunbook, upgradeWaveRunbook, forceUnlockRunbook, importRunbook, ...LIFECYCLE_RUNBOOKS, driftCheckRunbook, reconcileRunbook].map((r) => [r.kind, r as unknown as Runbook]),
);
