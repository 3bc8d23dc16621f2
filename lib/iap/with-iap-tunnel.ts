import { openIapTunnel, type IapTunnel, type OpenIapTunnelOptions } from "./open-iap-tunnel";

/**
 * Opens a tunnel, runs `fn` with its base URL (e.g. `http://127.0.0.1:51234`, the VM's Caddy
 * as if it were local) and always closes the tunnel afterwards, whether `fn` succeeded,
 * threw, or was cancelled through `options.signal`.
 *
 *   await withIapTunnel({ project, zone, vm: "prod-red", signal }, (baseUrl) => siteInit(baseUrl, admin));
 */
export async function withIapTunnel<T>(options: OpenIapTunnelOptions, fn: (baseUrl: string, tunnel: IapTunnel) => Promise<T>): Promise<T> {
  const tunnel = await openIapTunnel(options);
  try {
    return await fn(tunnel.baseUrl, tunnel);
  } finally {
    await tunnel.close();
  }
}
