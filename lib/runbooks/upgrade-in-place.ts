import { restartFrontend, upgradeInPlace } from "../ssh";
import { recordReleaseInPlace } from "../upgrades/colour-deployment";
import { vmOptions } from "../upgrades/deployment";
import type { UpgradeParams } from "../upgrades/upgrade-params";
import type { StepDefinition } from "./types";
import { healthStep, noticeOffStep, noticeOnStep, readOnlyStep, recordVersionStep, snapshotStep, writableStep } from "./upgrade-steps";

/** In place: only for releases without database changes (the handbook's rule). */
export function inPlaceSteps(p: UpgradeParams): StepDefinition[] {
  return [
    noticeOnStep(p),
    readOnlyStep,
    snapshotStep(p),
    writableStep("writable", "Make the database writable"),
    {
      key: "commit-release",
      name: `Record ${p.version} in the deployment's Terraform (commit, apply)`,
      kind: "automated",
      run: async (ctx) => recordReleaseInPlace(ctx, p.version),
    },
    { key: "switch-version", name: `Move to ${p.version} (its compose file, pull, up -d; migrator)`, kind: "automated", run: async (ctx) => upgradeInPlace(vmOptions(ctx), p.version) },
    { key: "restart", name: "Restart the frontend", kind: "automated", run: async (ctx) => restartFrontend(vmOptions(ctx)) },
    healthStep(p, `Check health and /__version ${p.version}`),
    noticeOffStep,
    recordVersionStep(p),
  ];
}
