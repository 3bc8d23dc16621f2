import { isIP } from "node:net";
import { PEER_ADDRESS_HEADER, trustProxy, type TrustProxy } from "./trust-proxy";

export interface RequestOrigin {
  /** The client's address: audit source IP and rate-limit key. */
  ip: string | null;
  /** The host the client asked for: what a same-origin Origin header must name. */
  host: string | null;
}

/**
 * Who sent a request and to which host, believing X-Forwarded-For / X-Forwarded-Host only
 * as far as TRUST_PROXY says: from anyone else they are whatever a client chose to write.
 */
export function requestOrigin(headers: Headers, trust: TrustProxy = trustProxy()): RequestOrigin {
  const peer = normalize(headers.get(PEER_ADDRESS_HEADER));
  const host = headers.get("host");
  if (trust.kind === "none" || !peer) return { ip: peer, host };
  // Each proxy appends the address it received the request from; the socket peer is the last hop.
  const chain = [...(headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter((a): a is string => a !== null), peer];
  let client = peer;
  let proxied = false;
  if (trust.kind === "hops") {
    proxied = trust.hops > 0;
    client = chain[Math.max(0, chain.length - 1 - trust.hops)];
  } else {
    let i = chain.length - 1;
    while (i > 0 && isTrusted(trust, chain[i])) i--;
    proxied = i < chain.length - 1;
    client = chain[i];
  }
  const forwardedHost = proxied ? headers.get("x-forwarded-host")?.split(",")[0].trim() : undefined;
  return { ip: client, host: forwardedHost || host };
}

function isTrusted(trust: Extract<TrustProxy, { kind: "cidrs" }>, address: string): boolean {
  return trust.list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** An address as written in headers: `::ffff:1.2.3.4` is 1.2.3.4; garbage is nothing. */
function normalize(value: string | null | undefined): string | null {
  const v = value?.trim().replace(/^\[|\]$/g, "").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return v && isIP(v) ? v : null;
}
