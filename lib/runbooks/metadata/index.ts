import { AppError } from "../../errors/app-error";
import { DRIFT_METADATA } from "./drift";
import { forceUnlockMetadata } from "./force-unlock";
import { importMetadata } from "./import";
import { LIFECYCLE_METADATA } from "./lifecycle";
import { provisionMetadata } from "./provision";
import { refreshMetadata } from "./refresh";
import { selftestMetadata } from "./selftest";
import type { RunbookMetadata } from "./types";
import { upgradeMetadata } from "./upgrade";
import { waveMetadata } from "./wave";

export type { RunbookMetadata, StepKind, StepOutline } from "./types";

/**
 * Every job kind, as the web sees it: parameters and step outlines, no step code. The
 * workers' runbooks (lib/runbooks/registry.ts) implement exactly these.
 */
export const RUNBOOK_METADATA: readonly RunbookMetadata[] = [
  refreshMetadata,
  selftestMetadata as RunbookMetadata,
  provisionMetadata,
  upgradeMetadata as RunbookMetadata,
  waveMetadata as RunbookMetadata,
  forceUnlockMetadata as RunbookMetadata,
  importMetadata as RunbookMetadata,
  ...(LIFECYCLE_METADATA as RunbookMetadata[]),
  ...(DRIFT_METADATA as RunbookMetadata[]),
];

export const JOB_KINDS = RUNBOOK_METADATA.map((r) => r.kind);

export function runbookMetadata(kind: string): RunbookMetadata {
  const r = RUNBOOK_METADATA.find((x) => x.kind === kind);
  if (!r) throw new AppError("bad_request", `unknown job kind "${kind}"`);
  return r;
}
