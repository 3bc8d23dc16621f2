import { config, type Config } from "../config/load-config";

/** Who may sign in with Google: emails at these domains, and these exact emails. */
export interface SignInAllowlist {
  domains: string[];
  emails: string[];
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);

export function signInAllowlist(c: Pick<Config, "AUTH_ALLOWED_DOMAIN" | "AUTH_ALLOWED_EMAILS"> = config()): SignInAllowlist {
  return { domains: list(c.AUTH_ALLOWED_DOMAIN), emails: list(c.AUTH_ALLOWED_EMAILS) };
}

/** Fails closed: with nothing configured, nobody is allowed. */
export function isAllowedEmail(email: string, allow: SignInAllowlist = signInAllowlist()): boolean {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf("@");
  if (at <= 0) return false;
  return allow.emails.includes(e) || allow.domains.includes(e.slice(at + 1));
}

export function hasAllowlist(allow: SignInAllowlist = signInAllowlist()): boolean {
  return allow.domains.length > 0 || allow.emails.length > 0;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * Why the web must not start with this sign-in configuration, each with what to set.
 * Outside demo mode Google sign-in must be limited to known domains or emails; demo mode's
 * passwordless sign-in must never be reachable where production sign-in is configured.
 */
export function signInConfigProblems(c: Config = config()): string[] {
  const problems: string[] = [];
  const demo = c.DEMO_MODE;
  const google = Boolean(c.GOOGLE_CLIENT_ID || c.GOOGLE_CLIENT_SECRET?.trim());
  if (demo) {
    if (google) {
      problems.push(
        "DEMO_MODE=1 turns on a passwordless sign-in and cannot run with Google sign-in configured: unset DEMO_MODE in production, or unset GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET for a local demo",
      );
    }
    const url = c.NEXTAUTH_URL;
    if (url) {
      let host: string | null = null;
      try {
        host = new URL(url).hostname.toLowerCase();
      } catch {
        host = null;
      }
      if (!host || !LOCAL_HOSTS.has(host)) {
        problems.push(
          `DEMO_MODE=1 turns on a passwordless sign-in and only runs on this machine, but NEXTAUTH_URL is ${url}: unset DEMO_MODE in production, or set NEXTAUTH_URL=http://localhost:<port> for a local demo`,
        );
      }
    }
    return problems;
  }
  if (!c.GOOGLE_CLIENT_ID || !c.GOOGLE_CLIENT_SECRET?.trim()) {
    problems.push("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are not set: create an OAuth client (Google Cloud console, APIs & Services, Credentials) and set both");
  }
  if (!c.NEXTAUTH_SECRET?.trim()) problems.push("NEXTAUTH_SECRET is not set: set it to a random value of 32 bytes or more (e.g. `openssl rand -base64 32`)");
  if (!hasAllowlist(signInAllowlist(c))) {
    problems.push(
      "no sign-in allowlist: set AUTH_ALLOWED_DOMAIN to your Google Workspace domain(s), e.g. AUTH_ALLOWED_DOMAIN=sourcegraph.com, and/or AUTH_ALLOWED_EMAILS to the exact addresses allowed (comma-separated); without one any Google account could sign in",
    );
  }
  for (const d of signInAllowlist(c).domains) {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) problems.push(`AUTH_ALLOWED_DOMAIN has "${d}", which is not a domain: write domains like sourcegraph.com, comma-separated`);
  }
  for (const e of signInAllowlist(c).emails) {
    if (!/^[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(e)) problems.push(`AUTH_ALLOWED_EMAILS has "${e}", which is not an email address: write addresses like alice@example.com, comma-separated`);
  }
  return problems;
}
