import { config } from "../config/load-config";

/** The key that signs and encrypts session cookies; `npm start` sets one in demo mode. */
export function sessionSecret(): string {
  const secret = config().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (see README, Configuration)");
  return secret;
}
