import type { AssetServiceClient } from "@google-cloud/asset";
import { apiTarget, callApi } from "./call-api";
import { buildClientOptions, DEFAULT_CALL_OPTIONS, gcpSettingsFromEnv, type GcpCallOptions, type GcpSettings } from "./client-options";
import { GcpError } from "./errors";
import { assetLibrary } from "./load-client-libraries";
import type { VmStatus } from "./vm";

export const VM_ASSET_TYPE = "compute.googleapis.com/Instance";
const PAGE_SIZE = 500;

/** `projects/P/zones/Z/instances/N`: how a VM is looked up in the fleet's states. */
export const vmKey = (project: string, zone: string, vmName: string) => `projects/${project}/zones/${zone}/instances/${vmName}`;

export interface FleetVmStates {
  /** vmKey → status, for every VM of every project under the scope. */
  states: Map<string, VmStatus>;
  pages: number;
  /** Pages asked again after a 429 (quota: 400 searches per minute per consumer project). */
  quotaRetries: number;
}

export interface FleetSearchClient {
  asset: AssetServiceClient;
  settings: GcpSettings;
  callOptions: GcpCallOptions;
  close(): Promise<void>;
}

export function createFleetSearchClient(opts: { settings?: GcpSettings; callOptions?: GcpCallOptions } = {}): FleetSearchClient {
  const settings = opts.settings ?? gcpSettingsFromEnv();
  const asset = new (assetLibrary().AssetServiceClient)(buildClientOptions(settings) as ConstructorParameters<typeof AssetServiceClient>[0]);
  return { asset, settings, callOptions: opts.callOptions ?? DEFAULT_CALL_OPTIONS, close: () => asset.close() };
}

/**
 * The status of every VM of the fleet in a few calls: Cloud Asset Inventory's
 * `searchAllResources` under the fleet's folder or organization (`GCP_PROJECT_PARENT`), 500
 * per page. A page refused for quota (429 RESOURCE_EXHAUSTED, which the client library does
 * not retry) is asked again after a growing pause, until `deadlineMs` has passed.
 */
export async function searchFleetVmStates(
  scope: string,
  client: FleetSearchClient,
  opts: { deadlineMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<FleetVmStates> {
  const target = apiTarget(client, "Cloud Asset API", "cloudasset.googleapis.com");
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (opts.deadlineMs ?? 120_000);
  const states = new Map<string, VmStatus>();
  let pageToken: string | undefined;
  let pages = 0;
  let quotaRetries = 0;
  do {
    const request = { scope, assetTypes: [VM_ASSET_TYPE], pageSize: PAGE_SIZE, pageToken: pageToken ?? "" };
    let backoff = 1_000;
    for (;;) {
      try {
        const [results, , response] = await callApi(target, `${scope} (searchAllResources)`, () =>
          client.asset.searchAllResources(request, { ...client.callOptions, autoPaginate: false }),
        );
        for (const r of results) {
          const key = /^\/\/compute\.googleapis\.com\/(projects\/[^/]+\/zones\/[^/]+\/instances\/[^/]+)$/.exec(r.name ?? "")?.[1];
          if (key && r.state) states.set(key, r.state as VmStatus);
        }
        pageToken = response?.nextPageToken || undefined;
        pages++;
        break;
      } catch (e) {
        if (!isQuotaError(e) || Date.now() + backoff > deadline) throw e;
        quotaRetries++;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  } while (pageToken);
  return { states, pages, quotaRetries };
}

function isQuotaError(e: unknown): boolean {
  return e instanceof GcpError && (e.httpStatus === 429 || e.grpcCode === 8);
}
