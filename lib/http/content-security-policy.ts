/**
 * The pages' Content-Security-Policy. Scripts run only with this response's nonce (Next.js
 * puts it on its own scripts when it finds it in the request's CSP header), and whatever
 * those scripts load ('strict-dynamic'); no 'unsafe-inline' for scripts. Styles keep
 * 'unsafe-inline': React's style attributes and Tailwind need it, and a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string, opts: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self' https://accounts.google.com",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** JSON and event streams run no scripts: nothing may load from them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** 16 random bytes, base64: unguessable, fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
