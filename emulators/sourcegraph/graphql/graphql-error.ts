/** A GraphQL error as Sourcegraph returns it: HTTP 200, `{ data: null, errors: [{ message, path }] }`. */
export class GraphqlError extends Error {
  constructor(message: string, readonly path?: string[]) {
    super(message);
  }
}

/** The message Postgres gives Sourcegraph for any write while `default_transaction_read_only` is on. */
export const READ_ONLY_MESSAGE = "pq: cannot execute INSERT in a read-only transaction";
export const MUST_BE_ADMIN = "must be site admin";
