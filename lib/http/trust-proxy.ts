import { config } from "../config/load-config";
import { BlockList, isIP } from "node:net";

/**
 * Which forwarding headers to believe (`TRUST_PROXY`). Unset: none; the client is the socket
 * peer and the host is `Host`. A hop count (`1` behind one load balancer): that many
 * proxies sit in front of the web, each appending to X-Forwarded-For. A comma-separated
 * list of addresses or CIDRs: the proxies' own addresses.
 */
export type TrustProxy =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "cidrs"; list: BlockList; text: string };

/**
 * The header the web server (server.ts) sets to the socket's remote address on every
 * request, overwriting whatever a client sent: a route handler cannot see the socket.
 */
export const PEER_ADDRESS_HEADER = "x-managed-instances-peer";

export function parseTrustProxy(value: string | undefined): { trust: TrustProxy; problem: string | null } {
  const text = value?.trim() ?? "";
  if (!text || text === "0" || text === "false") return { trust: { kind: "none" }, problem: null };
  if (/^\d{1,2}$/.test(text)) return { trust: { kind: "hops", hops: Number(text) }, problem: null };
  const list = new BlockList();
  const bad: string[] = [];
  for (const entry of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || extra !== undefined || !/^\d{0,3}$/.test(bits ?? "") || prefix > (family === 6 ? 128 : 32)) {
      bad.push(entry);
      continue;
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  if (bad.length) {
    return {
      trust: { kind: "none" },
      problem: `TRUST_PROXY has entries that are neither an address nor a CIDR: ${bad.join(", ")}. Set it to the proxies' addresses or CIDRs (e.g. 10.0.0.0/8,35.191.0.0/16) or to a hop count (e.g. 1)`,
    };
  }
  return { trust: { kind: "cidrs", list, text }, problem: null };
}

let cached: TrustProxy | undefined;
/** The process's setting, read once (a bad value is refused at start: see instrumentation.ts). */
export function trustProxy(): TrustProxy {
  cached ??= parseTrustProxy(config().TRUST_PROXY).trust;
  return cached;
}
