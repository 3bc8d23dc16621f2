import { AppError } from "../errors/app-error";
import { forceUnlockRunbook } from "./force-unlock";
import { provisionRunbook } from "./provision";
import { refreshRunbook } from "./refresh";
import { LIFECYCLE_RUNBOOKS } from "./lifecycle";
import { selftestRunbook } from "./selftest";
import { upgradeRunbook } from "./upgrade";
import { upgradeWaveRunbook } from "./upgrade-wave";
import type { Runbook } from "./types";

/** Every job kind the workers can run. */
const RUNBOOKS: Runbook[] = [refreshRunbook, selftestRunbook, provisionRunbook, upgradeRunbook as Runbook, upgradeWaveRunbook, forceUnlockRunbook as Runbook, ...LIFECYCLE_RUNBOOKS];

export const JOB_KINDS = RUNBOOKS.map((r) => r.kind);

export function runbookFor(kind: string): Runbook {
  const r = RUNBOOKS.find((x) => x.kind === kind);
  if (!r) throw new AppError("bad_request", `unknown job kind "${kind}"`);
  return r;
}
