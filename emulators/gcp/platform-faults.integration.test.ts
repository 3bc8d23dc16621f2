import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkBilling } from "../../lib/gcp/billing";
import type { GcpCallOptions } from "../../lib/gcp/client-options";
import { upsertARecord } from "../../lib/gcp/dns-records";
import type { GcpError } from "../../lib/gcp/errors";
import { createProject } from "../../lib/gcp/projects";
import { createProvisioningClients, type ProvisioningClients } from "../../lib/gcp/provisioning-clients";
import { createServiceAccountKey } from "../../lib/gcp/service-account-keys";
import { createServiceAccount } from "../../lib/gcp/service-accounts";
import { enableService } from "../../lib/gcp/services";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { failNextCalls } from "./state";

const CALL: GcpCallOptions = { retry: null, timeout: 5000 };
const P = "sourcegraph-managed-faulty";
const ZONE = { dnsProject: "sourcegraph-infrastructure", managedZone: "sourcegraph-com" };

let emulator: GcpEmulator;
let clients: ProvisioningClients;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  clients = createProvisioningClients({ settings: { apiEndpoint: emulator.url }, callOptions: CALL });
});

afterAll(async () => {
  await clients?.close();
  await emulator?.close();
});

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GcpError);

describe("fault injection on the provisioning APIs", () => {
  it("fails project creation once, scoped to the project id in the request body", async () => {
    await failNextCalls(emulator.pool, { method: "cloudresourcemanager.projects.create", project: P });
    expect(await createProject({ projectId: "sourcegraph-managed-other", displayName: "other" }, clients)).toMatchObject({ created: true });
    const err = await failure(createProject({ projectId: P, displayName: "faulty" }, clients));
    expect(err).toMatchObject({ kind: "failed", httpStatus: 503 });
    expect(err?.message).toContain("currently unavailable");
    expect(await createProject({ projectId: P, displayName: "faulty" }, clients)).toMatchObject({ created: true });
  });

  it("fails while polling the create operation; the re-run finds the project made", async () => {
    const id = "sourcegraph-managed-polled";
    await failNextCalls(emulator.pool, { method: "cloudresourcemanager.operations.get", error: "internal" });
    expect(await failure(createProject({ projectId: id, displayName: "polled" }, clients))).toMatchObject({ kind: "failed", httpStatus: 500 });
    expect(await createProject({ projectId: id, displayName: "polled" }, clients)).toMatchObject({ created: false, state: "ACTIVE" });
  });

  it("fails billing, enabling a service and minting a key with chosen errors", async () => {
    await failNextCalls(emulator.pool, { method: "cloudbilling.projects.updateBillingInfo", project: P, error: "permissionDenied" });
    expect(await failure(linkBilling({ projectId: P, billingAccount: "012345-6789AB-CDEF01" }, clients))).toMatchObject({ kind: "permission-denied" });
    await linkBilling({ projectId: P, billingAccount: "012345-6789AB-CDEF01" }, clients);

    await failNextCalls(emulator.pool, { method: "serviceusage.services.enable", error: "quotaExceeded" });
    expect(await failure(enableService({ projectId: P, service: "compute.googleapis.com" }, clients))).toMatchObject({ httpStatus: 429 });
    expect(await enableService({ projectId: P, service: "compute.googleapis.com" }, clients)).toMatchObject({ state: "ENABLED" });

    const sa = await createServiceAccount({ projectId: P, accountId: "deploy", displayName: "deploy" }, clients);
    await failNextCalls(emulator.pool, { method: "iam.projects.serviceAccounts.keys.create", project: P, error: "permissionDenied" });
    expect(await failure(createServiceAccountKey({ projectId: P, email: sa.email }, clients))).toMatchObject({ kind: "permission-denied", httpStatus: 403 });
  });

  it("fails DNS record creation under its short alias dns.rrsets.create", async () => {
    await failNextCalls(emulator.pool, { method: "dns.rrsets.create", project: ZONE.dnsProject, times: 2 });
    const record = { ...ZONE, name: "faulty.sourcegraph.com.", ip: "34.5.6.7" };
    expect(await failure(upsertARecord(record, clients))).toMatchObject({ kind: "failed", httpStatus: 503 });
    expect(await failure(upsertARecord(record, clients))).toMatchObject({ kind: "failed" });
    expect(await upsertARecord(record, clients)).toMatchObject({ action: "created" });
    await failNextCalls(emulator.pool, { method: "dns.resourceRecordSets.patch" });
    expect(await failure(upsertARecord({ ...record, ip: "34.5.6.8" }, clients))).toMatchObject({ kind: "failed" });
  });
});
