import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "./lib/http/content-security-policy";

/**
 * Next.js Proxy (the file convention that replaced middleware in Next 16): a fresh CSP
 * nonce for every page. Next reads the nonce from the request's CSP header and puts it on
 * the scripts it renders; the browser gets the same policy on the response.
 */
export function proxy(request: NextRequest) {
  const csp = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Pages only: API routes get a fixed policy (next.config.js), static files need none.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
