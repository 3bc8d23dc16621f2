import { isIP } from "node:net";

/** What a caller without `ips:read` sees where an address was. */
export const HIDDEN_ADDRESS = "[address hidden]";

const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
// Candidates only: isIP decides (so times like 12:30:45 stay).
const IPV6 = /(?<![0-9a-f:])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{0,4}|(?:\d{1,3}\.){3}\d{1,3})(?![0-9a-f:])/gi;

/** A string with every IPv4 and IPv6 address in it replaced. */
export function hideAddressesIn(text: string): string {
  return text
    .replace(IPV6, (m) => (isIP(m) === 6 && /[0-9a-f]/i.test(m) ? HIDDEN_ADDRESS : m))
    .replace(IPV4, (m) => (isIP(m) === 4 ? HIDDEN_ADDRESS : m));
}

/**
 * A copy of a JSON value (a step's detail, a job's parameters, a health check's result) with
 * every address in every string hidden: step details and Terraform outputs carry global and
 * NAT addresses under many names, so the values are filtered, not a list of keys.
 */
export function hideAddresses<T>(value: T): T {
  if (typeof value === "string") return hideAddressesIn(value) as T;
  if (Array.isArray(value)) return value.map((v) => hideAddresses(v)) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hideAddresses(v)])) as T;
  }
  return value;
}

/** Every address in a text, for tests that prove none reaches a caller. */
export function addressesIn(text: string): string[] {
  const found = [...text.matchAll(IPV4)].map((m) => m[0]).filter((m) => isIP(m) === 4);
  found.push(...[...text.matchAll(IPV6)].map((m) => m[0]).filter((m) => isIP(m) === 6 && /[0-9a-f]/i.test(m)));
  return found;
}
