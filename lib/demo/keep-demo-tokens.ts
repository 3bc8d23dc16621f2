import type { PrismaClient } from "../generated/prisma/client";
import { secretStoreFromEnv } from "../secrets";

/** What the emulators were seeded with for one demo instance. */
export interface DemoCredentials {
  token: string;
  adminPassword: string;
}

/** Puts each demo instance's Sourcegraph token and admin password in the secret store and records the references. */
export async function keepDemoTokens(db: PrismaClient, credentials: Map<string, DemoCredentials>): Promise<void> {
  const store = secretStoreFromEnv();
  for (const [slug, c] of credentials) {
    const secretRefs = { sourcegraphToken: await store.put(`sourcegraph-token-${slug}`, c.token), adminPassword: await store.put(`${slug}-admin-password`, c.adminPassword) };
    await db.instance.update({ where: { slug }, data: { secretRefs } });
  }
}
