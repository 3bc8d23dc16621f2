import { z } from "zod";

/**
 * Every setting the app reads, validated once. Production sets DATABASE_URL, the GCP and
 * auth variables; demo mode (`npm start` without DATABASE_URL) sets them itself.
 */
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DEMO_MODE: z.enum(["0", "1"]).optional(),
  GCP_API_ENDPOINT: z.string().optional(),
  GCP_ACCESS_TOKEN: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  AUTH_ALLOWED_DOMAIN: z.string().optional(),
  AUTH_ALLOWED_EMAILS: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5433/managed_instances";
}

export function isDemoMode(): boolean {
  return process.env.DEMO_MODE === "1";
}
