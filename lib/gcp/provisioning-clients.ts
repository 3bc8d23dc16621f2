import type { CloudBillingClient } from "@google-cloud/billing";
import type { ProjectsClient } from "@google-cloud/resource-manager";
import type { ServiceUsageClient } from "@google-cloud/service-usage";
import type { iam_v1 } from "@googleapis/iam";
import { GoogleAuth, type OAuth2Client } from "google-auth-library";
import { billingLibrary, iamLibrary, resourceManagerLibrary, serviceUsageLibrary } from "./load-client-libraries";
import {
  buildClientOptions,
  DEFAULT_CALL_OPTIONS,
  gcpSettingsFromEnv,
  parseApiEndpoint,
  type GcpCallOptions,
  type GcpSettings,
} from "./client-options";

const CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
// Emulator tokens never expire, so the clients never try to refresh them (see client-options.ts).
const FAR_FUTURE = Date.UTC(2100, 0, 1);

/** What an HTTP JSON client needs: google-auth-library's `request` (an OAuth2Client or GoogleAuth). */
export interface RestAuth {
  request(opts: { url: string; method?: string; data?: unknown; timeout?: number; retry?: boolean }): Promise<{ data: unknown }>;
}

/**
 * The clients for provisioning a managed instance's project (RUNBOOK "Creating a new managed
 * instance"): Resource Manager, Cloud Billing, Service Usage and IAM, plus Cloud DNS in the
 * infrastructure project. With GCP_API_ENDPOINT all of them go to the emulator's one origin.
 */
export interface ProvisioningClients {
  projects: ProjectsClient;
  billing: CloudBillingClient;
  serviceUsage: ServiceUsageClient;
  iam: iam_v1.Iam;
  /** Cloud DNS has no usable Node client (see dns-records.ts): authenticated REST calls under this base URL. */
  dns: { auth: RestAuth; baseUrl: string };
  callOptions: GcpCallOptions;
  settings: GcpSettings;
  close(): Promise<void>;
}

export function createProvisioningClients(opts: { settings?: GcpSettings; callOptions?: GcpCallOptions } = {}): ProvisioningClients {
  const settings = opts.settings ?? gcpSettingsFromEnv();
  // Each client gets its own options object because the constructors mutate it. The
  // @google-cloud packages bundle an older google-gax/google-auth-library than compute's; they
  // only call the auth client's fetch/getRequestHeaders, which both versions share.
  const gaxOptions = () => buildClientOptions(settings) as ConstructorParameters<typeof ProjectsClient>[0];
  const projects = new (resourceManagerLibrary().ProjectsClient)(gaxOptions());
  const billing = new (billingLibrary().CloudBillingClient)(gaxOptions());
  const serviceUsage = new (serviceUsageLibrary().ServiceUsageClient)(gaxOptions());
  return {
    projects,
    billing,
    serviceUsage,
    iam: createIamClient(settings),
    dns: createDnsAuth(settings),
    callOptions: opts.callOptions ?? DEFAULT_CALL_OPTIONS,
    settings,
    async close() {
      await Promise.all([projects.close(), billing.close(), serviceUsage.close()]);
    },
  };
}

let shared: ProvisioningClients | undefined;

/** One set per process, configured from the environment on first use. */
export function defaultProvisioningClients(): ProvisioningClients {
  shared ??= createProvisioningClients();
  return shared;
}

/**
 * IAM Admin through @googleapis/iam (googleapis-common): its `rootUrl` replaces the host, and
 * its auth client must come from its own google-auth-library (its requests use that version's
 * gaxios options).
 */
function createIamClient(settings: GcpSettings): iam_v1.Iam {
  const { iam, auth: iamAuth } = iamLibrary();
  if (!settings.apiEndpoint) return iam({ version: "v1", auth: new iamAuth.GoogleAuth({ scopes: [CLOUD_PLATFORM] }) });
  const authClient = new iamAuth.OAuth2();
  authClient.setCredentials({ access_token: settings.accessToken ?? "emulator", expiry_date: FAR_FUTURE });
  return iam({ version: "v1", auth: authClient, rootUrl: `${originOf(settings.apiEndpoint)}/` });
}

function createDnsAuth(settings: GcpSettings): ProvisioningClients["dns"] {
  if (!settings.apiEndpoint) return { auth: new GoogleAuth({ scopes: [CLOUD_PLATFORM] }), baseUrl: "https://dns.googleapis.com/dns/v1" };
  return { auth: buildClientOptions(settings).authClient as OAuth2Client, baseUrl: `${originOf(settings.apiEndpoint)}/dns/v1` };
}

function originOf(endpoint: string): string {
  const { host, port, protocol } = parseApiEndpoint(endpoint);
  return `${protocol}://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
