import { HAND_BUILT_DEMO, seedDemoHandBuilt } from "../../emulators/seed-hand-built";
import { createClient } from "../../lib/db/client";
import { ensureDemoTokens, seedDemoUsers, seedFleet } from "../../lib/demo/seed-demo";
import { keepDemoTokens } from "../../lib/demo/keep-demo-tokens";
import { seedEmulatorsForFleet } from "../../emulators/seed-demo-fleet";

/** Demo users and tokens every start; the fleet only into an empty database (seeded once). */
export async function prepareDemoData(databaseUrl: string, opts: { count: number; tokensFile: string }) {
  const db = createClient(databaseUrl);
  try {
    await seedDemoUsers(db);
    if ((await db.instance.count()) === 0) {
      const fleet = await seedFleet(db, opts.count);
      await keepDemoTokens(db, await seedEmulatorsForFleet(databaseUrl, fleet));
      console.log(`[start] seeded a demo fleet of ${fleet.length} instances`);
      // Three deployments built by hand that the control plane does not know yet: the import story.
      await seedDemoHandBuilt(databaseUrl);
      console.log(`[start] seeded ${HAND_BUILT_DEMO.length} hand-built instances to import (${HAND_BUILT_DEMO.map((h) => h.slug).join(", ")})`);
    }
    return await ensureDemoTokens(db, opts.tokensFile);
  } finally {
    await db.$disconnect();
  }
}
