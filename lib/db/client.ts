import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { config } from "../config/load-config";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { __prisma?: PrismaClient };

/** The one Prisma client of a process (web or worker). */
export const db: PrismaClient = globalForDb.__prisma ?? createClient(config().DATABASE_URL);
globalForDb.__prisma = db;

export function createClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: config().DB_POOL_SIZE });
  return new PrismaClient({ adapter });
}
