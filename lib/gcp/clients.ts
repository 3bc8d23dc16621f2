import type {
  AddressesClient,
  BackendServicesClient,
  DisksClient,
  GlobalAddressesClient,
  GlobalOperationsClient,
  InstancesClient,
  NetworkEndpointGroupsClient,
  SnapshotsClient,
  SslCertificatesClient,
  ZoneOperationsClient,
} from "@google-cloud/compute";
import { computeLibrary } from "./load-client-libraries";
import {
  buildClientOptions,
  DEFAULT_CALL_OPTIONS,
  describeEndpoint,
  gcpSettingsFromEnv,
  type GcpCallOptions,
  type GcpSettings,
} from "./client-options";
import { toGcpError } from "./errors";

/** The compute clients Managed Instances uses, plus the call options to use with them. */
export interface GcpClients {
  instances: InstancesClient;
  globalAddresses: GlobalAddressesClient;
  addresses: AddressesClient;
  sslCertificates: SslCertificatesClient;
  zoneOperations: ZoneOperationsClient;
  globalOperations: GlobalOperationsClient;
  disks: DisksClient;
  snapshots: SnapshotsClient;
  backendServices: BackendServicesClient;
  networkEndpointGroups: NetworkEndpointGroupsClient;
  callOptions: GcpCallOptions;
  /** Where calls go, for error messages. */
  endpoint: string;
  close(): Promise<void>;
}

export function createGcpClients(opts: { settings?: GcpSettings; callOptions?: GcpCallOptions } = {}): GcpClients {
  const settings = opts.settings ?? gcpSettingsFromEnv();
  // Each client gets its own options object because the constructors mutate it.
  const options = () => buildClientOptions(settings);
  const compute = computeLibrary();
  const clients = {
    instances: new compute.InstancesClient(options()),
    globalAddresses: new compute.GlobalAddressesClient(options()),
    addresses: new compute.AddressesClient(options()),
    sslCertificates: new compute.SslCertificatesClient(options()),
    zoneOperations: new compute.ZoneOperationsClient(options()),
    globalOperations: new compute.GlobalOperationsClient(options()),
    disks: new compute.DisksClient(options()),
    snapshots: new compute.SnapshotsClient(options()),
    backendServices: new compute.BackendServicesClient(options()),
    networkEndpointGroups: new compute.NetworkEndpointGroupsClient(options()),
  };
  return {
    ...clients,
    callOptions: opts.callOptions ?? DEFAULT_CALL_OPTIONS,
    endpoint: describeEndpoint(settings),
    async close() {
      await Promise.all(Object.values(clients).map((c) => c.close()));
    },
  };
}

let shared: GcpClients | undefined;

/** One set of clients per process, configured from the environment on first use. */
export function defaultGcpClients(): GcpClients {
  shared ??= createGcpClients();
  return shared;
}

/** Runs one client call, turning whatever it throws into a GcpError about `resource`. */
export async function callGcp<T>(clients: GcpClients, resource: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toGcpError(err, resource, clients.endpoint);
  }
}
