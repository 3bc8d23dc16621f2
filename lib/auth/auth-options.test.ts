import { afterEach, describe, expect, it } from "vitest";
import type { Account, Profile, User } from "next-auth";
import { authOptions } from "./auth-options";

process.env.NEXTAUTH_SECRET = "auth-options-test-secret-0123456789";
const saved = { domain: process.env.AUTH_ALLOWED_DOMAIN, emails: process.env.AUTH_ALLOWED_EMAILS };
afterEach(() => {
  process.env.AUTH_ALLOWED_DOMAIN = saved.domain;
  process.env.AUTH_ALLOWED_EMAILS = saved.emails;
  if (saved.domain === undefined) delete process.env.AUTH_ALLOWED_DOMAIN;
  if (saved.emails === undefined) delete process.env.AUTH_ALLOWED_EMAILS;
});

const googleSignIn = (email: string) =>
  authOptions().callbacks!.signIn!({
    user: { id: "google-sub", email, name: "Someone" } as User,
    account: { provider: "google", type: "oauth", providerAccountId: "sub" } as Account,
    profile: { email, email_verified: true } as Profile,
  });

describe("Google sign-in", () => {
  it("refuses every account when no allowlist is configured (fails closed)", async () => {
    delete process.env.AUTH_ALLOWED_DOMAIN;
    delete process.env.AUTH_ALLOWED_EMAILS;
    expect(await googleSignIn("stranger@gmail.com")).toBe(false);
  });

  it("refuses an account outside the allowed domains and emails", async () => {
    process.env.AUTH_ALLOWED_DOMAIN = "sourcegraph.com";
    process.env.AUTH_ALLOWED_EMAILS = "contractor@example.org";
    expect(await googleSignIn("stranger@gmail.com")).toBe(false);
    expect(await googleSignIn("eve@sourcegraph.com.evil.example")).toBe(false);
  });
});
