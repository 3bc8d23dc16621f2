import { editWithRetry } from "./edit-with-retry";
import { graphqlRequest } from "./graphql-request";
import type { RequestOptions, SourcegraphAuth } from "./request";

export interface GlobalSettings {
  /** The site's settings subject (GraphQL ID of the Site). */
  subject: string;
  /** null while the site has never saved settings. */
  id: number | null;
  contents: string;
}

/** Global settings are the Site subject's settings (the "global user settings" of the runbook). */
export async function getGlobalSettings(baseUrl: string, auth: SourcegraphAuth, options?: RequestOptions): Promise<GlobalSettings> {
  const data = await graphqlRequest<{ site: { id: string; latestSettings: { id: number; contents: string } | null } }>(
    baseUrl,
    auth,
    { query: "query GlobalSettings { site { id latestSettings { id contents } } }" },
    "read the global settings",
    options,
  );
  const latest = data.site.latestSettings;
  return { subject: data.site.id, id: latest?.id ?? null, contents: latest?.contents ?? "{}" };
}

export async function overwriteGlobalSettings(
  baseUrl: string,
  auth: SourcegraphAuth,
  input: { subject: string; lastID: number | null; contents: string },
  options?: RequestOptions,
): Promise<void> {
  await graphqlRequest(
    baseUrl,
    auth,
    {
      query: `mutation OverwriteSettings($subject: ID!, $lastID: Int, $contents: String!) {
  settingsMutation(input: { subject: $subject, lastID: $lastID }) { overwriteSettings(contents: $contents) { empty { alwaysNil } } }
}`,
      variables: input,
    },
    "update the global settings",
    options,
  );
}

/** Applies a text edit to the global settings; retries on a concurrent edit; no-op edits write nothing. */
export async function editGlobalSettings(
  baseUrl: string,
  auth: SourcegraphAuth,
  edit: (contents: string) => string,
  options?: RequestOptions,
): Promise<{ changed: boolean }> {
  let subject = "";
  const outcome = await editWithRetry({
    read: async () => {
      const settings = await getGlobalSettings(baseUrl, auth, options);
      subject = settings.subject;
      return settings;
    },
    edit,
    write: (lastID, contents) => overwriteGlobalSettings(baseUrl, auth, { subject, lastID, contents }, options),
  });
  return { changed: outcome.changed };
}
