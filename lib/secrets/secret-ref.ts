import { assertSecretName, SecretError, type SecretRef } from "./secret-store";

/** `local://<name>`: a secret in the local encrypted store (demo mode). */
export function localRef(name: string): SecretRef {
  assertSecretName(name);
  return `local://${name}`;
}

export interface GcpSecretVersion {
  project: string;
  secret: string;
  /** A version number; refs always pin one, never "latest", so a stored ref never changes meaning. */
  version: string;
}

/** `gcp-sm://projects/<p>/secrets/<name>/versions/<n>`: one version in GCP Secret Manager. */
export function gcpRef(v: GcpSecretVersion): SecretRef {
  return `gcp-sm://projects/${v.project}/secrets/${v.secret}/versions/${v.version}`;
}

const LOCAL_RE = /^local:\/\/([^/]+)$/;
const GCP_RE = /^gcp-sm:\/\/projects\/([a-z][a-z0-9-]{4,28}[a-z0-9])\/secrets\/([^/]+)\/versions\/([1-9][0-9]*)$/;

export function parseLocalRef(ref: SecretRef): string {
  const name = LOCAL_RE.exec(ref)?.[1];
  if (!name) throw invalidRef(ref, "local://<name>");
  assertSecretName(name);
  return name;
}

export function parseGcpRef(ref: SecretRef): GcpSecretVersion {
  const m = GCP_RE.exec(ref);
  if (!m) throw invalidRef(ref, "gcp-sm://projects/<project>/secrets/<name>/versions/<n>");
  assertSecretName(m[2]);
  return { project: m[1], secret: m[2], version: m[3] };
}

function invalidRef(ref: string, expected: string): SecretError {
  return new SecretError("invalid-ref", `Not a secret reference of the form ${expected}: ${JSON.stringify(ref.slice(0, 200))}`);
}
