import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import { db } from "../db/client";
import { config } from "../config/load-config";
import { rateLimit } from "../http/rate-limit";
import { requestOrigin } from "../http/request-origin";
import { sessionSecret } from "./session-secret";
import { isAllowedEmail } from "./sign-in-settings";
import { recordAudit } from "../audit/record-audit";
import type { Role } from "./permissions";

/**
 * next-auth: Google OIDC in production (limited to AUTH_ALLOWED_DOMAIN / AUTH_ALLOWED_EMAILS), and in
 * demo mode a development sign-in that picks one of the seeded users. Sessions are JWT
 * cookies holding only the email; the role is read from the database on each request.
 */
export function authOptions(): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [];
  const { GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET } = config();
  if (GOOGLE_CLIENT_ID && GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: GOOGLE_CLIENT_ID, clientSecret: GOOGLE_CLIENT_SECRET }));
  }
  if (config().DEMO_MODE) {
    providers.push(
      CredentialsProvider({
        id: "dev",
        name: "Development sign-in",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(credentials, req) {
          const ip = requestOrigin(plainHeaders(req?.headers)).ip ?? "unknown";
          if (!rateLimit(`signin:${ip}`, 30, 60_000)) throw new Error("too many sign-in attempts; wait a minute");
          const email = String(credentials?.email ?? "").slice(0, 200);
          const user = await db.user.findUnique({ where: { email } });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "google") return true;
        const email = user.email?.toLowerCase();
        const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified;
        if (!email || verified === false) return false;
        // Fails closed: no AUTH_ALLOWED_DOMAIN / AUTH_ALLOWED_EMAILS, nobody (the web also refuses to start so).
        if (!isAllowedEmail(email)) return false;
        await ensureUser(email, user.name ?? email);
        return true;
      },
      async jwt({ token, user }) {
        if (user?.email) token.email = user.email.toLowerCase();
        return token;
      },
    },
  };
}

/** First Google sign-in creates the user: admin if listed in ADMIN_EMAILS, else viewer. */
async function ensureUser(email: string, name: string) {
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) return;
  const admins = (config().ADMIN_EMAILS ?? "").split(",").map((s) => s.trim().toLowerCase());
  const role: Role = admins.includes(email) ? "admin" : "viewer";
  await db.$transaction(async (tx) => {
    const u = await tx.user.create({ data: { email, name, role } });
    await recordAudit(tx, { userId: u.id, email, name, role, via: "ui", sourceIp: null }, { action: "user.first-sign-in", targetType: "user", targetId: u.id, params: { role } });
  });
}

/** next-auth hands `authorize` the headers as a plain object. */
function plainHeaders(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) if (typeof value === "string") headers.set(name, value);
  return headers;
}
