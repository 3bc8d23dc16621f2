import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePool } from "../db/pool";
import { isExempt } from "./access-expectations";
import { describeRefusalProblems } from "./describe-refusal-problems";
import { discoverRoutes, type DiscoveredRoute } from "./discover-routes";
import { HOSTILE_STRINGS, hostileValuesFor, malformedBodies } from "./hostile-corpus";
import { BODY_FIELDS, OPTIONAL_BODY_FIELDS, QUERY_FIELDS } from "./input-expectations";
import { invokeRoute, type InvokeOptions } from "./invoke-route";
import { createCredential, createSecurityFixtures, sampleBody, sampleParams, sampleQuery, type SecurityFixtures } from "./security-fixtures";
import { snapshotDatabase } from "./snapshot-database";

/**
 * Hostile input against every route that takes input, as an admin (so nothing is refused
 * for lack of rights): each case must be a clear 4xx JSON error, and the database (every
 * table, the audit log included) must be exactly as it was.
 */
process.env.NEXTAUTH_SECRET = "hostile-input-secret-0123456789abcdef";

const routes = (await discoverRoutes()).filter((r) => !isExempt(r.key));
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let fx: SecurityFixtures;
beforeAll(async () => {
  fx = await createSecurityFixtures();
});
afterAll(async () => {
  await closePool();
});

interface Case {
  label: string;
  opts: InvokeOptions;
  allowSuccess?: boolean;
}

/** Runs the cases as a fresh admin (its own rate-limit budget) and lists every problem. */
async function runCases(route: DiscoveredRoute, cases: Case[]): Promise<string[]> {
  const admin = await createCredential("admin");
  const before = await snapshotDatabase();
  const failures: string[] = [];
  for (const c of cases) {
    const res = await invokeRoute(route, { ...c.opts, headers: { authorization: `Bearer ${admin.token}`, ...c.opts.headers } });
    const problems = describeRefusalProblems(res, { allowSuccess: c.allowSuccess });
    const after = await snapshotDatabase();
    const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
    if (changed.length) problems.push(`changed ${changed.join(", ")}`);
    if (problems.length) failures.push(`${c.label}: ${problems.join("; ")} → ${res.status} ${res.text.slice(0, 160)}`);
    if (changed.length) break; // later cases would all report the same change
  }
  return failures;
}

describe("hostile input", () => {
  it("knows the inputs of every route", () => {
    const undeclaredQueries = routes.filter((r) => r.method === "GET" && !(r.key in QUERY_FIELDS)).map((r) => r.key);
    expect(undeclaredQueries, "GET routes missing from QUERY_FIELDS in lib/security/input-expectations.ts").toEqual([]);
    const undeclaredBodies = routes.filter((r) => MUTATING.has(r.method) && !(r.key in BODY_FIELDS)).map((r) => r.key);
    expect(undeclaredBodies, "mutating routes missing from BODY_FIELDS in lib/security/input-expectations.ts").toEqual([]);
  });

  for (const route of routes.filter((r) => r.paramNames.length)) {
    it(`${route.key}: hostile path parameters`, async () => {
      const cases: Case[] = [];
      for (const name of route.paramNames) {
        for (const [label, value] of Object.entries(HOSTILE_STRINGS)) {
          const params = { ...(await sampleParams(route, fx)), [name]: value };
          cases.push({ label: `[${name}] = ${label}`, opts: { params, query: sampleQuery(route.key), body: sampleBody(route.key) } });
        }
      }
      expect(await runCases(route, cases)).toEqual([]);
    });
  }

  for (const route of routes.filter((r) => r.method === "GET")) {
    const fields = QUERY_FIELDS[route.key];
    if (!fields || !(fields.strict.length + (fields.text?.length ?? 0))) continue;
    it(`${route.key}: hostile query parameters`, async () => {
      const params = await sampleParams(route, fx);
      const base = new URLSearchParams(sampleQuery(route.key));
      const cases: Case[] = [];
      for (const [kind, names] of [["strict", fields.strict], ["text", fields.text ?? []]] as const) {
        for (const name of names) {
          // Whitespace alone in a filter is the same as no filter: not hostile there.
          for (const [label, value] of Object.entries(HOSTILE_STRINGS).filter(([l]) => l !== "empty after trim")) {
            const query = new URLSearchParams(base);
            query.set(name, value);
            // Free search text may be answered (no match); strict parameters must be refused.
            const allowSuccess = kind === "text" && label !== "10 kB";
            cases.push({ label: `?${name}= ${label}`, opts: { params, query: query.toString() }, allowSuccess });
          }
        }
      }
      expect(await runCases(route, cases)).toEqual([]);
    });
  }

  for (const [key, fields] of Object.entries(BODY_FIELDS)) {
    if (!fields) continue;
    const route = routes.find((r) => r.key === key);
    if (!route) {
      it.skip(`${key}: not implemented yet (its corpus runs as soon as the handler exists)`, () => {});
      continue;
    }
    it(`${key}: hostile body fields`, async () => {
      const params = await sampleParams(route, fx);
      const cases: Case[] = [];
      for (const [field, kind] of Object.entries(fields)) {
        for (const [label, value] of hostileValuesFor(kind)) {
          cases.push({ label: `${field} = ${label}`, opts: { params, body: { ...(sampleBody(key) as object), [field]: value } } });
        }
        if (OPTIONAL_BODY_FIELDS[key]?.includes(field)) continue;
        const { [field]: _omitted, ...without } = sampleBody(key) as Record<string, unknown>;
        cases.push({ label: `${field} missing`, opts: { params, body: without } });
      }
      expect(await runCases(route, cases)).toEqual([]);
    });

    it(`${key}: malformed and oversized bodies`, async () => {
      const params = await sampleParams(route, fx);
      const cases = malformedBodies(sampleBody(key)).map((b): Case => ({ label: b.label, opts: { params, rawBody: b.body, headers: b.headers } }));
      expect(await runCases(route, cases)).toEqual([]);
    });
  }
});
