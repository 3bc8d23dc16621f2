import { db } from "../db/client";
import { config } from "../config/load-config";
import { ROLES } from "./permissions";

/** The seeded users shown on the sign-in page, in demo mode only. */
export async function listDemoUsers() {
  if (!config().DEMO_MODE) return [];
  const users = await db.user.findMany({ orderBy: { email: "asc" } });
  return users
    .map((u) => ({ email: u.email, name: u.name, role: u.role as string }))
    .sort((a, b) => ROLES.indexOf(a.role as never) - ROLES.indexOf(b.role as never));
}
