/**
 * Where the control plane keeps secrets (service-account keys, the instance admin password):
 * the database stores only the reference `put` returns, never the value (BRIEF §1).
 * Implementations never log or echo values, and their errors name secrets, not contents.
 */
export type SecretRef = string;

export interface SecretStore {
  /** Stores `value` under `name` and returns the reference to keep. */
  put(name: string, value: string): Promise<SecretRef>;
  /** The value a reference points at. */
  get(ref: SecretRef): Promise<string>;
  /** Deletes the secret a reference points at (deleting an instance); `deleted: false` when it was gone. */
  delete(ref: SecretRef): Promise<{ deleted: boolean }>;
}

export type SecretErrorCode =
  | "invalid-name"
  | "invalid-ref"
  | "not-found"
  /** The stored ciphertext (or the file around it) was changed. */
  | "tampered"
  /** Encrypted with another key than the one configured. */
  | "wrong-key"
  /** The configured key is malformed or its file is readable by others. */
  | "bad-key"
  | "too-large"
  | "unavailable";

export class SecretError extends Error {
  override readonly name = "SecretError";
  constructor(
    readonly code: SecretErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// Secret Manager's rule for secret ids, used by both stores so a name valid in demo mode is
// valid in production. It also keeps names safe as file names (no '/', no '..').
const NAME_RE = /^[A-Za-z0-9_-]{1,255}$/;

/** Secret Manager's limit for one version's payload. */
export const MAX_SECRET_BYTES = 64 * 1024;

export function assertSecretName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw new SecretError("invalid-name", `Invalid secret name ${JSON.stringify(name.slice(0, 80))}: use 1-255 letters, digits, '-' or '_'`);
  }
}

export function assertSecretSize(name: string, value: string): void {
  if (Buffer.byteLength(value, "utf8") > MAX_SECRET_BYTES) {
    throw new SecretError("too-large", `Secret ${name} is larger than ${MAX_SECRET_BYTES} bytes`);
  }
}
