import pg from "pg";
import { callRoute } from "../../lib/testing/api-client";
import * as listRoute from "../../app/api/instances/route";
import { printRow, sideBySide } from "./measure";

interface Scenario {
  name: string;
  qs: string;
  sql: string;
  countSql: string;
  args: unknown[];
}

/**
 * The fleet list through the API route (auth by token, zod, Prisma, JSON) against the
 * same SQL run directly with pg, in the same process and run.
 */
export async function benchList(databaseUrl: string, token: string, natIp: string, iterations: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const cols = "*";
  const scenarios: Scenario[] = [
    {
      name: "filter status+health, sort name, page 3",
      qs: "status=active,upgrading&health=healthy,degraded&sort=displayName&page=3&pageSize=50",
      sql: `SELECT ${cols} FROM instance WHERE status = ANY($1::"InstanceStatus"[]) AND health = ANY($2::"HealthState"[]) ORDER BY display_name ASC, slug ASC LIMIT 50 OFFSET 100`,
      countSql: `SELECT count(*) FROM instance WHERE status = ANY($1::"InstanceStatus"[]) AND health = ANY($2::"HealthState"[])`,
      args: [["active", "upgrading"], ["healthy", "degraded"]],
    },
    {
      name: "search 'bank' (name/slug/domain)",
      qs: "q=bank&pageSize=50",
      sql: `SELECT ${cols} FROM instance WHERE slug ILIKE $1 OR display_name ILIKE $1 OR domain ILIKE $1 ORDER BY slug ASC LIMIT 50`,
      countSql: `SELECT count(*) FROM instance WHERE slug ILIKE $1 OR display_name ILIKE $1 OR domain ILIKE $1`,
      args: ["%bank%"],
    },
    {
      name: "paste a NAT IP",
      qs: `q=${natIp}`,
      sql: `SELECT ${cols} FROM instance WHERE global_ip = $1 OR $1 = ANY(nat_ips) ORDER BY slug ASC LIMIT 50`,
      countSql: `SELECT count(*) FROM instance WHERE global_ip = $1 OR $1 = ANY(nat_ips)`,
      args: [natIp],
    },
  ];
  const results = [];
  for (const s of scenarios) {
    const r = await sideBySide(
      {
        rawSql: () => Promise.all([pool.query(s.sql, s.args), pool.query(s.countSql, s.args)]),
        api: async () => {
          const res = await callRoute(listRoute.GET as never, { url: `/api/instances?${s.qs}`, token });
          if (res.status !== 200) throw new Error(`API answered ${res.status}: ${JSON.stringify(res.body)}`);
        },
      },
      iterations,
    );
    console.log(`\n${s.name}  (${iterations} runs each, interleaved)`);
    printRow("raw SQL (pg, same query + count)", r.rawSql);
    printRow("GET /api/instances (in-process handler)", r.api, r.rawSql);
    results.push({ scenario: s.name, ...r });
  }
  await pool.end();
  return results;
}
