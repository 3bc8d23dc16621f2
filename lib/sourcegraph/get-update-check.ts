import { graphqlRequest } from "./graphql-request";
import type { RequestOptions, SourcegraphAuth } from "./request";

/** Sourcegraph's `UpdateCheck` (site admins only): the instance's last check with sourcegraph.com. */
export interface UpdateCheck {
  pending: boolean;
  checkedAt: string | null;
  errorMessage: string | null;
  /** The newer release the instance was told about, or null when it is up to date. */
  updateVersionAvailable: string | null;
}

export async function getUpdateCheck(baseUrl: string, auth: SourcegraphAuth, options?: RequestOptions): Promise<UpdateCheck> {
  const data = await graphqlRequest<{ site: { updateCheck: UpdateCheck } }>(
    baseUrl,
    auth,
    { query: "query UpdateCheck { site { updateCheck { pending checkedAt errorMessage updateVersionAvailable } } }" },
    "read the update check",
    options,
  );
  return data.site.updateCheck;
}
