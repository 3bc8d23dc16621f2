/**
 * Runs right before the e2e web server (see playwright.config.ts `webServer.command`): the
 * app must start from a freshly seeded demo fleet, so .data/e2e is deleted. A Postgres left
 * running from an interrupted earlier run (its pid is in .data/e2e/pg/postmaster.pid) is
 * stopped first; it is the one process this data directory owns.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { E2E_DATA_DIR, E2E_GCP_EMULATOR_PORT, E2E_PG_PORT, E2E_PORT } from "./paths";

async function stopLeftoverPostgres() {
  const pidFile = path.join(E2E_DATA_DIR, "pg", "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) return;
  console.log(`[e2e] stopping Postgres left over from an earlier run (pid ${pid})`);
  process.kill(pid, "SIGINT"); // Postgres' "fast shutdown"
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
  if (alive(pid)) process.kill(pid, "SIGKILL");
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

await stopLeftoverPostgres();
rmSync(E2E_DATA_DIR, { recursive: true, force: true });
const busy: string[] = [];
for (const [what, port] of [["web", E2E_PORT], ["Postgres", E2E_PG_PORT], ["GCP emulator", E2E_GCP_EMULATOR_PORT]] as const) {
  if (!(await portFree(port))) busy.push(`${what} port ${port}`);
}
if (busy.length) {
  console.error(`[e2e] cannot start the e2e server: ${busy.join(", ")} already in use (a leftover e2e server? stop it first)`);
  process.exit(1);
}
console.log(`[e2e] fresh data directory ${path.relative(process.cwd(), E2E_DATA_DIR)}`);
