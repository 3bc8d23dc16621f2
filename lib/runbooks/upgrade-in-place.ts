import { restartFrontend, upgradeInPlace } from "../ssh";
import { recordReleaseInPlace } from "../upgrades/colour-deployment";
import { vmOptions } from "../upgrades/deployment";
import type { UpgradeParams } from "../upgrades/upgrade-params";
import type { StepWork } from "./types";
import { healthStep, noticeOffStep, noticeOnStep, readOnlyStep, recordVersionStep, snapshotStep, writableStep } from "./upgrade-steps";

/** In place: only for releases without database changes (the handbook's rule). */
export function inPlaceSteps(p: UpgradeParams): StepWork[] {
  return [
    noticeOnStep(p),
    readOnlyStep,
    snapshotStep(p),
    writableStep("writable"),
    {
      key: "commit-release",
      run: async (ctx) => recordReleaseInPlace(ctx, p.version),
    },
    { key: "switch-version", run: async (ctx) => upgradeInPlace(vmOptions(ctx), p.version) },
    { key: "restart", run: async (ctx) => restartFrontend(vmOptions(ctx)) },
    healthStep(p),
    noticeOffStep,
    recordVersionStep(p),
  ];
}
