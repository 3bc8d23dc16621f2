import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { JWT } from "google-auth-library";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "../../emulators/gcp/server";
import { seedProject } from "../../emulators/gcp/state";
import { LocalSecretStore } from "../secrets/local-secret-store";
import { linkBilling, getBillingInfo } from "./billing";
import type { GcpCallOptions } from "./client-options";
import { createGcpClients, type GcpClients } from "./clients";
import { GcpError } from "./errors";
import { addIamBinding, getIamPolicy } from "./project-iam";
import { createProject, deleteProject, getProject } from "./projects";
import { createProvisioningClients, type ProvisioningClients } from "./provisioning-clients";
import { createServiceAccountKey, deleteServiceAccountKey, listServiceAccountKeys, storeServiceAccountKey } from "./service-account-keys";
import { createServiceAccount, getServiceAccount, serviceAccountEmail } from "./service-accounts";
import { enableService, getServiceState } from "./services";

// Without retry: null a failing call would be retried with backoff until the test times out.
const CALL: GcpCallOptions = { retry: null, timeout: 5000 };
const PROJECT = "sourcegraph-managed-newco";
const ACCOUNT = "billingAccounts/01A2B3-C4D5E6-F7A8B9";
const DEPLOY = serviceAccountEmail(PROJECT, "deploy");

let emulator: GcpEmulator;
let clients: ProvisioningClients;
let compute: GcpClients;
let secretsDir: string;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  const settings = { apiEndpoint: emulator.url, accessToken: "test-token" };
  clients = createProvisioningClients({ settings, callOptions: CALL });
  compute = createGcpClients({ settings, callOptions: CALL });
  secretsDir = await mkdtemp(path.join(os.tmpdir(), "provisioning-secrets-"));
});

afterAll(async () => {
  await clients?.close();
  await compute?.close();
  await emulator?.close();
  if (secretsDir) await rm(secretsDir, { recursive: true, force: true });
});

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GcpError);

