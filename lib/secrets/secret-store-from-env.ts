import { config, type Config } from "../config/load-config";
import { gcpSettingsFromEnv } from "../gcp/client-options";
import { createSecretManagerApi } from "../gcp/secret-manager";
import { GcpSecretStore, type SecretManagerApi } from "./gcp-secret-store";
import { LocalSecretStore } from "./local-secret-store";
import { SecretError, type SecretStore } from "./secret-store";

/**
 * Demo mode (DEMO_MODE=1) or an explicit SECRETS_DIR: the local encrypted store. Otherwise
 * GCP Secret Manager in SECRETS_GCP_PROJECT, through lib/gcp's adapter (the real client, sent
 * to GCP_API_ENDPOINT when set, e.g. the emulator) unless `secretManager` is given.
 */
export function secretStoreFromEnv(
  c: Config = config(),
  deps: { secretManager?: SecretManagerApi } = {},
): SecretStore {
  // SECRETS_DIR is absolute; in demo mode it defaults to .data/secrets (lib/config/demo-defaults.ts).
  if (c.SECRETS_DIR) return new LocalSecretStore(c.SECRETS_DIR, c.SECRETS_KEY);
  const project = c.SECRETS_GCP_PROJECT;
  if (!project) {
    throw new SecretError("unavailable", "No secret store configured: set SECRETS_GCP_PROJECT (GCP Secret Manager), or SECRETS_DIR / DEMO_MODE=1 (local)");
  }
  return new GcpSecretStore(deps.secretManager ?? createSecretManagerApi({ settings: gcpSettingsFromEnv(c) }), project);
}
