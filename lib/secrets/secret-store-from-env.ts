import path from "node:path";
import { GcpSecretStore, type SecretManagerApi } from "./gcp-secret-store";
import { LocalSecretStore } from "./local-secret-store";
import { SecretError, type SecretStore } from "./secret-store";

export const DEFAULT_SECRETS_DIR = ".data/secrets";

/**
 * Demo mode (DEMO_MODE=1) or an explicit SECRETS_DIR: the local encrypted store. Otherwise
 * GCP Secret Manager in SECRETS_GCP_PROJECT, through `secretManager` (lib/gcp's adapter).
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
  if (!deps.secretManager) throw new SecretError("unavailable", "GCP Secret Manager is selected but no Secret Manager adapter was given");
  return new GcpSecretStore(deps.secretManager, project);
}
