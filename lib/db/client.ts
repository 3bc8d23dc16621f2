import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { databaseUrl } from "../env";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { __prisma?: PrismaClient };

/** The one Prisma client of a process (web or worker). */
export const db: PrismaClient = globalForDb.__prisma ?? createClient(databaseUrl());
globalForDb.__prisma = db;

export function createClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}