// The runbook's order: project, billing, Compute API, service account, roles, key. Each `it`
// builds on the previous one, as the provisioning steps do.
describe("provisioning a project through the real clients", () => {
  it("creates the project (waiting on its operation) and reports a re-run as not created", async () => {
    const created = await createProject({ projectId: PROJECT, displayName: "Managed newco", labels: { customer: "newco" } }, clients);
    expect(created).toMatchObject({ projectId: PROJECT, displayName: "Managed newco", state: "ACTIVE", parent: "", created: true, labels: { customer: "newco" } });
    expect(created.projectNumber).toMatch(/^\d{12}$/);
    // toEqual ignores the undefined `created`.
    expect(await getProject(PROJECT, clients)).toEqual({ ...created, created: undefined });

    const again = await createProject({ projectId: PROJECT, displayName: "Managed newco" }, clients);
    expect(again).toMatchObject({ created: false, projectNumber: created.projectNumber });
    // The raw API answers a second create like GCP: 409 ALREADY_EXISTS (google-gax 5 passes gaxios' HTTP error through).
    const raw = await failure(clients.projects.createProject({ project: { projectId: PROJECT } }, CALL));
    expect(raw).toMatchObject({ status: 409 });
    expect((raw as unknown as Error).message).toContain('"status":"ALREADY_EXISTS"');
    expect(await failure(createProject({ projectId: PROJECT, displayName: "x-y-z-w", parent: "folders/123" }, clients))).toMatchObject({
      kind: "already-exists",
    });
  });

  it("schedules a project for deletion: DELETE_REQUESTED, still readable, and deleting again changes nothing", async () => {
    const doomed = "sourcegraph-managed-doomed";
    await createProject({ projectId: doomed, displayName: "Managed doomed" }, clients);
    const deleted = await deleteProject(doomed, clients);
    expect(deleted).toMatchObject({ projectId: doomed, state: "DELETE_REQUESTED" });
    expect((await getProject(doomed, clients)).state).toBe("DELETE_REQUESTED");
    expect((await deleteProject(doomed, clients)).state).toBe("DELETE_REQUESTED");
  });

  it("reports a missing project as GCP does (403), and rejects bad ids", async () => {
    expect(await failure(getProject("sourcegraph-managed-nope", clients))).toMatchObject({ kind: "permission-denied", httpStatus: 403 });
    expect(await failure(createProject({ projectId: "Bad_Id", displayName: "Bad id" }, clients))).toMatchObject({ kind: "invalid" });
  });

  it("keeps Compute disabled, and refuses to enable it, until billing is linked", async () => {
    const disabled = await failure(compute.instances.list({ project: PROJECT, zone: "us-central1-f" }, CALL).then(() => undefined));
    expect(disabled).toMatchObject({ code: 7 });
    expect((disabled as Error).message).toContain("Compute Engine API has not been used in project");
    expect(await getServiceState({ projectId: PROJECT, service: "compute.googleapis.com" }, clients)).toBe("DISABLED");

    const noBilling = await failure(enableService({ projectId: PROJECT, service: "compute.googleapis.com" }, clients));
    expect(noBilling).toMatchObject({ kind: "invalid" });
    expect(noBilling?.message).toContain("Billing must be enabled");
  });

  it("links billing once, and refuses to move it to another account", async () => {
    expect(await getBillingInfo(PROJECT, clients)).toEqual({ projectId: PROJECT, billingAccountName: "", billingEnabled: false });
    expect(await linkBilling({ projectId: PROJECT, billingAccount: "01a2b3-c4d5e6-f7a8b9" }, clients)).toEqual({
      projectId: PROJECT,
      billingAccountName: ACCOUNT,
      billingEnabled: true,
      changed: true,
    });
    expect(await linkBilling({ projectId: PROJECT, billingAccount: ACCOUNT }, clients)).toMatchObject({ changed: false });
    expect(await failure(linkBilling({ projectId: PROJECT, billingAccount: "0AAAAA-BBBBBB-CCCCCC" }, clients))).toMatchObject({ kind: "conflict" });
    expect(await failure(linkBilling({ projectId: PROJECT, billingAccount: "nope" }, clients))).toMatchObject({ kind: "invalid" });
  });

  it("enables Compute (idempotently), after which compute calls work", async () => {
    expect(await enableService({ projectId: PROJECT, service: "compute.googleapis.com" }, clients)).toEqual({
      service: "compute.googleapis.com",
      state: "ENABLED",
    });
    expect(await enableService({ projectId: PROJECT, service: "compute.googleapis.com" }, clients)).toMatchObject({ state: "ENABLED" });
    expect(await getServiceState({ projectId: PROJECT, service: "compute.googleapis.com" }, clients)).toBe("ENABLED");
    const [vms] = await compute.instances.list({ project: PROJECT, zone: "us-central1-f" }, CALL);
    expect(vms).toEqual([]);
  });

  it("creates the deploy service account once", async () => {
    const sa = await createServiceAccount({ projectId: PROJECT, accountId: "deploy", displayName: "deploy" }, clients);
    expect(sa).toMatchObject({ email: DEPLOY, projectId: PROJECT, displayName: "deploy", created: true });
    expect(sa.uniqueId).toMatch(/^\d{21}$/);
    expect(await createServiceAccount({ projectId: PROJECT, accountId: "deploy", displayName: "other" }, clients)).toEqual({ ...sa, created: false });
    expect(await getServiceAccount({ projectId: PROJECT, email: DEPLOY }, clients)).toEqual({ ...sa, created: undefined });
    const raw = await failure(clients.iam.projects.serviceAccounts.create({ name: `projects/${PROJECT}`, requestBody: { accountId: "deploy" } }, { retry: false }));
    expect(raw).toMatchObject({ status: 409 });
  });

  it("grants roles idempotently, including concurrent grants, and refuses unknown accounts", async () => {
    const member = `serviceAccount:${DEPLOY}`;
    expect(await addIamBinding({ projectId: PROJECT, role: "roles/compute.admin", member }, clients)).toEqual({ changed: true });
    expect(await addIamBinding({ projectId: PROJECT, role: "roles/compute.admin", member }, clients)).toEqual({ changed: false });
    // Concurrent read-modify-writes collide on the etag (ABORTED) and are retried from a fresh read.
    const roles = ["roles/storage.admin", "roles/editor", "roles/iap.tunnelResourceAccessor", "roles/logging.viewer"];
    await Promise.all(roles.map((role) => addIamBinding({ projectId: PROJECT, role, member }, clients)));
    const policy = await getIamPolicy(PROJECT, clients);
    for (const role of ["roles/compute.admin", ...roles]) expect(policy.bindings.find((b) => b.role === role)?.members).toEqual([member]);
    expect(policy.bindings.find((b) => b.role === "roles/owner")?.members).toEqual(["user:emulator@sourcegraph-managed.local"]);

    const missing = `serviceAccount:${serviceAccountEmail(PROJECT, "nobody")}`;
    expect(await failure(addIamBinding({ projectId: PROJECT, role: "roles/editor", member: missing }, clients))).toMatchObject({ kind: "invalid" });
  });

  it("mints a key straight into the secret store, never exposing it by logging", async () => {
    const store = new LocalSecretStore(secretsDir);
    const { secretRef, key } = await storeServiceAccountKey({ projectId: PROJECT, email: DEPLOY, secretName: "newco-deploy-key" }, store, clients);
    expect(secretRef).toBe("local://newco-deploy-key");
    const file = JSON.parse(await store.get(secretRef)) as Record<string, string>;
    expect(file).toMatchObject({ type: "service_account", project_id: PROJECT, client_email: DEPLOY, private_key_id: key.keyId });
    // A real RSA key: google-auth-library can sign with it.
    const jwt = new JWT({ email: file.client_email, key: file.private_key });
    expect(jwt.key).toContain("BEGIN PRIVATE KEY");
    expect(await listServiceAccountKeys({ projectId: PROJECT, email: DEPLOY }, clients)).toEqual([key]);

    const material = await createServiceAccountKey({ projectId: PROJECT, email: DEPLOY }, clients);
    expect(Buffer.from(material.privateKeyData, "base64").toString()).toBe(material.keyFileJson());
    expect(JSON.stringify(material)).not.toContain("PRIVATE");
    expect(JSON.stringify({ ...material })).not.toContain("PRIVATE");
    expect((await import("node:util")).inspect(material)).not.toContain(material.privateKeyData.slice(0, 20));
    expect(await deleteServiceAccountKey({ projectId: PROJECT, email: DEPLOY, keyId: material.keyId }, clients)).toEqual({ deleted: true });
    expect(await deleteServiceAccountKey({ projectId: PROJECT, email: DEPLOY, keyId: material.keyId }, clients)).toEqual({ deleted: false });
  });

  it("deletes the key again when storing it fails, and stops at GCP's 10 keys per account", async () => {
    const failing = { put: async () => Promise.reject(new Error("store down")), get: async () => "", delete: async () => ({ deleted: false }) };
    await expect(storeServiceAccountKey({ projectId: PROJECT, email: DEPLOY, secretName: "x" }, failing, clients)).rejects.toThrow("store down");
    expect(await listServiceAccountKeys({ projectId: PROJECT, email: DEPLOY }, clients)).toHaveLength(1);

    for (let i = 1; i < 10; i++) await createServiceAccountKey({ projectId: PROJECT, email: DEPLOY }, clients);
    expect(await failure(createServiceAccountKey({ projectId: PROJECT, email: DEPLOY }, clients))).toMatchObject({ kind: "invalid", httpStatus: 400 });
  });

  it("treats seeded projects as running deployments: billed, every API enabled", async () => {
    await seedProject(emulator.pool, { project: "sourcegraph-managed-seeded" });
    expect(await getBillingInfo("sourcegraph-managed-seeded", clients)).toMatchObject({ billingEnabled: true });
    expect(await getServiceState({ projectId: "sourcegraph-managed-seeded", service: "compute.googleapis.com" }, clients)).toBe("ENABLED");
    expect(await createProject({ projectId: "sourcegraph-managed-seeded", displayName: "seeded" }, clients)).toMatchObject({ created: false, state: "ACTIVE" });
  });
});
