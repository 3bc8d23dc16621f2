import type { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import type { SecretManagerApi } from "../secrets/gcp-secret-store";
import { SecretError } from "../secrets/secret-store";
import { apiTarget, callApi } from "./call-api";
import { buildClientOptions, DEFAULT_CALL_OPTIONS, gcpSettingsFromEnv, type GcpCallOptions, type GcpSettings } from "./client-options";
import { GcpError } from "./errors";

/**
 * GCP Secret Manager behind lib/secrets' SecretManagerApi, for GcpSecretStore. The client is
 * loaded on first use, so importing lib/secrets (demo mode, the web app) doesn't load it.
 * Errors become SecretErrors that name the secret, never its value.
 */
export function createSecretManagerApi(opts: { settings?: GcpSettings; callOptions?: GcpCallOptions } = {}): SecretManagerApi & {
  close(): Promise<void>;
} {
  const settings = opts.settings ?? gcpSettingsFromEnv();
  const callOptions = opts.callOptions ?? DEFAULT_CALL_OPTIONS;
  const target = apiTarget({ settings, callOptions }, "Secret Manager API", "secretmanager.googleapis.com");
  let client: Promise<SecretManagerServiceClient> | undefined;
  const getClient = () =>
    (client ??= import("@google-cloud/secret-manager").then(
      // The package bundles an older google-auth-library; the client only calls the auth client's fetch.
      (m) => new m.SecretManagerServiceClient(buildClientOptions(settings) as ConstructorParameters<typeof m.SecretManagerServiceClient>[0]),
    ));

  const call = async <T>(secret: string, resource: string, fn: (c: SecretManagerServiceClient) => Promise<T>): Promise<T> => {
    try {
      const c = await getClient();
      return await callApi(target, resource, () => fn(c));
    } catch (err) {
      throw toSecretError(err, secret);
    }
  };

  return {
    async createSecret({ project, secretId, labels }) {
      const resource = `projects/${project}/secrets/${secretId}`;
      try {
        await call(secretId, resource, (c) =>
          c.createSecret({ parent: `projects/${project}`, secretId, secret: { replication: { automatic: {} }, labels: labels ?? {} } }, callOptions),
        );
      } catch (err) {
        // The interface's contract: an existing secret counts as created, so `put` can run again.
        if (err instanceof SecretError && err.cause instanceof GcpError && err.cause.kind === "already-exists") return;
        throw err;
      }
    },
    async addSecretVersion({ project, secretId, data }) {
      const parent = `projects/${project}/secrets/${secretId}`;
      const [version] = await call(secretId, parent, (c) => c.addSecretVersion({ parent, payload: { data } }, callOptions));
      // Names carry the project number; only the trailing version number matters here.
      const n = /\/versions\/(\d+)$/.exec(version.name ?? "")?.[1];
      if (!n) throw new SecretError("unavailable", `Secret Manager returned no version number for secret ${secretId}`);
      return { version: n };
    },
    async accessSecretVersion({ project, secretId, version }) {
      const name = `projects/${project}/secrets/${secretId}/versions/${version}`;
      const [res] = await call(secretId, name, (c) => c.accessSecretVersion({ name }, callOptions));
      const data = res.payload?.data;
      if (data === undefined || data === null) throw new SecretError("unavailable", `Secret Manager returned no payload for secret ${secretId}`);
      return typeof data === "string" ? Buffer.from(data, "base64") : Buffer.from(data);
    },
    async deleteSecret({ project, secretId }) {
      const name = `projects/${project}/secrets/${secretId}`;
      try {
        await call(secretId, name, (c) => c.deleteSecret({ name }, callOptions));
        return true;
      } catch (err) {
        if (err instanceof SecretError && err.code === "not-found") return false;
        throw err;
      }
    },
    async close() {
      if (client) await (await client).close();
    },
  };
}

function toSecretError(err: unknown, secret: string): SecretError {
  if (err instanceof SecretError) return err;
  if (err instanceof GcpError && err.kind === "not-found") return new SecretError("not-found", `Secret ${secret} (or that version) does not exist in Secret Manager`, { cause: err });
  const detail = err instanceof Error ? err.message : String(err);
  return new SecretError("unavailable", `Secret Manager failed for secret ${secret}: ${detail}`, { cause: err });
}
