import { config } from "../config/load-config";
import { restoreAfterFailure, restoreFromEngine } from "../upgrades/restore-upgrade";
import type { UpgradeParams } from "../upgrades/upgrade-params";
import { implementRunbook } from "./implement-runbook";
import { upgradeMetadata } from "./metadata/upgrade";
import type { StepDefinition } from "./types";
import { StepError } from "./types";
import { inPlaceSteps } from "./upgrade-in-place";
import { redBlackSteps } from "./upgrade-red-black";

/**
 * Upgrade one instance (BRIEF §7, RUNBOOK "Upgrade process"), red/black or in place.
 * ALWAYS RESTORE: once the notice is on, any failure or cancel puts the instance back in a
 * safe state (see lib/upgrades/restore-upgrade.ts). A failing step restores before it
 * reports the failure; the engine's restore hook covers cancels.
 */
export const upgradeRunbook = implementRunbook(upgradeMetadata, {
  steps: (p) => (p.strategy === "in-place" ? inPlaceSteps(p) : redBlackSteps(p)),
  wrap: restoring,
  restore: (ctx) => restoreFromEngine(ctx, ctx.params as UpgradeParams),
});

function restoring(p: UpgradeParams, def: StepDefinition): StepDefinition {
  if (def.kind !== "automated" || !def.run) return def;
  const work = def.run;
  return {
    ...def,
    async run(ctx) {
      try {
        const result = await work(ctx);
        if (p.failAt === def.key && config().UPGRADE_FAULT_INJECTION) throw new StepError(`injected failure after "${def.name}" (test hook)`);
        return result;
      } catch (e) {
        // A cancel is restored by the engine's hook once the step has stopped.
        if (!ctx.signal.aborted) {
          ctx.log(`✖ ${def.name} failed (${e instanceof Error ? e.message : String(e)}); restoring a safe state before the job stops`);
          try {
            await restoreAfterFailure(ctx, p);
            ctx.log("↺ restore finished: database writable (probed), notice removed, load balancer on a healthy deployment");
          } catch (re) {
            ctx.log(`✖ restore failed: ${re instanceof Error ? re.message : String(re)}. A person must check the instance now.`);
          }
        }
        throw e;
      }
    },
  };
}
