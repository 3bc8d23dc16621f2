/** npm run db:migrate: applies prisma/migrations to DATABASE_URL (required). */
import { migrateDatabase } from "../lib/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (npm start migrates its embedded database by itself.)");
  process.exit(2);
}
const r = await migrateDatabase(url, (m) => console.log(m));
console.log(`${r.applied.length} migration(s) applied, ${r.alreadyApplied} already applied`);
