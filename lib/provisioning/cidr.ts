/**
 * IPv4 CIDR blocks for an instance's allowlist: `a.b.c.d/n`, prefix 0–32, written as the
 * network address (10.1.0.0/16, not 10.1.2.3/16, which a firewall would silently widen).
 * Returns an error message, or null when the block is valid.
 */
export function cidrProblem(cidr: string): string | null {
  // An "allowlist" that admits every address is a public instance without SSO: refuse it by name.
  if (cidr === "0.0.0.0/0" || cidr === "::/0") return `"${cidr}" admits every address; an allowlist must name the customer's networks (choose public access with SSO instead)`;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return `"${printable(cidr)}" is not an IPv4 CIDR block like 203.0.113.0/24`;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (m.slice(1, 5).some((o) => o.length > 1 && o.startsWith("0"))) return `"${cidr}" has an octet with a leading zero`;
  if (octets.some((o) => o > 255)) return `"${cidr}" has an octet above 255`;
  if (prefix > 32) return `"${cidr}" has a prefix above /32`;
  if (prefix === 0) return `"${cidr}" admits every address; an allowlist must name the customer's networks`;
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  if (network !== address) return `"${cidr}" is not a network address; did you mean ${formatIp(network)}/${prefix}?`;
  return null;
}

/** Problems of a whole list: each invalid block, then duplicates. */
export function cidrListProblems(cidrs: string[]): string[] {
  const problems = cidrs.map(cidrProblem).filter((p): p is string => p !== null);
  const seen = new Set<string>();
  for (const c of cidrs) {
    if (seen.has(c)) problems.push(`"${printable(c)}" is listed twice`);
    seen.add(c);
  }
  return problems;
}

function formatIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** Keeps hostile input out of messages that are echoed back. */
function printable(s: string): string {
  const clean = s.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
