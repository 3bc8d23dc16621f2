import { editWithRetry } from "./edit-with-retry";
import { setJsoncProperty } from "./jsonc/edit-jsonc";
import type { RequestOptions, SourcegraphAuth } from "./request";
import { getSiteConfiguration, updateSiteConfiguration } from "./site-configuration";

/**
 * Sets `externalURL` in the site configuration, keeping the rest of the document (and its
 * comments) as it is. Returns whether anything changed and whether Sourcegraph asks for a
 * restart; setting the same URL again changes nothing and needs no restart.
 */
export async function setExternalUrl(
  baseUrl: string,
  auth: SourcegraphAuth,
  externalUrl: string,
  options?: RequestOptions,
): Promise<{ changed: boolean; restartRequired: boolean }> {
  const url = new URL(externalUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`externalURL must be http(s): ${externalUrl}`);
  const value = externalUrl.replace(/\/+$/, "");
  const outcome = await editWithRetry({
    read: async () => {
      const config = await getSiteConfiguration(baseUrl, auth, options);
      return { id: config.id, contents: config.effectiveContents };
    },
    edit: (contents) => setJsoncProperty(contents, "externalURL", value),
    write: (lastID, contents) => updateSiteConfiguration(baseUrl, auth, lastID ?? 0, contents, options),
  });
  return outcome.changed ? { changed: true, restartRequired: outcome.result.restartRequired } : { changed: false, restartRequired: false };
}
