import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCertificateStatus } from "../../lib/gcp/certificates";
import type { GcpCallOptions } from "../../lib/gcp/client-options";
import { createGcpClients, type GcpClients } from "../../lib/gcp/clients";
import { GcpError } from "../../lib/gcp/errors";
import { getVmStatus } from "../../lib/gcp/vm";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { clearFaults, failNextCalls, provisionCertificateAfterReads, seedProject } from "./state";

const CALL: GcpCallOptions = { retry: null, timeout: 5000 };
const A = "sourcegraph-managed-a";
const B = "sourcegraph-managed-b";
const ZONE = "us-central1-f";

let emulator: GcpEmulator;
let clients: GcpClients;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  clients = createGcpClients({ settings: { apiEndpoint: emulator.url }, callOptions: CALL });
  await seedProject(emulator.pool, { project: A, zone: ZONE });
  await seedProject(emulator.pool, { project: B, zone: ZONE });
});

afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

const insertVm = (project: string, name: string) =>
  clients.instances.insert({ project, zone: ZONE, instanceResource: { name } }, CALL).then(
    () => "ok",
    (e: unknown) => e as { code: number; message: string },
  );

describe("fault injection", () => {
  it("fails the next call once, in one project only, then works", async () => {
    await failNextCalls(emulator.pool, { method: "compute.instances.insert", project: A });
    expect(await insertVm(B, "vm-1")).toBe("ok");
    const first = await insertVm(A, "vm-1");
    expect(first).toMatchObject({ code: 14 });
    expect((first as { message: string }).message).toContain("currently unavailable");
    expect(await insertVm(A, "vm-1")).toBe("ok");
  });

  it("fails a method N times in every project, with a chosen error", async () => {
    await failNextCalls(emulator.pool, { method: "compute.instances.get", times: 2, error: "permissionDenied" });
    const read = () => getVmStatus({ project: A, zone: ZONE }, clients).catch((e: unknown) => e as GcpError);
    expect(await read()).toMatchObject({ kind: "permission-denied" });
    expect(await getVmStatus({ project: B, zone: ZONE }, clients).catch((e: unknown) => e)).toMatchObject({ kind: "permission-denied" });
    expect(await read()).toBe("RUNNING");
  });

  it("fails exactly once under concurrent calls", async () => {
    await failNextCalls(emulator.pool, { method: "compute.instances.get", project: B });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => getVmStatus({ project: B, zone: ZONE }, clients).then(() => "ok", () => "failed")),
    );
    expect(results.filter((r) => r === "failed")).toHaveLength(1);
  });

  it("clears armed faults", async () => {
    await failNextCalls(emulator.pool, { method: "compute.instances.get", times: 5 });
    await clearFaults(emulator.pool);
    expect(await getVmStatus({ project: A, zone: ZONE }, clients)).toBe("RUNNING");
  });
});

describe("scripted certificate", () => {
  it("stays PROVISIONING for N reads, then is ACTIVE for good", async () => {
    expect(await provisionCertificateAfterReads(emulator.pool, { project: A, reads: 3 })).toBe(true);
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) seen.push(await getCertificateStatus({ project: A }, clients));
    expect(seen).toEqual(["PROVISIONING", "PROVISIONING", "PROVISIONING", "ACTIVE", "ACTIVE"]);
    const [cert] = await clients.sslCertificates.get({ project: A, sslCertificate: "default-ssl-cert" }, CALL);
    expect(cert.managed?.domainStatus).toEqual({ "a.sourcegraph.com": "ACTIVE" });
  });

  it("is ACTIVE at once with zero reads, and reports a missing certificate", async () => {
    expect(await provisionCertificateAfterReads(emulator.pool, { project: B, reads: 0 })).toBe(true);
    expect(await getCertificateStatus({ project: B }, clients)).toBe("ACTIVE");
    expect(await provisionCertificateAfterReads(emulator.pool, { project: B, name: "nope", reads: 2 })).toBe(false);
  });
});
