import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { pool } from "./pool";

const require = createRequire(import.meta.url);
const wasm = require("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  relationFromFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

const dmmf = JSON.parse(
  wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", readFileSync("prisma/schema.prisma", "utf8")]] })),
) as { datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[] } };

const SCALAR_TO_PG: Record<string, string[]> = {
  String: ["text", "uuid", "character varying"],
  Int: ["integer"],
  BigInt: ["bigint"],
  Boolean: ["boolean"],
  DateTime: ["timestamp with time zone", "timestamp without time zone"],
  Json: ["jsonb"],
  Float: ["double precision"],
};

afterAll(() => pool().end());

/**
 * The migrations are hand-written SQL (prisma migrate cannot run offline here), so this
 * test is what keeps them honest: every model, field, type, nullability and enum in
 * schema.prisma must match the migrated database, and the database must have nothing
 * the schema does not know about.
 */
describe("schema.prisma agrees with the migrated database", () => {
  it("has the same tables and columns, types and nullability", async () => {
    const { rows } = await pool().query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const db = new Map<string, Map<string, (typeof rows)[number]>>();
    for (const r of rows) {
      if (r.table_name === "_prisma_migrations") continue;
      if (!db.has(r.table_name)) db.set(r.table_name, new Map());
      db.get(r.table_name)!.set(r.column_name, r);
    }
    const problems: string[] = [];
    const modelTables = new Set<string>();
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      modelTables.add(table);
      const cols = db.get(table);
      if (!cols) {
        problems.push(`table ${table} (model ${model.name}) is missing`);
        continue;
      }
      const fieldCols = new Set<string>();
      for (const f of model.fields.filter((x) => x.kind !== "object")) {
        const col = f.dbName ?? f.name;
        fieldCols.add(col);
        const c = cols.get(col);
        if (!c) {
          problems.push(`${table}.${col} is missing`);
          continue;
        }
        if (f.isList) {
          if (c.data_type !== "ARRAY") problems.push(`${table}.${col} should be an array`);
        } else if (f.kind === "enum") {
          if (c.udt_name !== f.type) problems.push(`${table}.${col} should be enum ${f.type}, is ${c.udt_name}`);
        } else if (!SCALAR_TO_PG[f.type]?.includes(c.data_type)) {
          problems.push(`${table}.${col} is ${c.data_type}, schema says ${f.type}`);
        }
        const nullable = c.is_nullable === "YES";
        if (!f.isList && nullable === f.isRequired) problems.push(`${table}.${col} nullability differs (schema required=${f.isRequired})`);
      }
      for (const col of cols.keys()) if (!fieldCols.has(col)) problems.push(`${table}.${col} exists in the database but not in schema.prisma`);
    }
    for (const table of db.keys()) if (!modelTables.has(table)) problems.push(`table ${table} is not in schema.prisma`);
    expect(problems).toEqual([]);
  });

  it("has the same enums and values", async () => {
    const { rows } = await pool().query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' GROUP BY t.typname`,
    );
    const inDb = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const inSchema = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(inDb).toEqual(inSchema);
  });

  it("has every unique constraint the schema declares", async () => {
    const { rows } = await pool().query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    const names = new Set(rows.map((r) => r.indexname));
    const missing: string[] = [];
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      for (const f of model.fields as (DmmfField & { isUnique?: boolean })[]) {
        if (f.isUnique) {
          const name = `${table}_${f.dbName ?? f.name}_key`;
          if (!names.has(name)) missing.push(name);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("records migrations in _prisma_migrations the way prisma migrate does", async () => {
    const { rows } = await pool().query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.finished_at).not.toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
  });
});
