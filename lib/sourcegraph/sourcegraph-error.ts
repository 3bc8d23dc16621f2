/**
 * One error type for every failure talking to a Sourcegraph instance, so a runbook step can
 * tell "the instance is down" from "someone edited the config at the same time" from "the
 * database is read-only" without reading messages.
 */
export type SourcegraphErrorKind =
  | "unreachable"
  | "timeout"
  | "cancelled"
  | "unauthorized"
  | "already-initialized"
  | "conflict"
  | "read-only"
  | "graphql"
  | "http"
  | "bad-response";

export class SourcegraphError extends Error {
  override readonly name = "SourcegraphError";

  constructor(
    readonly kind: SourcegraphErrorKind,
    /** What we were doing, e.g. "update site configuration at https://acme.sourcegraph.com". */
    readonly action: string,
    detail: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(`Sourcegraph: could not ${action}: ${detail}`, options);
  }
}

/** Classifies a GraphQL error message the way Sourcegraph words it. */
export function kindOfGraphqlMessage(message: string): SourcegraphErrorKind {
  if (/read-only transaction/i.test(message)) return "read-only";
  // Site configuration: "someone else has already applied a newer edit";
  // settings: "update settings version mismatch: last ID is 3 (mutation wanted 2)".
  if (/newer edit|version mismatch/i.test(message)) return "conflict";
  if (/must be (authenticated|site admin)|not authenticated|unauthorized/i.test(message)) return "unauthorized";
  return "graphql";
}
