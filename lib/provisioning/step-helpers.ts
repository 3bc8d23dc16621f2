import type { Instance, Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { StepError, type StepContext } from "../runbooks/types";
import { createTerraformRunner, type TerraformCommandResult, type TerraformRunner, type TerraformRunnerOptions } from "../terraform";

export function instanceOf(ctx: StepContext): Instance {
  if (!ctx.instance) throw new StepError("the job has no instance");
  return ctx.instance;
}

export type SecretRefKey = "serviceAccountKey" | "adminPassword" | "sourcegraphToken";

export function secretRefOf(instance: Instance, key: SecretRefKey): string | null {
  const refs = (instance.secretRefs ?? {}) as Record<string, unknown>;
  return typeof refs[key] === "string" ? (refs[key] as string) : null;
}

/** Keeps a reference (never the secret) on the instance. One job per instance, so no race. */
export async function saveSecretRef(instanceId: string, key: SecretRefKey, ref: string): Promise<void> {
  const row = await db.instance.findUniqueOrThrow({ where: { id: instanceId }, select: { secretRefs: true } });
  const refs = { ...((row.secretRefs ?? {}) as Record<string, unknown>), [key]: ref };
  await db.instance.update({ where: { id: instanceId }, data: { secretRefs: refs as Prisma.InputJsonValue } });
}

/** Secret names: letters, digits, '-' (Secret Manager ids); one per instance and purpose. */
export const secretName = (slug: string, purpose: string) => `${slug}-${purpose}`;

/**
 * Polls `check` until it reports done, logging its progress line whenever it changes and at
 * least every `heartbeatMs`, so a long wait (the certificate: hours) shows it is alive.
 */
export async function waitUntil(
  ctx: StepContext,
  opts: { what: string; timeoutMs: number; everyMs: number; remedy: string; heartbeatMs?: number },
  check: () => Promise<{ done: boolean; progress: string }>,
): Promise<string> {
  const started = Date.now();
  let last = "";
  let lastLogged = 0;
  for (;;) {
    if (ctx.signal.aborted) throw new StepError(`cancelled while waiting for ${opts.what}`);
    const { done, progress } = await check();
    const elapsed = formatDuration(Date.now() - started);
    if (done) {
      ctx.log(`${progress} (after ${elapsed})`);
      return progress;
    }
    if (progress !== last || Date.now() - lastLogged >= (opts.heartbeatMs ?? 60_000)) {
      ctx.log(`waiting for ${opts.what}: ${progress} (${elapsed} so far, giving up after ${formatDuration(opts.timeoutMs)})`);
      last = progress;
      lastLogged = Date.now();
    }
    if (Date.now() - started > opts.timeoutMs) throw new StepError(`${opts.what} did not happen within ${formatDuration(opts.timeoutMs)}; last seen: ${progress}`, opts.remedy);
    await sleep(opts.everyMs, ctx.signal);
  }
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * The one way a step gets a Terraform runner: bound to the step's cancel signal, its output
 * in the job's log, waiting up to 60 s for a state lock another run holds.
 */
export function stepTerraformRunner(ctx: StepContext, options: Pick<TerraformRunnerOptions, "workingDir" | "env" | "secrets">): TerraformRunner {
  return createTerraformRunner({ ...options, signal: ctx.signal, lockTimeout: "60s", onLine: (_stream, line) => ctx.log(line) });
}

/** The one check of a terraform command's result in step code: a failure as a StepError: what ran, where, its errors, what to do. */
export function checkTerraform<T extends TerraformCommandResult>(result: T, workingDir: string): T {
  if (result.ok) return result;
  const command = `terraform ${result.args.join(" ")}`;
  const why = result.cancelled ? "was cancelled" : result.timedOut ? "timed out" : `exited with ${result.exitCode}`;
  const errors = result.errors.length ? `: ${result.errors.join("; ")}` : "";
  throw new StepError(
    `\`${command}\` in ${workingDir} ${why}${errors}`,
    result.knownFailure?.remedy ?? "Read the Terraform output above, fix the cause (or the deployment in that directory), then retry the job: this step runs again from the start and is safe to repeat.",
  );
}
