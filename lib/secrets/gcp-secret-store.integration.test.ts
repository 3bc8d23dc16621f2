import { parseConfig } from "../config/load-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcpEmulator, type GcpEmulator } from "../../emulators/gcp/server";
import { createProject, failNextCalls } from "../../emulators/gcp/state";
import { createSecretManagerApi } from "../gcp/secret-manager";
import { GcpSecretStore } from "./gcp-secret-store";
import { SecretError } from "./secret-store";
import { secretStoreFromEnv } from "./secret-store-from-env";

const CTL = "sourcegraph-managed-ctl";
const KEY_FILE = '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE..."}';

let emulator: GcpEmulator;
let api: ReturnType<typeof createSecretManagerApi>;

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  await createProject(emulator.pool, CTL);
  api = createSecretManagerApi({ settings: { apiEndpoint: emulator.url }, callOptions: { retry: null, timeout: 5000 } });
});

afterAll(async () => {
  await api?.close();
  await emulator?.close();
});

const codeOf = (p: Promise<unknown>) => p.then(() => "resolved", (e: unknown) => (e instanceof SecretError ? e.code : `not a SecretError: ${String(e)}`));

describe("GcpSecretStore against Secret Manager through the real client", () => {
  it("adds a version per put, creating the secret once, and reads each version back", async () => {
    const store = new GcpSecretStore(api, CTL);
    const first = await store.put("acme-deploy-key", KEY_FILE);
    const second = await store.put("acme-deploy-key", "rotated");
    expect([first, second]).toEqual([
      `gcp-sm://projects/${CTL}/secrets/acme-deploy-key/versions/1`,
      `gcp-sm://projects/${CTL}/secrets/acme-deploy-key/versions/2`,
    ]);
    expect(await store.get(first)).toBe(KEY_FILE);
    expect(await store.get(second)).toBe("rotated");
  });

  it("answers a second createSecret with ALREADY_EXISTS, which the adapter treats as created", async () => {
    const { SecretManagerServiceClient } = await import("@google-cloud/secret-manager");
    const { buildClientOptions } = await import("../gcp/client-options");
    const raw = new SecretManagerServiceClient(buildClientOptions({ apiEndpoint: emulator.url }) as ConstructorParameters<typeof SecretManagerServiceClient>[0]);
    const req = { parent: `projects/${CTL}`, secretId: "twice", secret: { replication: { automatic: {} } } };
    await raw.createSecret(req, { retry: null });
    await expect(raw.createSecret(req, { retry: null })).rejects.toMatchObject({ status: 409 });
    await raw.close();
    await expect(api.createSecret({ project: CTL, secretId: "twice" })).resolves.toBeUndefined();
  });

  it("reports a missing version as not-found and a failing API as unavailable, without the value", async () => {
    const store = new GcpSecretStore(api, CTL);
    expect(await codeOf(store.get(`gcp-sm://projects/${CTL}/secrets/acme-deploy-key/versions/9`))).toBe("not-found");
    expect(await codeOf(store.get(`gcp-sm://projects/${CTL}/secrets/never-stored/versions/1`))).toBe("not-found");
    await failNextCalls(emulator.pool, { method: "secretmanager.projects.secrets.addVersion", project: CTL });
    const err = await store.put("acme-admin-password", "hunter2-secret").catch((e: unknown) => e as SecretError);
    expect(err).toMatchObject({ code: "unavailable" });
    expect((err as SecretError).message).toContain("acme-admin-password");
    expect((err as SecretError).message).not.toContain("hunter2");
    expect(await codeOf(new GcpSecretStore(api, "sourcegraph-managed-nope").put("x", "y"))).toBe("unavailable");
  });

  it("is what secretStoreFromEnv builds for SECRETS_GCP_PROJECT", async () => {
    const store = secretStoreFromEnv(parseConfig({ SECRETS_GCP_PROJECT: CTL, GCP_API_ENDPOINT: emulator.url }));
    const ref = await store.put("from-env", "value");
    expect(await store.get(ref)).toBe("value");
  });
});
