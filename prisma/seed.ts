/**
 * npm run db:seed -- [--count N] [--if-empty]
 * Seeds demo users and a demo fleet (default 40 instances) into DATABASE_URL.
 */
import { parseArgs } from "node:util";
import { createClient } from "../lib/db/client";
import { config } from "../lib/config/load-config";
import { seedDemoUsers, seedFleet } from "../lib/demo/seed-demo";
import { keepDemoTokens } from "../lib/demo/keep-demo-tokens";
import { seedEmulatorsForFleet } from "../emulators/seed-demo-fleet";

const { values } = parseArgs({ options: { count: { type: "string", default: "40" }, "if-empty": { type: "boolean", default: false } } });
const count = Number(values.count);
if (!Number.isInteger(count) || count < 0 || count > 100_000) {
  console.error("--count must be an integer between 0 and 100000");
  process.exit(2);
}
const url = config().DATABASE_URL;
const db = createClient(url);
try {
  await seedDemoUsers(db);
  if (values["if-empty"] && (await db.instance.count()) > 0) {
    console.log("fleet already seeded; leaving it as it is");
  } else {
    const fleet = await seedFleet(db, count);
    const tokens = await seedEmulatorsForFleet(url, fleet);
    // Demo-sized fleets get their Sourcegraph tokens in the secret store; bench-sized ones need none.
    if (fleet.length <= 500) await keepDemoTokens(db, tokens);
    console.log(`seeded ${fleet.length} instances`);
  }
} finally {
  await db.$disconnect();
}
