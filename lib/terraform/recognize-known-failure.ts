/**
 * Recognises Terraform failures that the runbook already explains, so the job page can show
 * the cause and the remedy instead of leaving an operator to search the log.
 *
 * Matches on GCP's stable error *reason* (`resourceInUseByAnotherResource`) rather than on
 * the surrounding prose, and tolerates what the log does to text: ANSI colours, the `│ `
 * frame Terraform draws around diagnostics, and long lines wrapped onto several.
 */

export type KnownFailureCode = "neg_in_use" | "state_locked";

export interface KnownFailure {
  code: KnownFailureCode;
  title: string;
  /** What to do, as one paragraph for display. */
  remedy: string;
  /** The same remedy as ordered steps. */
  steps: string[];
  /** Resource GCP refused to delete or change, e.g. projects/p/zones/z/networkEndpointGroups/prod-neg. */
  resource: string | null;
  /** The resource that still uses it, e.g. projects/p/global/backendServices/prod-backend-service. */
  usedBy: string | null;
  /** The log line where the error was found. */
  line: string;
  /** state_locked: the lock's ID (for `terraform force-unlock`) and who holds it. */
  lock?: { id: string | null; who: string | null; operation: string | null; created: string | null };
}

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
/** Terraform frames diagnostics with box-drawing characters; strip them before matching. */
const FRAME = /^[\s│╷╵]+/;

const IN_USE_REASON = "resourceInUseByAnotherResource";
const IN_USE_SENTENCE =
  /The\s+(\w+)\s+resource\s+'([^']+)'\s+is\s+already\s+being\s+used\s+by\s+'([^']+)'/;

export function recognizeKnownFailure(outputLines: readonly string[]): KnownFailure | null {
  const lines = outputLines.map((l) => l.replace(ANSI, "").replace(FRAME, ""));
  return recognizeStateLock(lines, outputLines) ?? recognizeNegInUse(lines, outputLines);
}

/**
 * "Error acquiring the state lock": another run (a live one, or a dead one that left its
 * `.tflock` in the bucket) holds the deployment's state. Names the holder and the lock ID.
 */
function recognizeStateLock(lines: string[], outputLines: readonly string[]): KnownFailure | null {
  const at = lines.findIndex((l) => /Error acquiring the state lock/.test(l));
  if (at < 0) return null;
  const field = (name: string) => {
    const m = lines.map((l) => new RegExp(`^\\s*${name}:\\s*(\\S.*)$`).exec(l)).find(Boolean);
    return m ? m[1].trim() : null;
  };
  const lock = { id: field("ID"), who: field("Who"), operation: field("Operation"), created: field("Created") };
  const holder = lock.who ? `${lock.who}${lock.operation ? ` (${lock.operation.replace(/^OperationType/, "").toLowerCase()})` : ""}${lock.created ? ` since ${lock.created}` : ""}` : "another run";
  const steps = [
    `Find out whether ${holder} is still running: another job of this instance, or a person with terraform.`,
    "If it is, wait for it to finish, then retry this job.",
    `If it is dead, release its lock: start a force-unlock job (POST /api/instances/<slug>/jobs {"kind":"force-unlock","root":"<the root above>","lockId":"${lock.id ?? "<ID>"}"}, approved by a person), or run terraform force-unlock ${lock.id ?? "<ID>"} in the deployment's folder with the instance's deploy key; then retry.`,
  ];
  return {
    code: "state_locked",
    title: `The deployment's Terraform state is locked by ${holder}`,
    remedy: `Terraform's state lock${lock.id ? ` ${lock.id}` : ""} is held by ${holder}. Two runs on one deployment would corrupt its state, so this one stopped. ${steps.slice(1).join(" ")}`,
    steps,
    resource: field("Path"),
    usedBy: lock.who,
    line: outputLines[at] ?? "",
    lock,
  };
}

function recognizeNegInUse(lines: string[], outputLines: readonly string[]): KnownFailure | null {
  // Search the joined text too, so a sentence wrapped across lines still matches.
  const joined = lines.join(" ").replace(/\s+/g, " ");
  if (!joined.includes(IN_USE_REASON) && !/is already being used by/.test(joined)) return null;

  const match = IN_USE_SENTENCE.exec(joined);
  const kind = match?.[1] ?? null;
  const resource = match?.[2] ?? null;
  const usedBy = match?.[3] ?? null;
  // Point at the most specific line: the reason code, else the sentence, else the API error.
  const at = [IN_USE_REASON, "already being used", "googleapi: Error"]
    .map((needle) => lines.findIndex((l) => l.includes(needle)))
    .find((i) => i >= 0);
  const line = at === undefined ? "" : outputLines[at]!;

  const isNeg = kind === null || kind === "network_endpoint_group" || /networkEndpointGroups\//.test(resource ?? "");
  const what = isNeg ? "network endpoint group" : (kind ?? "resource").replace(/_/g, " ");
  const target = resource ? `the ${what} ${resource}` : `the ${what} named in the error`;
  const user = usedBy ? ` (it is still used by ${usedBy})` : "";

  const steps = [
    `Locate ${target} in GCP yourself${user}: Cloud Console, or gcloud in the instance's project.`,
    "Delete it manually.",
    "Run terraform apply again: retry this job from its plan step (a saved plan cannot be reused once the state has changed).",
  ];

  return {
    code: "neg_in_use",
    title: isNeg
      ? "Network endpoint group is still in use by another resource"
      : `A GCP ${what} is still in use by another resource`,
    remedy:
      "This is a known Terraform ordering bug (RUNBOOK FAQ \"The network_endpoint_group resource ... " +
      "is already being used\"): GCP requires an associated resource to be deleted first, and " +
      "Terraform deletes (or creates) it in the wrong order. Retrying alone does not help. " +
      `To work around it, locate ${target} in GCP yourself${user}, delete it manually, ` +
      "and then run terraform apply again.",
    steps,
    resource,
    usedBy,
    line,
  };
}
