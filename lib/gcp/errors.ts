/**
 * One error type for every GCP failure, so callers (the refresh job, the UI) can tell "the
 * resource is gone" from "GCP could not be reached" without knowing google-gax's codes.
 */
export type GcpErrorKind =
  | "not-found"
  | "unreachable"
  | "timeout"
  | "unauthenticated"
  | "permission-denied"
  | "invalid"
  | "already-exists"
  /** The resource changed since it was read (stale fingerprint); read again and retry. */
  | "conflict"
  | "failed";

export class GcpError extends Error {
  override readonly name = "GcpError";

  constructor(
    readonly kind: GcpErrorKind,
    /** What was being read, e.g. projects/p/zones/z/instances/prod. */
    readonly resource: string,
    message: string,
    readonly grpcCode?: number,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// gRPC status codes, which google-gax puts in `error.code` for REST calls too.
const GRPC = {
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  INVALID_ARGUMENT: 3,
  ALREADY_EXISTS: 6,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  PERMISSION_DENIED: 7,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "EAI_AGAIN"]);

/** Classifies an error thrown by a compute client call on `resource`. */
export function toGcpError(err: unknown, resource: string, endpoint: string): GcpError {
  if (err instanceof GcpError) return err;
  const e = (err ?? {}) as { code?: unknown; httpStatusCode?: unknown; message?: unknown; details?: unknown };
  const code = typeof e.code === "number" ? e.code : undefined;
  const httpStatus = typeof e.httpStatusCode === "number" ? e.httpStatusCode : undefined;
  const detail = typeof e.message === "string" && e.message ? e.message : String(err);
  const make = (kind: GcpErrorKind, message: string) => new GcpError(kind, resource, message, code, httpStatus, { cause: err });

  if (code === GRPC.NOT_FOUND || httpStatus === 404) return make("not-found", `GCP resource not found: ${resource}`);
  if (code === GRPC.DEADLINE_EXCEEDED) return make("timeout", `GCP Compute API at ${endpoint} timed out reading ${resource}: ${detail}`);
  if (code === GRPC.UNAUTHENTICATED || httpStatus === 401) {
    return make("unauthenticated", `GCP rejected the credentials reading ${resource}: ${detail}`);
  }
  if (code === GRPC.PERMISSION_DENIED || httpStatus === 403) {
    return make("permission-denied", `GCP denied access to ${resource}: ${detail}`);
  }
  if (code === GRPC.ALREADY_EXISTS || httpStatus === 409) return make("already-exists", `GCP resource already exists: ${resource}`);
  if (code === GRPC.FAILED_PRECONDITION || code === GRPC.ABORTED || httpStatus === 412) {
    return make("conflict", `GCP resource ${resource} changed concurrently: ${detail}`);
  }
  if (code === GRPC.INVALID_ARGUMENT || httpStatus === 400) return make("invalid", `GCP rejected the request for ${resource}: ${detail}`);
  // UNAVAILABLE without an HTTP status means no response arrived at all (refused, reset, DNS).
  if ((code === GRPC.UNAVAILABLE && httpStatus === undefined) || (typeof e.code === "string" && NETWORK_CODES.has(e.code))) {
    return make("unreachable", `GCP Compute API unreachable at ${endpoint} reading ${resource}: ${detail}`);
  }
  return make("failed", `GCP call failed reading ${resource}: ${detail}`);
}
