import type http from "node:http";
import { hasCredential } from "./credentials";
import type { DatabaseKey } from "./deployment-ref";
import { SESSION_COOKIE } from "./defaults";
import type { Db } from "./instance-record";

/** Who is calling: the site admin (by token or session), nobody, or a bad credential (401). */
export type Viewer = "admin" | "anonymous" | "invalid";

/** Credentials are checked against the deployment's database (null: unreachable, so nobody is known). */
export async function resolveViewer(db: Db, database: DatabaseKey | null, headers: http.IncomingHttpHeaders): Promise<Viewer> {
  const authorization = headers.authorization;
  if (authorization) {
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization.trim())?.[1];
    return token && database && (await hasCredential(db, database, "token", token)) ? "admin" : "invalid";
  }
  const session = sessionFromCookie(headers.cookie);
  if (session) {
    // Sourcegraph's CSRF guard: cookie-authenticated API calls must carry this header.
    if (headers["x-requested-with"] !== "Sourcegraph") return "anonymous";
    return database && (await hasCredential(db, database, "session", session)) ? "admin" : "anonymous";
  }
  return "anonymous";
}

function sessionFromCookie(cookie: string | undefined): string | undefined {
  for (const part of (cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=");
  }
  return undefined;
}
