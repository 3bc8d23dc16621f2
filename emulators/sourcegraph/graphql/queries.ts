import { parseJsoncObject } from "../../../lib/sourcegraph/jsonc/parse-jsonc";
import { ADMIN_USER_ID, SITE_ID } from "../defaults";
import type { EmulatedInstance } from "../instance-record";
import type { Viewer } from "../viewer";
import { hasField } from "./field-arguments";
import { GraphqlError, MUST_BE_ADMIN } from "./graphql-error";
import { userByUsername } from "./users";
import { releaseFeed } from "../release-feed";

/** Answers the read fields the control plane uses; each present top-level field gets its object. */
export function answerQuery(query: string, instance: EmulatedInstance, viewer: Viewer, variables: Record<string, unknown> = {}): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const admin = viewer === "admin";
  const latestSettings = instance.settings.id === null ? null : { id: instance.settings.id, contents: instance.settings.contents ?? "{}" };

  if (hasField(query, "currentUser")) {
    data.currentUser = admin && instance.admin ? { id: ADMIN_USER_ID, username: instance.admin.username, siteAdmin: true } : null;
  }
  if (hasField(query, "site")) {
    if (!admin && (hasField(query, "configuration") || hasField(query, "latestSettings") || hasField(query, "settingsCascade") || hasField(query, "updateCheck"))) {
      throw new GraphqlError(MUST_BE_ADMIN, ["site"]);
    }
    data.site = {
      id: SITE_ID,
      needsRepositoryConfiguration: false,
      productVersion: instance.version,
      configuration: admin ? { id: instance.siteConfig.id, effectiveContents: instance.siteConfig.contents } : null,
      latestSettings: admin ? latestSettings : null,
      settingsCascade: admin ? cascade(latestSettings) : null,
      // Sourcegraph asks sourcegraph.com daily; here "what sourcegraph.com says" is the emulated releases feed.
      updateCheck: admin ? updateCheckOf(instance.version) : null,
    };
  }
  if (hasField(query, "viewerSettings")) data.viewerSettings = cascade(latestSettings);
  if (hasField(query, "user")) {
    const user = userByUsername(query, instance, variables);
    data.user = user && { id: user.id, username: user.username, siteAdmin: user.siteAdmin, ...(admin ? { primaryEmail: { email: user.email } } : {}) };
  }
  if (Object.keys(data).length === 0) {
    throw new GraphqlError("this query is not supported by the Sourcegraph emulator (it answers currentUser, site, viewerSettings, user)");
  }
  return data;
}

function updateCheckOf(version: string) {
  const parts = (v: string) => v.split(".").map(Number);
  const newer = (a: string, b: string) => {
    const [x, y] = [parts(a), parts(b)];
    for (let n = 0; n < 3; n++) if (x[n] !== y[n]) return (x[n] ?? 0) > (y[n] ?? 0);
    return false;
  };
  const latest = releaseFeed()
    .releases.map((r) => String(r.version))
    .reduce<string | null>((best, v) => (newer(v, best ?? version) ? v : best), null);
  const checkedAt = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString();
  return { pending: false, checkedAt, errorMessage: null, updateVersionAvailable: latest };
}

function cascade(latest: { id: number; contents: string } | null) {
  let final = "{}";
  try {
    final = JSON.stringify(latest ? parseJsoncObject(latest.contents) : {});
  } catch {
    // Sourcegraph keeps serving invalid settings as written; so do we.
  }
  return { subjects: [{ __typename: "Site", id: SITE_ID, latestSettings: latest }], final };
}
