import path from "node:path";
import { gcpSettingsFromEnv } from "../gcp/client-options";
import { createSecretManagerApi } from "../gcp/secret-manager";
import { GcpSecretStore, type SecretManagerApi } from "./gcp-secret-store";
import { LocalSecretStore } from "./local-secret-store";
import { SecretError, type SecretStore } from "./secret-store";

export const DEFAULT_SECRETS_DIR = ".data/secrets";

/**
 * Demo mode (DEMO_MODE=1) or an explicit SECRETS_DIR: the local encrypted store. Otherwise
 * GCP Secret Manager in SECRETS_GCP_PROJECT, through lib/gcp's adapter (the real client, sent
 * to GCP_API_ENDPOINT when set, e.g. the emulator) unless `secretManager` is given.
 */
export function secretStoreFromEnv(
  env: Record<string, string | undefined> = process.env,
  deps: { secretManager?: SecretManagerApi } = {},
): SecretStore {
  const dir = env.SECRETS_DIR?.trim();
  if (dir || env.DEMO_MODE === "1") return new LocalSecretStore(path.resolve(dir || DEFAULT_SECRETS_DIR), env.SECRETS_KEY);
  const project = env.SECRETS_GCP_PROJECT?.trim();
  if (!project) {
    throw new SecretError("unavailable", "No secret store configured: set SECRETS_GCP_PROJECT (GCP Secret Manager), or SECRETS_DIR / DEMO_MODE=1 (local)");
  }
  return new GcpSecretStore(deps.secretManager ?? createSecretManagerApi({ settings: gcpSettingsFromEnv(env) }), project);
}
