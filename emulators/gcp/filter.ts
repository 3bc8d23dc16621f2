import { invalid } from "./errors";

/**
 * The subset of GCP's list `filter` syntax the emulator understands: comparisons of
 * top-level fields, `name = "prod"`, `status != RUNNING`, joined by AND or written as
 * `(a) (b)`. Anything else is rejected with 400 rather than silently ignored, because an
 * ignored filter would return wrong results that look right.
 */
export type Predicate = (doc: Record<string, unknown>) => boolean;

const COMPARISON = /^\(?\s*([A-Za-z][A-Za-z0-9]*)\s*(=|!=)\s*("([^"]*)"|'([^']*)'|[^\s()"']+)\s*\)?$/;

export function parseFilter(filter: string | null | undefined): Predicate {
  const text = filter?.trim();
  if (!text) return () => true;
  const terms = text
    .split(/\s+AND\s+|\)\s*\(/i)
    .map((t) => t.trim())
    .filter(Boolean);
  const predicates = terms.map((term) => {
    const m = COMPARISON.exec(term);
    if (!m) throw invalid(`Invalid value for field 'filter': '${text}'. The emulator supports only field = value comparisons.`);
    const [, field, op, , dq, sq] = m;
    const value = dq ?? sq ?? m[3];
    const equal = op === "=";
    return (doc: Record<string, unknown>) => (String(doc[field] ?? "") === value) === equal;
  });
  return (doc) => predicates.every((p) => p(doc));
}
