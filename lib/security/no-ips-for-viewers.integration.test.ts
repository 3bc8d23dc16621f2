import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressesIn } from "../auth/hide-addresses";
import { db } from "../db/client";
import { closePool } from "../db/pool";
import { createJob } from "../jobs/create-job";
import { makeActor, makeInstance } from "../testing/factories";
import { ROUTE_PERMISSIONS } from "./access-expectations";
import { discoverRoutes } from "./discover-routes";
import { invokeRoute } from "./invoke-route";
import { createSecurityFixtures, sampleParams, type SecurityFixtures } from "./security-fixtures";

process.env.NEXTAUTH_SECRET = "no-ips-for-viewers-secret-0123456789abcdef";

const routes = await discoverRoutes();
const GLOBAL_IP = "35.190.77.12";
const NAT_IPS = ["34.121.4.5", "34.121.4.6"];
const IPV6 = "2600:1900:4000:77::12";
const ADDRESSES = [GLOBAL_IP, ...NAT_IPS, IPV6];

let fx: SecurityFixtures;
let waveId: string;

/**
 * An instance whose addresses appear everywhere they really do: its row, a refresh job's
 * step details (Terraform outputs, provisioning IPs), errors, a log line, health check
 * results, a wave's per-instance error and pause reason.
 */
beforeAll(async () => {
  fx = await createSecurityFixtures();
  const instance = await makeInstance({ globalIp: GLOBAL_IP, natIps: NAT_IPS });
  await db.instance.update({
    where: { id: instance.id },
    data: { healthChecks: [{ name: "frontend", ok: false, detail: `GET http://${GLOBAL_IP}/healthz: connection refused; egress ${NAT_IPS[0]}` }] },
  });
  const operator = await makeActor("operator");
  const job = await createJob(operator, { kind: "refresh", instanceSlug: instance.slug });
  await db.jobStep.updateMany({
    where: { jobId: job.id },
    data: {
      status: "succeeded",
      detail: { globalAddress: GLOBAL_IP, globalIp: GLOBAL_IP, natIps: NAT_IPS, outputs: { global_address: { value: GLOBAL_IP }, ipv6: { value: IPV6 } } },
      error: `terraform: address ${NAT_IPS[1]} already in use`,
    },
  });
  await db.job.update({ where: { id: job.id }, data: { status: "failed", error: `Find the external IPs: ${GLOBAL_IP} not reachable`, lastSeq: 1 } });
  await db.jobLog.create({ data: { jobId: job.id, seq: 1, stream: "stdout", line: `global address ${GLOBAL_IP}, NAT ${NAT_IPS.join(", ")}` } });
  const wave = await db.wave.create({
    data: { targetVersion: "5.10.0", batchSize: 5, status: "paused", pausedReason: `${instance.slug} failed: ${GLOBAL_IP} refused`, createdBy: operator.email },
  });
  await db.waveInstance.create({
    data: { waveId: wave.id, instanceId: instance.id, slug: instance.slug, position: 0, batch: 0, state: "failed", fromVersion: "5.9.0", jobId: job.id, error: `health gate: ${NAT_IPS[0]} timed out` },
  });
  waveId = wave.id;
  fx = { ...fx, instanceSlug: instance.slug, jobId: job.id };
});
afterAll(async () => {
  await closePool();
});

describe("a viewer (no ips:read) never receives an instance's address", () => {
  it("the fixtures do carry the addresses (a support user sees them)", async () => {
    const job = routes.find((r) => r.key === "GET /api/jobs/[id]")!;
    const res = await invokeRoute(job, { params: { id: fx.jobId }, headers: { authorization: `Bearer ${fx.byRole.support.token}` } });
    expect(res.status).toBe(200);
    for (const ip of ADDRESSES) expect(res.text).toContain(ip);
  });

  it("in any API response: JSON, the log as SSE, JSON and text", async () => {
    const viewer = fx.byRole.viewer;
    const leaks: string[] = [];
    let reached = 0;
    for (const route of routes.filter((r) => r.method === "GET" && ROUTE_PERMISSIONS[r.key] !== "next-auth")) {
      const params = await sampleParams(route, fx, viewer);
      if (route.pattern.startsWith("/api/waves/[id]")) params.id = waveId;
      const queries = route.key === "GET /api/jobs/[id]/logs" ? ["format=json", "format=text", "format=sse"] : ["", `instance=${fx.instanceSlug}`, `q=${GLOBAL_IP}`];
      for (const query of queries) {
        const res = await invokeRoute(route, { params, query, headers: { authorization: `Bearer ${viewer.token}` } });
        if (res.status === 200) reached++;
        const found = addressesIn(res.text);
        if (found.length) leaks.push(`${route.key}?${query} (${res.status}): ${found.join(", ")}`);
      }
    }
    expect(reached, "the viewer reached no route at all").toBeGreaterThan(8);
    expect(leaks).toEqual([]);
  });
});
