import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setCertificateStatus, setVmStatus } from "../../emulators/gcp/state";
import { clearFaults, setFaults } from "../../emulators/sourcegraph/state";
import { db } from "../db/client";
import { projectIdForSlug } from "../instances/slug";
import { checkAndRecord } from "./check-and-record";
import { seedAllowlist } from "../../emulators/sourcegraph/testing/seed-allowlist";
import { runCheck, runInstanceChecks } from "./instance-checks";
import { seedEmulatedInstances, startHealthEmulators, type HealthEmulators } from "../../test-support/emulated-fleet";
import type { CheckKey, HealthTarget } from "./types";

// Generous: on a loaded 2-core machine the first Compute call and each fake-gcloud spawn take seconds.
const TIMEOUT = 45_000;
let emulators: HealthEmulators;
let acme: HealthTarget;

beforeAll(async () => {
  emulators = await startHealthEmulators(process.env.DATABASE_URL!);
  [acme] = await seedEmulatedInstances(emulators, ["acme"]);
});
afterAll(() => emulators?.close());
beforeEach(async () => {
  const project = projectIdForSlug("acme");
  await setVmStatus(emulators.gcp.pool, { project, status: "RUNNING" });
  await setCertificateStatus(emulators.gcp.pool, { project, status: "ACTIVE" });
  await clearFaults(emulators.sourcegraph.pool, "acme");
});

const check = (key: CheckKey) => runCheck(key, acme, TIMEOUT);

describe("each health check against the emulators, through the real adapters", () => {
  it("passes every check on a healthy instance", async () => {
    for (const key of ["vm", "healthz", "version", "certificate", "containers"] as const) {
      const r = await check(key);
      expect(r, `${key}: ${r.message}`).toMatchObject({ key, outcome: "pass", ok: true });
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    }
  }, 180_000);

  it("VM status: fails when the VM is not RUNNING", async () => {
    await setVmStatus(emulators.gcp.pool, { project: acme.gcpProjectId, status: "TERMINATED" });
    expect(await check("vm")).toMatchObject({ name: "VM status", outcome: "fail", message: "VM prod is TERMINATED" });
  });

  it("Frontend /healthz: fails while the frontend answers 502", async () => {
    await setFaults(emulators.sourcegraph.pool, "acme", { frontendDown: true });
    expect(await check("healthz")).toMatchObject({ outcome: "fail", message: expect.stringMatching(/HTTP 502/) });
  });

  it("Version: a version other than the one on record is its own finding", async () => {
    await setFaults(emulators.sourcegraph.pool, "acme", { reportedVersion: "5.5.0" });
    expect(await check("version")).toMatchObject({ outcome: "fail", message: "reports 5.5.0, on record 5.10.1" });
  });

  it("SSL certificate: fails when the managed certificate is not ACTIVE", async () => {
    await setCertificateStatus(emulators.gcp.pool, { project: acme.gcpProjectId, status: "PROVISIONING" });
    expect(await check("certificate")).toMatchObject({ outcome: "fail", message: "managed certificate is PROVISIONING" });
  });

  it("Containers: names the unhealthy container; an unreachable VM is an error, not a finding", async () => {
    await setFaults(emulators.sourcegraph.pool, "acme", { unhealthyContainers: ["gitserver-0"] });
    expect(await check("containers")).toMatchObject({ outcome: "fail", message: "gitserver-0 is unhealthy" });
    await setFaults(emulators.sourcegraph.pool, "acme", { sshUnreachable: true });
    expect(await check("containers")).toMatchObject({ outcome: "error", message: expect.stringMatching(/could not check/) });
  });

  it("a check that misses its deadline is an error, and returns at the deadline", async () => {
    const started = Date.now();
    const r = await runCheck("containers", acme, 50);
    expect(r).toMatchObject({ outcome: "error", message: expect.stringMatching(/no result within 50 ms/) });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("an unknown project (API answers 404 for the VM) fails the VM check rather than erroring", async () => {
    const ghost = { ...acme, gcpProjectId: "sourcegraph-managed-ghost" };
    expect(await runCheck("vm", ghost, TIMEOUT)).toMatchObject({ outcome: "fail", message: "VM prod not found" });
  });
});

describe("overall state and history", () => {
  it("records each state change with its time, keeping 'since' while the state holds", async () => {
    const first = await checkAndRecord(acme, TIMEOUT);
    expect(first.state).toBe("healthy");

    await setVmStatus(emulators.gcp.pool, { project: acme.gcpProjectId, status: "STOPPED" });
    const down = await checkAndRecord(acme, TIMEOUT);
    expect(down).toMatchObject({ state: "down", previous: "healthy", changed: true });
    const since = (await db.instance.findUniqueOrThrow({ where: { id: acme.id } })).healthSince;

    const again = await checkAndRecord(acme, TIMEOUT);
    expect(again.changed).toBe(false);
    const row = await db.instance.findUniqueOrThrow({ where: { id: acme.id } });
    expect(row.healthSince).toEqual(since);
    expect(row.health).toBe("down");
    expect((row.healthChecks as { name: string; ok: boolean }[]).filter((c) => !c.ok).map((c) => c.name)).toEqual(["VM status"]);

    await setVmStatus(emulators.gcp.pool, { project: acme.gcpProjectId, status: "RUNNING" });
    await setCertificateStatus(emulators.gcp.pool, { project: acme.gcpProjectId, status: "RENEWAL_FAILED" });
    expect((await checkAndRecord(acme, TIMEOUT)).state).toBe("degraded");
    await setCertificateStatus(emulators.gcp.pool, { project: acme.gcpProjectId, status: "ACTIVE" });
    await setFaults(emulators.sourcegraph.pool, "acme", { sshUnreachable: true });
    expect((await checkAndRecord(acme, TIMEOUT)).state).toBe("unknown");

    const events = await db.healthEvent.findMany({ where: { instanceId: acme.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.previous, e.state, e.failing])).toEqual([
      [null, "healthy", []],
      ["healthy", "down", ["VM status"]],
      ["down", "degraded", ["SSL certificate"]],
      ["degraded", "unknown", ["Containers"]],
    ]);
  }, 240_000);

  it("checks an IP-allowlisted instance's frontend through IAP: its public URL refuses the workers", async () => {
    const [walled] = await seedEmulatedInstances(emulators, ["walled"]);
    await seedAllowlist(emulators.gcp.pool, { project: walled.gcpProjectId, zone: walled.zone, cidrs: ["203.0.113.0/24"] });
    const target = { ...walled, accessMode: "ip_allowlist" as const };
    // The allowlist works: from the worker's address the public URL answers Cloud Armor's 403.
    expect(await runCheck("healthz", target, TIMEOUT)).toMatchObject({ outcome: "fail", message: expect.stringMatching(/403/) });
    const results = await runInstanceChecks(target, TIMEOUT);
    for (const r of results) expect(r, `${r.key}: ${r.message}`).toMatchObject({ outcome: "pass" });
  }, 180_000);
});
