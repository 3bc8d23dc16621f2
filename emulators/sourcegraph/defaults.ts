/** GraphQL IDs as Sourcegraph makes them: base64 of `Type:value`. */
export const SITE_ID = Buffer.from('Site:"site"').toString("base64");
export const ADMIN_USER_ID = Buffer.from("User:1").toString("base64");
export const SESSION_COOKIE = "sgs";
/** Sourcegraph's default minimum password length for builtin auth. */
export const MIN_PASSWORD_LENGTH = 12;

/** A new instance's site configuration, close to what Sourcegraph writes on first start. */
export function defaultSiteConfig(externalUrl?: string): string {
  const external = externalUrl
    ? `  // The externally accessible URL for Sourcegraph (i.e., what you type into your browser).\n  "externalURL": ${JSON.stringify(externalUrl)},\n`
    : "";
  return `{
${external}  // Builtin username/password authentication; sign-up is by invitation only.
  "auth.providers": [
    {
      "type": "builtin",
      "allowSignup": false
    }
  ],
  "disablePublicRepoRedirects": true
}
`;
}
