import dns from "node:dns/promises";
import net from "node:net";

/**
 * The local side of `start-iap-tunnel`, as gcloud does it (iap_tunnel.py): the host is
 * resolved and a socket is bound on EVERY address it has (`localhost` → 127.0.0.1 and ::1),
 * all on one port; port 0 means portpicker picks one that is free, announced before the
 * connection test, bound after it.
 */
export async function localAddresses(host: string): Promise<string[]> {
  try {
    const found = await dns.lookup(host, { all: true });
    return [...new Set(found.map((a) => a.address))];
  } catch {
    return [];
  }
}

export async function pickUnusedPort(addresses: string[]): Promise<number | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const probe = await bind(net.createServer(), addresses[0], 0);
    if (probe.kind !== "bound") return null;
    const port = (probe.server.address() as net.AddressInfo).port;
    await close(probe.server);
    if (await portIsFree(addresses, port)) return port;
  }
  return null;
}

/** Free when it binds on at least one of the addresses and is taken on none. */
export async function portIsFree(addresses: string[], port: number): Promise<boolean> {
  const results = await Promise.all(addresses.map((a) => bind(net.createServer(), a, port)));
  await Promise.all(results.map((r) => (r.kind === "bound" ? close(r.server) : undefined)));
  return results.some((r) => r.kind === "bound") && !results.some((r) => r.kind === "busy");
}

/** Listens on every address it can (gcloud keeps going with those); returns the listening servers. */
export async function listenEverywhere<S extends net.Server>(addresses: string[], port: number, makeServer: () => S): Promise<S[]> {
  const servers: S[] = [];
  for (const address of addresses) {
    const result = await bind(makeServer(), address, port);
    if (result.kind === "bound") servers.push(result.server);
  }
  return servers;
}

export function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

type BindResult<S> = { kind: "bound"; server: S } | { kind: "busy" } | { kind: "unavailable" };

function bind<S extends net.Server>(server: S, address: string, port: number): Promise<BindResult<S>> {
  return new Promise((resolve) => {
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "EADDRINUSE" || error.code === "EACCES" ? { kind: "busy" } : { kind: "unavailable" }));
    server.listen({ host: address, port, exclusive: true }, () => resolve({ kind: "bound", server }));
  });
}
