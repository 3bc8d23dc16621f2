import type http from "node:http";
import type pg from "pg";
import { hashPassword, issueCredential } from "./credentials";
import { MIN_PASSWORD_LENGTH, SESSION_COOKIE } from "./defaults";
import { READ_ONLY_MESSAGE } from "./graphql/graphql-error";
import { HttpFailure, readBody } from "./http-io";
import { databaseTarget, type DeploymentRef } from "./deployment-ref";
import { withDeploymentLock } from "./instance-state";
import type { InstanceRoute } from "./route-request";

const USERNAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,253}[a-zA-Z0-9])?$/;

/**
 * `POST /-/site-init`: creates the first site admin, answers with a session cookie, and only
 * while the instance still needs it (409 afterwards), as Sourcegraph does.
 */
export async function handleSiteInit(
  pool: pg.Pool,
  deployment: DeploymentRef,
  route: InstanceRoute,
  req: http.IncomingMessage,
): Promise<{ status: number; text: string; headers?: Record<string, string> }> {
  if (req.method !== "POST") return { status: 400, text: `unsupported method ${req.method}` };
  if (req.headers["x-requested-with"] !== "Sourcegraph") {
    return { status: 403, text: "Forbidden: the X-Requested-With: Sourcegraph header is required (CSRF protection)" };
  }
  let creds: { email?: unknown; username?: unknown; password?: unknown };
  try {
    creds = JSON.parse(await readBody(req)) as typeof creds;
  } catch (error) {
    if (error instanceof HttpFailure) throw error;
    return { status: 400, text: "Could not decode request body" };
  }
  const { email, username, password } = creds;
  if (typeof email !== "string" || !email.includes("@") || typeof username !== "string" || typeof password !== "string") {
    return { status: 400, text: "Could not decode request body" };
  }
  if (!USERNAME.test(username)) return { status: 400, text: `Invalid username ${JSON.stringify(username)}` };
  if (password.length < MIN_PASSWORD_LENGTH) return { status: 400, text: `Password may not be less than ${MIN_PASSWORD_LENGTH} characters.` };

  const outcome = await withDeploymentLock(pool, deployment, async (db, instance) => {
    if (!instance.database) return { status: 500, text: "Signup failed unexpectedly. (the database is unreachable)" };
    if (!instance.needsSiteInit) return { status: 409, text: "Site is already initialized." };
    if (instance.databaseReadOnly) return { status: 500, text: `Signup failed unexpectedly. (${READ_ONLY_MESSAGE})` };
    const t = databaseTarget(instance.database);
    await db.query(`UPDATE ${t.table} SET needs_site_init = false, admin = $${t.next}, updated_at = now() WHERE ${t.where}`, [
      ...t.params,
      JSON.stringify({ email, username, passwordHash: hashPassword(password) }),
    ]);
    const session = await issueCredential(db, instance.database, "session");
    const cookie = `${SESSION_COOKIE}=${session}; Path=${route.basePath || "/"}; HttpOnly; SameSite=Lax`;
    return { status: 200, text: "", headers: { "set-cookie": cookie } };
  });
  return outcome ?? { status: 404, text: "no such instance" };
}
