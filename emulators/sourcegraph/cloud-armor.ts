import net from "node:net";

/**
 * Cloud Armor as the load balancer applies it (REALITY.md: an IP allowlist is a security
 * policy on the backend service, default rule deny): rules are tried from the lowest
 * priority number up, the first whose match covers the client's address decides, and a deny
 * is answered by Google's front end itself, before the request reaches the VM.
 *
 * Modelled: `match.versionedExpr: "SRC_IPS_V1"` with `config.srcIpRanges` (addresses, CIDRs,
 * `*`), actions `allow` and `deny(403|404|502)`, and `preview: true` rules (logged, never
 * enforced). Not modelled: CEL `match.expr` rules (they never match here) and throttle,
 * rate-based ban and redirect actions (treated as allow).
 */
export interface SecurityPolicyRule {
  priority?: number;
  action?: string;
  preview?: boolean;
  match?: { versionedExpr?: string; config?: { srcIpRanges?: string[] }; expr?: unknown };
}

export interface SecurityPolicyDoc {
  name?: string;
  rules?: SecurityPolicyRule[];
}

export type ArmorVerdict = { allowed: true; priority: number | null } | { allowed: false; status: number; priority: number };

/** The priority GCP gives a policy's default rule (it matches `*`). */
export const DEFAULT_RULE_PRIORITY = 2147483647;

export function evaluateSecurityPolicy(policy: SecurityPolicyDoc | null, clientIp: string): ArmorVerdict {
  if (!policy) return { allowed: true, priority: null };
  const ip = unmapIpv4(clientIp);
  const rules = [...(policy.rules ?? [])]
    .filter((rule) => !rule.preview)
    .sort((a, b) => (a.priority ?? DEFAULT_RULE_PRIORITY) - (b.priority ?? DEFAULT_RULE_PRIORITY));
  for (const rule of rules) {
    if (!matches(rule, ip)) continue;
    const priority = rule.priority ?? DEFAULT_RULE_PRIORITY;
    const deny = /^deny\((\d{3})\)$/.exec(rule.action ?? "");
    return deny ? { allowed: false, status: Number(deny[1]), priority } : { allowed: true, priority };
  }
  return { allowed: true, priority: null };
}

const REASONS: Record<number, string> = { 403: "Forbidden", 404: "Not Found", 502: "Bad Gateway" };

/** The page Google's front end answers a Cloud Armor deny with (text/html). */
export function cloudArmorDenyBody(status: number): string {
  const reason = REASONS[status] ?? "Error";
  return `<!doctype html><meta charset="utf-8"><meta name=viewport content="width=device-width, initial-scale=1"><title>${status}</title>${status} ${reason}`;
}

function matches(rule: SecurityPolicyRule, ip: string): boolean {
  if (rule.match?.versionedExpr !== "SRC_IPS_V1") return false;
  return (rule.match.config?.srcIpRanges ?? []).some((range) => inRange(ip, range));
}

function inRange(ip: string, range: string): boolean {
  if (range.trim() === "*") return true;
  const [address, prefixText] = range.trim().split("/");
  const family = net.isIP(address);
  if (family === 0 || net.isIP(ip) !== family) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return false;
  const list = new net.BlockList();
  list.addSubnet(address, prefix, type);
  return list.check(ip, type);
}

/** `::ffff:203.0.113.7` (an IPv4 client on a dual-stack socket) → `203.0.113.7`. */
export function unmapIpv4(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1] : ip;
}
