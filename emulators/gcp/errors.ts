/**
 * GCP's JSON error body. google-gax's REST transport (`GoogleError.parseHttpError`) reads
 * `error.status` to set the gRPC code the caller sees, so the status names must be exact.
 */
export class EmulatorError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }

  body(): GcpErrorBody {
    const error: GcpErrorBody["error"] = {
      code: this.httpStatus,
      message: this.message,
      errors: [{ message: this.message, domain: "global", reason: this.reason }],
    };
    // Cloud Storage's JSON API has no `status` in its errors (see gcs-errors.ts).
    if (this.status) error.status = this.status;
    return { error };
  }
}

export interface GcpErrorBody {
  error: {
    code: number;
    message: string;
    errors: { message: string; domain: string; reason: string }[];
    status?: string;
  };
}

export const notFound = (resourcePath: string) =>
  new EmulatorError(404, "NOT_FOUND", "notFound", `The resource '${resourcePath}' was not found`);

export const alreadyExists = (resourcePath: string) =>
  new EmulatorError(409, "ALREADY_EXISTS", "alreadyExists", `The resource '${resourcePath}' already exists`);

export const invalid = (message: string) => new EmulatorError(400, "INVALID_ARGUMENT", "invalid", message);

export const unauthenticated = () =>
  new EmulatorError(
    401,
    "UNAUTHENTICATED",
    "required",
    "Request is missing required authentication credential. Expected OAuth 2 access token.",
  );

/** A stale or missing fingerprint on patch/update: the resource changed since it was read. */
export const conditionNotMet = (resourcePath: string) =>
  new EmulatorError(
    412,
    "FAILED_PRECONDITION",
    "conditionNotMet",
    `Supplied fingerprint does not match current fingerprint of '${resourcePath}'. Read the resource again and retry.`,
  );

/** GCP's answer to deleting something another resource still uses (RUNBOOK FAQ: the NEG error). */
export const inUse = (what: string, resourcePath: string, user: string) =>
  new EmulatorError(
    400,
    "INVALID_ARGUMENT",
    "resourceInUseByAnotherResource",
    `The ${what} resource '${resourcePath}' is already being used by '${user}'`,
  );

export const permissionDenied = (message: string) => new EmulatorError(403, "PERMISSION_DENIED", "forbidden", message);

/** The request is well-formed but the resource is not in a state that allows it (e.g. no billing). */
export const failedPrecondition = (message: string) => new EmulatorError(400, "FAILED_PRECONDITION", "failedPrecondition", message);

/** setIamPolicy with a stale etag: GCP answers 409 ABORTED, asking for the whole read-modify-write again. */
export const aborted = (message: string) => new EmulatorError(409, "ABORTED", "aborted", message);
