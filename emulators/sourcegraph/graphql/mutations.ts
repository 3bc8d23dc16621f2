import { randomInt } from "node:crypto";
import { parseJsoncObject } from "../../../lib/sourcegraph/jsonc/parse-jsonc";
import { issueCredential } from "../credentials";
import { ADMIN_USER_ID, SITE_ID } from "../defaults";
import { databaseTarget, vmTarget, type DatabaseKey } from "../deployment-ref";
import type { Db, EmulatedInstance } from "../instance-record";
import { fieldArguments } from "./field-arguments";
import { GraphqlError, READ_ONLY_MESSAGE } from "./graphql-error";

/** The deployment's database; a frontend without one cannot answer a mutation at all. */
function databaseOf(instance: EmulatedInstance, path: string[]): DatabaseKey {
  if (!instance.database) throw new GraphqlError("failed to connect to the database", path);
  return instance.database;
}

/**
 * `updateSiteConfiguration(lastID, input): Boolean!`, true when a restart is needed. The
 * checks run in Sourcegraph's order: stale lastID first, then the write that a read-only
 * database refuses.
 */
export async function updateSiteConfiguration(db: Db, instance: EmulatedInstance, query: string, variables: Record<string, unknown>) {
  const args = fieldArguments(query, "updateSiteConfiguration", variables) ?? {};
  const path = ["updateSiteConfiguration"];
  if (typeof args.lastID !== "number" || typeof args.input !== "string") throw new GraphqlError("lastID (Int!) and input (String!) are required", path);
  if (args.lastID !== instance.siteConfig.id) throw new GraphqlError("someone else has already applied a newer edit", path);
  const before = parseOrFail(instance.siteConfig.contents, "site configuration", path, true);
  const after = parseOrFail(args.input, "site configuration", path);
  if (instance.databaseReadOnly) throw new GraphqlError(READ_ONLY_MESSAGE, path);
  // externalURL is read at start-up (links, redirects, OAuth callbacks): changing it needs a restart.
  const restartRequired = before.externalURL !== after.externalURL;
  // The configuration is in the database; the restart it asks for is the running frontend's.
  const t = databaseTarget(databaseOf(instance, path));
  await db.query(`UPDATE ${t.table} SET site_config = $${t.next}, site_config_id = site_config_id + 1, updated_at = now() WHERE ${t.where}`, [
    ...t.params,
    args.input,
  ]);
  if (restartRequired) {
    const v = vmTarget(instance.ref);
    await db.query(`UPDATE ${v.table} SET pending_restart = true, updated_at = now() WHERE ${v.where}`, v.params);
  }
  return { updateSiteConfiguration: restartRequired };
}

export async function overwriteSettings(db: Db, instance: EmulatedInstance, query: string, variables: Record<string, unknown>) {
  const input = (fieldArguments(query, "settingsMutation", variables)?.input ?? {}) as { subject?: unknown; lastID?: unknown };
  const contents = fieldArguments(query, "overwriteSettings", variables)?.contents;
  const path = ["settingsMutation", "overwriteSettings"];
  if (input.subject !== SITE_ID) throw new GraphqlError(`settings subject not found: ${JSON.stringify(input.subject)}`, path);
  if (typeof contents !== "string") throw new GraphqlError("contents (String!) is required", path);
  const lastID = typeof input.lastID === "number" ? input.lastID : null;
  if (lastID !== instance.settings.id) {
    const show = (v: number | null) => (v === null ? "null" : String(v));
    throw new GraphqlError(`update settings version mismatch: last ID is ${show(instance.settings.id)} (mutation wanted ${show(lastID)})`, path);
  }
  parseOrFail(contents, "settings", path);
  if (instance.databaseReadOnly) throw new GraphqlError(READ_ONLY_MESSAGE, path);
  const t = databaseTarget(databaseOf(instance, path));
  await db.query(`UPDATE ${t.table} SET settings = $${t.next}, settings_id = COALESCE(settings_id, 0) + 1, updated_at = now() WHERE ${t.where}`, [
    ...t.params,
    contents,
  ]);
  return { settingsMutation: { overwriteSettings: { empty: { alwaysNil: null } } } };
}

export async function createAccessToken(db: Db, instance: EmulatedInstance, query: string, variables: Record<string, unknown>) {
  const args = fieldArguments(query, "createAccessToken", variables) ?? {};
  const path = ["createAccessToken"];
  if (args.user !== ADMIN_USER_ID) throw new GraphqlError(`user not found: ${JSON.stringify(args.user)}`, path);
  const scopes = Array.isArray(args.scopes) ? args.scopes.filter((s): s is string => typeof s === "string") : [];
  if (!scopes.includes("user:all")) throw new GraphqlError('all access tokens must have scope "user:all"', path);
  if (instance.databaseReadOnly) throw new GraphqlError(READ_ONLY_MESSAGE, path);
  const token = await issueCredential(db, databaseOf(instance, path), "token", { note: typeof args.note === "string" ? args.note : "", scopes });
  const id = Buffer.from(`AccessToken:${randomInt(1, 2 ** 31)}`).toString("base64");
  return { createAccessToken: { id, token } };
}

function parseOrFail(text: string, what: string, path: string[], lenient = false): Record<string, unknown> {
  try {
    return parseJsoncObject(text);
  } catch (error) {
    if (lenient) return {};
    throw new GraphqlError(`invalid ${what}: ${(error as Error).message}`, path);
  }
}
