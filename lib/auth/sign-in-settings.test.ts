import { parseConfig } from "../config/load-config";
import { describe, expect, it } from "vitest";
import { isAllowedEmail, signInAllowlist, signInConfigProblems } from "./sign-in-settings";

const production = {
  GOOGLE_CLIENT_ID: "id.apps.googleusercontent.com",
  GOOGLE_CLIENT_SECRET: "secret",
  NEXTAUTH_SECRET: "a-long-random-session-secret",
  NEXTAUTH_URL: "https://mi.sourcegraph.com",
};

describe("who may sign in with Google", () => {
  it("fails closed: with no allowlist nobody may", () => {
    expect(isAllowedEmail("anyone@gmail.com", signInAllowlist(parseConfig({})))).toBe(false);
  });

  it("allows the configured domains and exact emails, nothing else", () => {
    const allow = signInAllowlist(parseConfig({ AUTH_ALLOWED_DOMAIN: "sourcegraph.com, @example.org", AUTH_ALLOWED_EMAILS: "Contractor@Gmail.com" }));
    expect(isAllowedEmail("alice@sourcegraph.com", allow)).toBe(true);
    expect(isAllowedEmail("bob@example.org", allow)).toBe(true);
    expect(isAllowedEmail("contractor@gmail.com", allow)).toBe(true);
    expect(isAllowedEmail("other@gmail.com", allow)).toBe(false);
    expect(isAllowedEmail("alice@evil-sourcegraph.com", allow)).toBe(false);
    expect(isAllowedEmail("alice@sourcegraph.com.evil.example", allow)).toBe(false);
  });
});

describe("signInConfigProblems: the web refuses to start", () => {
  it("outside demo mode without AUTH_ALLOWED_DOMAIN or AUTH_ALLOWED_EMAILS, saying what to set", () => {
    const problems = signInConfigProblems(parseConfig(production));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("AUTH_ALLOWED_DOMAIN");
    expect(problems[0]).toContain("AUTH_ALLOWED_EMAILS");
  });

  it("accepts production with a domain or an email allowlist", () => {
    expect(signInConfigProblems(parseConfig({ ...production, AUTH_ALLOWED_DOMAIN: "sourcegraph.com" }))).toEqual([]);
    expect(signInConfigProblems(parseConfig({ ...production, AUTH_ALLOWED_EMAILS: "alice@sourcegraph.com" }))).toEqual([]);
  });

  it("names Google credentials and the session secret when missing", () => {
    const problems = signInConfigProblems(parseConfig({ AUTH_ALLOWED_DOMAIN: "sourcegraph.com" })).join("\n");
    expect(problems).toContain("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET");
    expect(problems).toContain("NEXTAUTH_SECRET");
  });

  it("refuses malformed domains and emails", () => {
    const problems = signInConfigProblems(parseConfig({ ...production, AUTH_ALLOWED_DOMAIN: "*", AUTH_ALLOWED_EMAILS: "not-an-email" })).join("\n");
    expect(problems).toContain('AUTH_ALLOWED_DOMAIN has "*"');
    expect(problems).toContain('AUTH_ALLOWED_EMAILS has "not-an-email"');
  });

  it("refuses demo mode together with Google sign-in", () => {
    const problems = signInConfigProblems(parseConfig({ DEMO_MODE: "1", GOOGLE_CLIENT_ID: "id", NEXTAUTH_URL: "http://localhost:3000" }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/unset DEMO_MODE .*GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET/);
  });

  it("refuses demo mode on a non-local NEXTAUTH_URL", () => {
    const problems = signInConfigProblems(parseConfig({ DEMO_MODE: "1", NEXTAUTH_URL: "https://mi.sourcegraph.com" }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("NEXTAUTH_URL is https://mi.sourcegraph.com");
  });

  it("lets the local demo start (npm start)", () => {
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3201", "http://[::1]:3000", undefined]) {
      expect(signInConfigProblems(parseConfig({ DEMO_MODE: "1", NEXTAUTH_URL: url })), String(url)).toEqual([]);
    }
  });
});
