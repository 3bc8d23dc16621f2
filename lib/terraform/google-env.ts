/**
 * The environment a terraform process gets to reach Google: the instance's own `deploy`
 * service-account key (RUNBOOK: `export GOOGLE_APPLICATION_CREDENTIALS=…deploy key…`), and
 * nothing of the control plane's. The key travels in the child's environment only, never in
 * a file in the deployment directory or a log line (the caller also registers it as a
 * secret for redaction).
 *
 * With an API endpoint (an emulator), the google provider's and the gcs backend's own
 * custom-endpoint variables point there; the rendered files stay byte-for-byte the same as
 * in production.
 */
export interface TerraformGoogleEnvOptions {
  /** The deploy key, as downloaded (JSON). */
  credentialsJson: string;
  /** e.g. http://127.0.0.1:4010; unset for the real Google APIs. */
  apiEndpoint?: string;
}

/** The control plane's own credentials: removed, so only the deploy key can be used. */
const CONTROL_PLANE_CREDENTIALS = [
  "GOOGLE_APPLICATION_CREDENTIALS",
  "GOOGLE_OAUTH_ACCESS_TOKEN",
  "GOOGLE_BACKEND_CREDENTIALS",
  "GOOGLE_BACKEND_IMPERSONATE_SERVICE_ACCOUNT",
  "GOOGLE_IMPERSONATE_SERVICE_ACCOUNT",
  "GCP_ACCESS_TOKEN",
  "CLOUDSDK_AUTH_ACCESS_TOKEN_FILE",
  "CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE",
] as const;

export function terraformGoogleEnv(options: TerraformGoogleEnvOptions): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = Object.fromEntries(CONTROL_PLANE_CREDENTIALS.map((k) => [k, undefined]));
  env.GOOGLE_CREDENTIALS = options.credentialsJson;
  if (options.apiEndpoint) {
    const base = options.apiEndpoint.replace(/\/+$/, "");
    Object.assign(env, {
      GOOGLE_BACKEND_STORAGE_CUSTOM_ENDPOINT: `${base}/storage/v1/`,
      GOOGLE_STORAGE_CUSTOM_ENDPOINT: `${base}/storage/v1/`,
      GOOGLE_COMPUTE_CUSTOM_ENDPOINT: `${base}/compute/v1/`,
      GOOGLE_DNS_CUSTOM_ENDPOINT: `${base}/dns/v1/`,
    });
  }
  return env;
}
