import { graphqlRequest } from "./graphql-request";
import type { RequestOptions, SourcegraphAuth } from "./request";

export interface SiteConfiguration {
  /** Pass back as `lastID` when updating: Sourcegraph refuses the edit if someone wrote since. */
  id: number;
  /** The JSONC text, comments included. */
  effectiveContents: string;
}

export async function getSiteConfiguration(baseUrl: string, auth: SourcegraphAuth, options?: RequestOptions): Promise<SiteConfiguration> {
  const data = await graphqlRequest<{ site: { configuration: SiteConfiguration } }>(
    baseUrl,
    auth,
    { query: "query SiteConfiguration { site { configuration { id effectiveContents } } }" },
    "read the site configuration",
    options,
  );
  return data.site.configuration;
}

/**
 * Replaces the whole site configuration. `restartRequired` is Sourcegraph's own answer (e.g.
 * after an `externalURL` change): the handbook restarted the frontend when it said so.
 */
export async function updateSiteConfiguration(
  baseUrl: string,
  auth: SourcegraphAuth,
  lastID: number,
  input: string,
  options?: RequestOptions,
): Promise<{ restartRequired: boolean }> {
  const data = await graphqlRequest<{ updateSiteConfiguration: boolean }>(
    baseUrl,
    auth,
    {
      query: "mutation UpdateSiteConfiguration($lastID: Int!, $input: String!) { updateSiteConfiguration(lastID: $lastID, input: $input) }",
      variables: { lastID, input },
    },
    "update the site configuration",
    options,
  );
  return { restartRequired: data.updateSiteConfiguration === true };
}
