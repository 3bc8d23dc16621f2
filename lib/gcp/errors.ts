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
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "EAI_AGAIN"]);

interface ErrorShape {
  code?: unknown;
  httpStatusCode?: unknown;
  status?: unknown;
  message?: unknown;
  response?: { status?: unknown; data?: unknown };
}

/**
 * Classifies an error thrown by a GCP client call on `resource`: google-gax errors (gRPC code
 * plus `httpStatusCode`) from @google-cloud/compute, and gaxios errors (HTTP `status`, the
 * JSON error body in `response.data` or, for streamed responses, in `message`) from
 * @googleapis/iam, the Cloud DNS REST calls, and the @google-cloud packages on google-gax 5,
 * which pass their auth client's HTTP errors through untranslated.
 * `api` names the service in messages about reaching it.
 */
export function toGcpError(err: unknown, resource: string, endpoint: string, api = "GCP Compute API"): GcpError {
  if (err instanceof GcpError) return err;
  const e = (err ?? {}) as ErrorShape;
  const httpStatus = numberOr(e.httpStatusCode) ?? numberOr(e.status) ?? numberOr(e.response?.status);
  const code = grpcCodeOf(e, httpStatus);
  const detail = errorDetail(e, err);
  const make = (kind: GcpErrorKind, message: string) => new GcpError(kind, resource, message, code, httpStatus, { cause: err });

  // The gRPC code decides when there is one: HTTP 409 is both ALREADY_EXISTS and ABORTED.
  const is = (grpc: number, http: number) => (code !== undefined ? code === grpc : httpStatus === http);
  if (is(GRPC.NOT_FOUND, 404)) return make("not-found", `GCP resource not found: ${resource}`);
  if (code === GRPC.DEADLINE_EXCEEDED) return make("timeout", `${api} at ${endpoint} timed out reading ${resource}: ${detail}`);
  if (is(GRPC.UNAUTHENTICATED, 401)) return make("unauthenticated", `GCP rejected the credentials reading ${resource}: ${detail}`);
  if (is(GRPC.PERMISSION_DENIED, 403)) return make("permission-denied", `GCP denied access to ${resource}: ${detail}`);
  if (is(GRPC.ALREADY_EXISTS, 409)) return make("already-exists", `GCP resource already exists: ${resource}`);
  if (code === GRPC.FAILED_PRECONDITION && httpStatus === 400) {
    // Compute's stale fingerprint is 412; a 400 FAILED_PRECONDITION is a request GCP will not do yet (e.g. no billing).
    return make("invalid", `GCP refused the request for ${resource}: ${detail}`);
  }
  if (code === GRPC.FAILED_PRECONDITION || code === GRPC.ABORTED || httpStatus === 412) {
    return make("conflict", `GCP resource ${resource} changed concurrently: ${detail}`);
  }
  if (is(GRPC.INVALID_ARGUMENT, 400)) return make("invalid", `GCP rejected the request for ${resource}: ${detail}`);
  // UNAVAILABLE without an HTTP status means no response arrived at all (refused, reset, DNS).
  if ((code === GRPC.UNAVAILABLE && httpStatus === undefined) || (typeof e.code === "string" && NETWORK_CODES.has(e.code))) {
    return make("unreachable", `${api} unreachable at ${endpoint} reading ${resource}: ${detail}`);
  }
  if (typeof e.code === "string" && /timeout|aborterror/i.test(e.code)) {
    return make("timeout", `${api} at ${endpoint} timed out reading ${resource}: ${detail}`);
  }
  return make("failed", `GCP call failed reading ${resource}: ${detail}`);
}

const numberOr = (v: unknown) => (typeof v === "number" ? v : undefined);

/** google-gax sets a numeric gRPC code; gaxios sets the HTTP status there, and leaves the status name in the body. */
function grpcCodeOf(e: ErrorShape, httpStatus: number | undefined): number | undefined {
  if (typeof e.code === "number" && e.code >= 0 && e.code <= 16 && e.code !== httpStatus) return e.code;
  const status = errorBody(e)?.status;
  return typeof status === "string" && status in GRPC ? GRPC[status as keyof typeof GRPC] : undefined;
}

/** The server's own message when there is one. */
function errorDetail(e: ErrorShape, err: unknown): string {
  const message = errorBody(e)?.message;
  if (typeof message === "string" && message) return message;
  return typeof e.message === "string" && e.message ? e.message : String(err);
}

/** GCP's `{"error": {...}}` body: parsed in `response.data`, or the whole `message` when gaxios streamed the response. */
function errorBody(e: ErrorShape): { status?: unknown; message?: unknown } | undefined {
  const parsed = (e.response?.data as { error?: unknown } | undefined)?.error;
  if (parsed && typeof parsed === "object") return parsed as { status?: unknown; message?: unknown };
  if (typeof e.message !== "string" || !e.message.startsWith("{")) return undefined;
  try {
    const body = (JSON.parse(e.message) as { error?: unknown }).error;
    return body && typeof body === "object" ? (body as { status?: unknown; message?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
