import { defineConfig } from "prisma/config";

// The CLI is used offline only for `prisma generate` (see scripts/prisma-generate.mjs).
// Migrations are applied by our own runner (lib/db/migrate.ts), not `prisma migrate`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
