import type { GcpCallOptions, GcpSettings } from "./client-options";
import { toGcpError } from "./errors";

/** Where one API's calls go and how to name it in errors. */
export interface ApiTarget {
  /** Shown in "unreachable at ..." messages. */
  endpoint: string;
  api: string;
  callOptions: GcpCallOptions;
}

export function apiTarget(clients: { settings: GcpSettings; callOptions: GcpCallOptions }, api: string, host: string): ApiTarget {
  return { endpoint: clients.settings.apiEndpoint ?? `https://${host}`, api, callOptions: clients.callOptions };
}

/** Runs one call, turning whatever it throws into a GcpError about `resource`. */
export async function callApi<T>(target: ApiTarget, resource: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toGcpError(err, resource, target.endpoint, target.api);
  }
}

/** googleapis-common and gaxios take `retry: false` where google-gax takes `retry: null`. */
export function restCallOptions(callOptions: GcpCallOptions): { timeout?: number; retry: boolean } {
  return { timeout: callOptions.timeout, retry: callOptions.retry !== null };
}
