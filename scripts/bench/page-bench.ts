import pg from "pg";
import { encode } from "next-auth/jwt";
import { Children } from "../lib/children";
import { assertPortFree, waitForHttp } from "../lib/wait-for-http";
import { printRow, sideBySide } from "./measure";

/**
 * Pages and the API over real HTTP from `next start` (production build), next to the SQL
 * each one needs, measured in the same run.
 */
export async function benchPages(opts: { databaseUrl: string; port: number; secret: string; email: string; slug: string; iterations: number }) {
  await assertPortFree(opts.port);
  const children = new Children();
  children.start("web", process.execPath, ["--import", "tsx", "server.ts"], {
    PORT: String(opts.port),
    DEMO_MODE: "1",
    DATABASE_URL: opts.databaseUrl,
    NEXTAUTH_SECRET: opts.secret,
    NEXTAUTH_URL: `http://localhost:${opts.port}`,
    NODE_ENV: "production",
    DB_POOL_SIZE: "10",
  });
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
  try {
    await waitForHttp(`http://127.0.0.1:${opts.port}/api/health`, 60_000);
    const cookie = `next-auth.session-token=${await encode({ token: { email: opts.email, name: "bench" }, secret: opts.secret })}`;
    const get = (path: string) => async () => {
      const res = await fetch(`http://127.0.0.1:${opts.port}${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      await res.arrayBuffer();
    };
    const listQs = "status=active&health=healthy,degraded&sort=displayName&page=3&pageSize=50";
    const r = await sideBySide(
      {
        rawList: () =>
          Promise.all([
            pool.query(`SELECT * FROM instance WHERE status = 'active' AND health = ANY($1::"HealthState"[]) ORDER BY display_name, slug LIMIT 50 OFFSET 100`, [["healthy", "degraded"]]),
            pool.query(`SELECT count(*) FROM instance WHERE status = 'active' AND health = ANY($1::"HealthState"[])`, [["healthy", "degraded"]]),
          ]),
        apiHttp: get(`/api/instances?${listQs}`),
        listPage: get(`/instances?${listQs}`),
        rawInstance: () => pool.query(`SELECT * FROM instance WHERE slug = $1`, [opts.slug]),
        instancePage: get(`/instances/${opts.slug}`),
      },
      opts.iterations,
    );
    console.log(`\nover HTTP from next start (${opts.iterations} runs each, interleaved; includes session check)`);
    printRow("raw SQL: filtered list + count", r.rawList);
    printRow("GET /api/instances?… (HTTP)", r.apiHttp, r.rawList);
    printRow("GET /instances?… page (HTTP, server render)", r.listPage, r.rawList);
    printRow("raw SQL: one instance by slug", r.rawInstance);
    printRow("GET /instances/[slug] page (HTTP)", r.instancePage, r.rawInstance);
    return r;
  } finally {
    await pool.end();
    await children.stopAll();
  }
}
