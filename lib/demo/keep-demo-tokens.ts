import type { PrismaClient } from "../generated/prisma/client";
import { secretStoreFromEnv } from "../secrets";

/** Puts each demo instance's Sourcegraph token in the secret store and records the reference. */
export async function keepDemoTokens(db: PrismaClient, tokens: Map<string, string>): Promise<void> {
  const store = secretStoreFromEnv();
  for (const [slug, token] of tokens) {
    const ref = await store.put(`sourcegraph-token-${slug}`, token);
    await db.instance.update({ where: { slug }, data: { secretRefs: { sourcegraphToken: ref } } });
  }
}
