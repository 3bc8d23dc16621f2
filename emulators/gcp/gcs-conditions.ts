import { storageInvalid } from "./gcs-errors";

/**
 * Cloud Storage's request preconditions. `ifGenerationMatch=0` means "only if no live object
 * exists": Terraform's gcs backend takes its state lock with it, so it must be exact.
 * Values are int64 decimals, kept as strings (generations exceed 2^53).
 */
export interface Conditions {
  ifGenerationMatch?: string;
  ifGenerationNotMatch?: string;
  ifMetagenerationMatch?: string;
  ifMetagenerationNotMatch?: string;
}

const NAMES = ["ifGenerationMatch", "ifGenerationNotMatch", "ifMetagenerationMatch", "ifMetagenerationNotMatch"] as const;
const INT64_RE = /^-?\d{1,19}$/;

export function parseConditions(query: URLSearchParams): Conditions {
  const out: Conditions = {};
  for (const name of NAMES) {
    const value = query.get(name);
    if (value === null || value === "") continue;
    if (!INT64_RE.test(value)) throw storageInvalid(`Invalid argument for ${name}: '${value}'`);
    out[name] = BigInt(value).toString();
  }
  return out;
}

/** The `generation` query parameter: a specific generation of the object, or undefined for the live one. */
export function parseGeneration(query: URLSearchParams): string | undefined {
  const value = query.get("generation");
  if (value === null || value === "") return undefined;
  if (!INT64_RE.test(value)) throw storageInvalid(`Invalid argument for generation: '${value}'`);
  return BigInt(value).toString();
}

/** True when the write can only succeed against an existing object (a missing one fails the condition). */
export function requiresExisting(c: Conditions): boolean {
  return (c.ifGenerationMatch !== undefined && c.ifGenerationMatch !== "0") || c.ifMetagenerationMatch !== undefined;
}

export const mustNotExist = (c: Conditions) => c.ifGenerationMatch === "0";

/**
 * The conditions as a SQL predicate on the stored row `alias`, appending their values to
 * `params`. Checking them inside the writing statement (not before it) is what makes two
 * racing conditional writes see each other: Postgres re-checks the predicate under the row lock.
 */
export function conditionSql(c: Conditions, alias: string, params: unknown[]): string {
  const parts: string[] = [];
  const add = (column: string, op: "=" | "<>", value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    parts.push(`${alias}.${column} ${op} $${params.length}::bigint`);
  };
  add("generation", "=", c.ifGenerationMatch);
  add("generation", "<>", c.ifGenerationNotMatch);
  add("metageneration", "=", c.ifMetagenerationMatch);
  add("metageneration", "<>", c.ifMetagenerationNotMatch);
  return parts.length ? parts.join(" AND ") : "true";
}
