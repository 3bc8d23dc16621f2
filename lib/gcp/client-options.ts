import type { InstancesClient } from "@google-cloud/compute";
import { OAuth2Client } from "google-auth-library";
import { config, type Config } from "../config/load-config";

/** Options accepted by every `@google-cloud/compute` client constructor. */
export type ComputeClientOptions = NonNullable<ConstructorParameters<typeof InstancesClient>[0]>;

export interface GcpSettings {
  /** e.g. http://127.0.0.1:4010; unset means the real compute.googleapis.com. */
  apiEndpoint?: string;
  /** Bearer token sent to `apiEndpoint`; the emulator accepts any. */
  accessToken?: string;
}

/** Per-call options. Tests pass `{ retry: null, timeout }` so a failure fails instead of retrying for minutes. */
export interface GcpCallOptions {
  timeout?: number;
  retry?: null;
}

export const DEFAULT_CALL_OPTIONS: GcpCallOptions = { timeout: 30_000 };

export function gcpSettingsFromEnv(c: Config = config()): GcpSettings {
  return { apiEndpoint: c.GCP_API_ENDPOINT, accessToken: c.GCP_ACCESS_TOKEN?.trim() || undefined };
}

export interface ParsedEndpoint {
  host: string;
  port: number;
  protocol: "http" | "https";
}

/** "http://127.0.0.1:4010" or "127.0.0.1:4010" (http assumed) → host, port, protocol. */
export function parseApiEndpoint(endpoint: string): ParsedEndpoint {
  const withScheme = /^[a-z]+:\/\//i.test(endpoint) ? endpoint : `http://${endpoint}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`GCP_API_ENDPOINT is not a valid URL: ${endpoint}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`GCP_API_ENDPOINT must be http or https: ${endpoint}`);
  }
  if (url.pathname !== "/" && url.pathname !== "") {
    // The REST transport always appends /compute/v1/..., so a base path would be dropped silently.
    throw new Error(`GCP_API_ENDPOINT must not have a path: ${endpoint}`);
  }
  const protocol = url.protocol === "https:" ? "https" : "http";
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port ? Number(url.port) : protocol === "https" ? 443 : 80,
    protocol,
  };
}

// Tokens for the emulator never expire; a past or missing expiry would make the client
// try to refresh, which an OAuth2Client without a refresh token cannot do.
const FAR_FUTURE = Date.UTC(2100, 0, 1);

/**
 * Client options from settings. With an endpoint, the REST transport (`fallback: true`) is
 * pointed at it and authenticated with a preset token; the port must go in `port` (the
 * transport ignores a port inside `apiEndpoint`). Without one, the clients use Application
 * Default Credentials (GOOGLE_APPLICATION_CREDENTIALS or the metadata server).
 */
export function buildClientOptions(settings: GcpSettings = gcpSettingsFromEnv()): ComputeClientOptions {
  if (!settings.apiEndpoint) return { fallback: true };
  const { host, port, protocol } = parseApiEndpoint(settings.apiEndpoint);
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: settings.accessToken ?? "emulator", expiry_date: FAR_FUTURE });
  return { apiEndpoint: host, port, protocol, fallback: true, authClient };
}

/** Where calls go, for error messages. */
export function describeEndpoint(settings: GcpSettings): string {
  return settings.apiEndpoint ?? "https://compute.googleapis.com";
}
