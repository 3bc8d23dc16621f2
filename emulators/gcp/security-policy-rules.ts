import type pg from "pg";
import { invalid } from "./errors";
import { getOrNotFound } from "./lookup";
import { recordOperation } from "./operations";
import { requireResource } from "./request-body";
import { fingerprint } from "./resources";
import { DEFAULT_RULE_PRIORITY, validateRule } from "./security-policies";
import { replaceResourceIf, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

/**
 * securityPolicies.addRule / patchRule / removeRule: the only way to change a policy's rules
 * (securityPolicies.patch cannot), so the google provider converges `rule` blocks with them.
 * The default rule can be changed but never removed.
 */
export async function changeSecurityPolicyRule(
  pool: pg.Pool,
  key: ResourceKey,
  verb: "addRule" | "patchRule" | "removeRule",
  query: URLSearchParams,
  body: unknown,
): Promise<Doc> {
  for (;;) {
    const current = await getOrNotFound(pool, key);
    const rules = Array.isArray(current.rules) ? (current.rules as Doc[]) : [];
    const next = { ...current, rules: nextRules(rules, verb, query, body), fingerprint: fingerprint() };
    // Compare-and-swap, so two rule changes at once both land.
    if (await replaceResourceIf(pool, key, String(current.fingerprint), next)) return recordOperation(pool, key, verb, String(current.id));
  }
}

function nextRules(rules: Doc[], verb: "addRule" | "patchRule" | "removeRule", query: URLSearchParams, body: unknown): Doc[] {
  const has = (p: number) => rules.some((r) => r.priority === p);
  const sorted = (list: Doc[]) => list.sort((a, b) => Number(a.priority) - Number(b.priority));
  if (verb === "addRule") {
    const rule = validateRule(requireResource(body), "resource");
    if (has(Number(rule.priority))) throw invalid(`Invalid value for field 'resource.priority': '${String(rule.priority)}'. A rule with this priority already exists.`);
    return sorted([...rules, rule]);
  }
  const priority = priorityParam(query);
  if (!has(priority)) throw invalid(`Invalid value for field 'priority': '${priority}'. No rule with this priority exists in the policy.`);
  if (verb === "removeRule") {
    if (priority === DEFAULT_RULE_PRIORITY) throw invalid("Invalid value for field 'priority': the default rule cannot be removed.");
    return rules.filter((r) => r.priority !== priority);
  }
  const existing = rules.find((r) => r.priority === priority)!;
  const patched = validateRule({ ...existing, ...requireResource(body), priority: requireResource(body).priority ?? priority }, "resource");
  if (patched.priority !== priority && has(Number(patched.priority))) {
    throw invalid(`Invalid value for field 'resource.priority': '${String(patched.priority)}'. A rule with this priority already exists.`);
  }
  return sorted([...rules.filter((r) => r.priority !== priority), patched]);
}

function priorityParam(query: URLSearchParams): number {
  const raw = query.get("priority");
  if (raw === null || raw === "") throw invalid("Required parameter 'priority' not specified");
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > DEFAULT_RULE_PRIORITY) throw invalid(`Invalid value for field 'priority': '${raw}'`);
  return n;
}
