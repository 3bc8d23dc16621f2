import { AppError } from "../errors/app-error";
import { refreshRunbook } from "./refresh";
import { selftestRunbook } from "./selftest";
import type { Runbook } from "./types";

/** Every job kind the workers can run. */
const RUNBOOKS: Runbook[] = [refreshRunbook, selftestRunbook];

export const JOB_KINDS = RUNBOOKS.map((r) => r.kind);

export function runbookFor(kind: string): Runbook {
  const r = RUNBOOKS.find((x) => x.kind === kind);
  if (!r) throw new AppError("bad_request", `unknown job kind "${kind}"`);
  return r;
}
