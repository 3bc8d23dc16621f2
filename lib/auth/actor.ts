import type { Role } from "./permissions";

/** Who is acting, and through which door: the UI (session cookie) or the API (bearer token). */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  via: "ui" | "api" | "system";
  sourceIp: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  userId: "00000000-0000-0000-0000-000000000000",
  email: "system@managed-instances",
  name: "Managed Instances",
  role: "admin",
  via: "system",
  sourceIp: null,
};
