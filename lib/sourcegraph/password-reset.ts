import { graphqlRequest } from "./graphql-request";
import type { RequestOptions, SourcegraphAuth } from "./request";

export interface SourcegraphUser {
  id: string;
  username: string;
  siteAdmin: boolean;
}

/** `user(username:)`: the user, or null when the instance has nobody by that name. */
export async function findUserByUsername(baseUrl: string, auth: SourcegraphAuth, username: string, options?: RequestOptions): Promise<SourcegraphUser | null> {
  const data = await graphqlRequest<{ user: SourcegraphUser | null }>(
    baseUrl,
    auth,
    { query: "query UserByUsername($username: String!) { user(username: $username) { id username siteAdmin } }", variables: { username } },
    `look up user ${JSON.stringify(username)}`,
    options,
  );
  return data.user;
}

/**
 * `randomizeUserPassword` (site admins only): the user's password becomes random and unknown,
 * and the answer carries a one-time reset link on the instance's externalURL
 * (`/password-reset?userID=…&code=…`). `resetPasswordURL` is null when the instance has no
 * builtin (username/password) sign-in: Sourcegraph then makes no link.
 */
export async function randomizeUserPassword(baseUrl: string, auth: SourcegraphAuth, userId: string, options?: RequestOptions): Promise<{ resetPasswordURL: string | null }> {
  const data = await graphqlRequest<{ randomizeUserPassword: { resetPasswordURL: string | null } }>(
    baseUrl,
    auth,
    { query: "mutation RandomizeUserPassword($user: ID!) { randomizeUserPassword(user: $user) { resetPasswordURL } }", variables: { user: userId } },
    "create a password reset link",
    options,
  );
  return data.randomizeUserPassword;
}
