import type pg from "pg";
import { withDeploymentLock } from "../instance-state";
import type { Db, EmulatedInstance } from "../instance-record";
import type { Viewer } from "../viewer";
import { GraphqlInputError, hasField, maskQuery } from "./field-arguments";
import { GraphqlError, MUST_BE_ADMIN } from "./graphql-error";
import { createAccessToken, overwriteSettings, updateSiteConfiguration } from "./mutations";
import { answerQuery } from "./queries";
import { randomizeUserPassword } from "./users";

type Mutation = (db: Db, instance: EmulatedInstance, query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Mutations are recognised by their field name, first match wins. */
const MUTATIONS: Array<[string, Mutation]> = [
  ["updateSiteConfiguration", updateSiteConfiguration],
  ["settingsMutation", overwriteSettings],
  ["createAccessToken", createAccessToken],
  ["randomizeUserPassword", randomizeUserPassword],
];

/** The body of a `POST /.api/graphql`, answered in GraphQL's `{ data }` / `{ errors }` shape. */
export async function handleGraphql(pool: pg.Pool, instance: EmulatedInstance, viewer: Viewer, rawBody: string): Promise<unknown> {
  let request: { query?: unknown; variables?: unknown };
  try {
    request = JSON.parse(rawBody) as typeof request;
  } catch {
    return errorBody(new GraphqlError("invalid JSON request body"));
  }
  const query = typeof request.query === "string" ? request.query : "";
  const variables = (request.variables && typeof request.variables === "object" ? request.variables : {}) as Record<string, unknown>;
  try {
    if (!/^\s*mutation\b/.test(maskQuery(query))) return { data: answerQuery(query, instance, viewer, variables) };
    const match = MUTATIONS.find(([field]) => hasField(query, field));
    if (!match) throw new GraphqlError("this mutation is not supported by the Sourcegraph emulator");
    if (viewer !== "admin") throw new GraphqlError(MUST_BE_ADMIN, [match[0]]);
    // Re-read under the row lock: the lastID check and the write must be one atomic step.
    const data = await withDeploymentLock(pool, instance.ref, (client, locked) => match[1](client, locked, query, variables));
    if (!data) throw new GraphqlError("instance disappeared");
    return { data };
  } catch (error) {
    if (error instanceof GraphqlError || error instanceof GraphqlInputError) return errorBody(error);
    throw error;
  }
}

function errorBody(error: Error & { path?: string[] }) {
  return { data: null, errors: [{ message: error.message, ...(error.path ? { path: error.path } : {}) }] };
}
