import { expect, it } from "vitest";
import type { SnapshotInfo } from "../gcp";
import { expiredSnapshots } from "./expired-snapshots";

const snap = (name: string, labels: Record<string, string>, createdAt = "2026-11-01T00:00:00Z"): SnapshotInfo => ({ name, labels, createdAt, status: "READY", sourceDisk: "", diskSizeGb: 500 });
const NOW = new Date("2026-11-26T12:00:00Z");
const HANDBOOK = { retentionDays: 90, upgradeRetentionDays: 365, keepUpgradeSnapshots: 5 };

it("prunes what expired before today, and upgrade snapshots older than the policy's year; never a final one", () => {
  const all = [
    snap("weekly-old", { purpose: "scheduled", expires: "2026-11-25" }),
    snap("weekly-today", { purpose: "scheduled", expires: "2026-11-26" }),
    snap("manual-new", { purpose: "manual", expires: "2027-02-24" }),
    snap("upgrade-old", { purpose: "upgrade" }, "2025-11-20T00:00:00Z"),
    snap("upgrade-new", { purpose: "upgrade" }, "2026-06-01T00:00:00Z"),
    snap("final", { purpose: "final", expires: "2000-01-01" }),
    snap("someone-elses", {}, "2020-01-01T00:00:00Z"),
  ];
  expect(expiredSnapshots(all, HANDBOOK, NOW).map((s) => s.name)).toEqual(["weekly-old", "upgrade-old"]);
});

it("applies a shortened retention to snapshots already taken", () => {
  const all = [snap("weekly-20-days", { purpose: "scheduled", expires: "2027-02-01" }, "2026-11-06T00:00:00Z"), snap("weekly-5-days", { purpose: "scheduled", expires: "2027-02-20" }, "2026-11-21T00:00:00Z")];
  expect(expiredSnapshots(all, { ...HANDBOOK, retentionDays: 14 }, NOW).map((s) => s.name)).toEqual(["weekly-20-days"]);
});

it("keeps only the newest N upgrade snapshots, however young the others are", () => {
  const all = [1, 2, 3, 4].map((d) => snap(`upgrade-${d}`, { purpose: "upgrade" }, `2026-11-0${d}T00:00:00Z`));
  expect(expiredSnapshots(all, { ...HANDBOOK, keepUpgradeSnapshots: 2 }, NOW).map((s) => s.name).sort()).toEqual(["upgrade-1", "upgrade-2"]);
});
