import { invalid } from "./errors";

type Doc = Record<string, unknown>;

// GCP's rule for resource names (RFC 1035 label, at most 63 characters).
const NAME_RE = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The request's resource body, or GCP's 400 when there is none. */
export function requireResource(body: unknown): Doc {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalid("Required field 'resource' not specified");
  return body as Doc;
}

export function requireResourceName(resource: Doc): string {
  const name = resource.name;
  if (typeof name !== "string" || !NAME_RE.test(name)) {
    throw invalid(`Invalid value for field 'resource.name': '${String(name ?? "")}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'`);
  }
  return name;
}

export function pick(doc: Doc, keys: string[]): Doc {
  return Object.fromEntries(keys.filter((k) => doc[k] !== undefined).map((k) => [k, doc[k]]));
}

export function omit(doc: Doc, keys: string[]): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !keys.includes(k)));
}

export const asString = (v: unknown) => (typeof v === "string" ? v : undefined);
