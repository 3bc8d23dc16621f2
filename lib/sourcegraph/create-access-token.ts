import { graphqlRequest } from "./graphql-request";
import type { RequestOptions, SourcegraphAuth } from "./request";
import { SourcegraphError } from "./sourcegraph-error";

export interface CurrentUser {
  id: string;
  username: string;
  siteAdmin: boolean;
}

/** The signed-in user, or null for an anonymous request. */
export async function getCurrentUser(baseUrl: string, auth: SourcegraphAuth, options?: RequestOptions): Promise<CurrentUser | null> {
  const data = await graphqlRequest<{ currentUser: CurrentUser | null }>(
    baseUrl,
    auth,
    { query: "query CurrentUser { currentUser { id username siteAdmin } }" },
    "read the current user",
    options,
  );
  return data.currentUser;
}

/** The handbook's token for the control plane: named `managed-instances`, able to act as admin. */
export const MANAGED_INSTANCES_TOKEN_NOTE = "managed-instances";
export const MANAGED_INSTANCES_TOKEN_SCOPES = ["user:all", "site-admin:sudo"];

/**
 * Creates an access token for the signed-in user (typically right after site-init, with its
 * session cookie). The token is only ever shown once, so the caller must store it (in the
 * secret store) before doing anything else with it.
 */
export async function createAccessToken(
  baseUrl: string,
  auth: SourcegraphAuth,
  options: RequestOptions & { note?: string; scopes?: string[] } = {},
): Promise<{ id: string; token: string }> {
  const user = await getCurrentUser(baseUrl, auth, options);
  if (!user) throw new SourcegraphError("unauthorized", `create an access token at ${baseUrl}`, "not signed in");
  const data = await graphqlRequest<{ createAccessToken: { id: string; token: string } }>(
    baseUrl,
    auth,
    {
      query: `mutation CreateAccessToken($user: ID!, $scopes: [String!]!, $note: String!) {
  createAccessToken(user: $user, scopes: $scopes, note: $note) { id token }
}`,
      variables: {
        user: user.id,
        scopes: options.scopes ?? MANAGED_INSTANCES_TOKEN_SCOPES,
        note: options.note ?? MANAGED_INSTANCES_TOKEN_NOTE,
      },
    },
    "create an access token",
    options,
  );
  return data.createAccessToken;
}
