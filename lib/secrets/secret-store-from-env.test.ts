import { parseConfig } from "../config/load-config";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GcpSecretStore, type SecretManagerApi } from "./gcp-secret-store";
import { LocalSecretStore } from "./local-secret-store";
import { secretStoreFromEnv } from "./secret-store-from-env";

const api = {} as SecretManagerApi;

describe("secretStoreFromEnv", () => {
  it("picks the local store for SECRETS_DIR or demo mode", () => {
    const explicit = secretStoreFromEnv(parseConfig({ SECRETS_DIR: "/tmp/s", SECRETS_GCP_PROJECT: "p" }));
    expect(explicit).toBeInstanceOf(LocalSecretStore);
    expect((explicit as LocalSecretStore).dir).toBe("/tmp/s");
    const demo = secretStoreFromEnv(parseConfig({ DEMO_MODE: "1" }));
    expect((demo as LocalSecretStore).dir).toBe(path.resolve(".data/secrets"));
  });
  it("picks GCP Secret Manager otherwise, and says what is missing", () => {
    const store = secretStoreFromEnv(parseConfig({ SECRETS_GCP_PROJECT: "sourcegraph-managed-ctl" }), { secretManager: api });
    expect(store).toBeInstanceOf(GcpSecretStore);
    expect((store as GcpSecretStore).project).toBe("sourcegraph-managed-ctl");
    expect(() => secretStoreFromEnv(parseConfig({}))).toThrow(/SECRETS_GCP_PROJECT/);
  });
  it("uses lib/gcp's Secret Manager adapter when none is given, without loading the client yet", () => {
    const store = secretStoreFromEnv(parseConfig({ SECRETS_GCP_PROJECT: "sourcegraph-managed-ctl", GCP_API_ENDPOINT: "http://127.0.0.1:1" }));
    expect(store).toBeInstanceOf(GcpSecretStore);
  });
});
