import { db } from "../db/client";
import { checkHealthz, getVersion, removeMaintenanceNotice } from "../sourcegraph";
import { versionOrder } from "../instances/versions";
import type { StepContext } from "../runbooks/types";
import { makeDatabaseWritable } from "./database";
import { instanceOf, servingDeployment, withSourcegraph } from "./deployment";
import type { UpgradeParams } from "./upgrade-params";

/**
 * ALWAYS RESTORE (BRIEF §7): after a failure or cancel, whatever step it happened at:
 * 1. the load balancer stays on a deployment that passed its health checks: the old colour
 *    until the switch, the new (checked) colour after it; it is never moved to an unchecked one;
 * 2. the serving database is writable, proven by a write probe from a new session;
 * 3. only then the maintenance notice goes (a notice over a read-only site is the honest state);
 * 4. the instance's record says what actually serves. Every step is safe to repeat.
 */
export async function restoreUpgrade(ctx: StepContext, params: UpgradeParams): Promise<void> {
  let instance = instanceOf(ctx);
  let servingNew = false;
  let servingVm = instance.vmName;
  if (params.strategy === "red-black") {
    const before = ctx.detailOf("snapshot") as { liveVm?: string } | null;
    const serving = await servingDeployment(ctx);
    // Once users are on the new colour it passed the health checks and takes writes: going
    // back would lose them, so the load balancer stays; a sick new colour is for a person.
    servingNew = !!before?.liveVm && serving.vm !== before.liveVm;
    servingVm = serving.vm;
    if (servingVm !== instance.vmName) {
      // The switch went through but the step stopped before recording it.
      instance = await db.instance.update({ where: { id: instance.id }, data: { vmName: servingVm } });
      ctx.instance = instance;
    }
    const health = await withSourcegraph(ctx, servingVm, ({ baseUrl }) => checkHealthz(baseUrl)).catch((e: Error) => ({ ok: false, detail: e.message }));
    const what = serving.colour ?? "the hand-built deployment";
    ctx.log(`restore: the load balancer points at ${what} (${servingVm}, ${servingNew ? "the new deployment, health-checked before the switch" : "the deployment that was serving"}); /healthz ${health.ok ? "ok" : health.detail}`);
    if (!health.ok) ctx.log("restore: WARNING the serving deployment does not answer /healthz; a person must look at it now");
  }
  try {
    await makeDatabaseWritable(ctx, servingVm);
  } catch (e) {
    await db.instance.update({ where: { id: instance.id }, data: { status: "maintenance" } });
    ctx.log("restore: the serving database is NOT confirmed writable; the maintenance notice stays up");
    throw e;
  }
  ctx.log("restore: the serving database is writable (write probe passed)");
  const reported = await withSourcegraph(ctx, servingVm, async ({ baseUrl, token }) => {
    await removeMaintenanceNotice(baseUrl, token);
    ctx.log("restore: the maintenance notice is removed");
    return servingNew || params.strategy === "in-place" ? readVersion(baseUrl) : null;
  });
  const version = reported === params.version ? params.version : instance.version;
  await db.instance.update({ where: { id: instance.id }, data: { status: "active", version, versionOrder: versionOrder(version) } });
  ctx.log(`restore: instance back to active on ${version}`);
}

/** What /__version says, asked a few times: a busy frontend must not make us record the wrong version. */
async function readVersion(baseUrl: string): Promise<string | null> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const v = await getVersion(baseUrl).catch(() => null);
    if (v) return v;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return null;
}

const recentRestores = new Map<string, number>();

/**
 * Runs the restore once per failure. The runbook calls it when a step fails; the engine's
 * restore hook may call it again right after, which is then skipped.
 */
export async function restoreAfterFailure(ctx: StepContext, params: UpgradeParams): Promise<void> {
  recentRestores.set(ctx.jobId, Date.now());
  await runRestore(ctx, params);
}

export async function restoreFromEngine(ctx: StepContext, params: UpgradeParams): Promise<void> {
  const at = recentRestores.get(ctx.jobId);
  recentRestores.delete(ctx.jobId);
  if (at !== undefined && Date.now() - at < 60_000) return ctx.log("restore: already done when the step failed");
  await runRestore(ctx, params);
}

async function runRestore(ctx: StepContext, params: UpgradeParams) {
  ctx.log("restore: making the instance safe (load balancer, writable database, notice off)");
  await restoreUpgrade(ctx, params);
}
