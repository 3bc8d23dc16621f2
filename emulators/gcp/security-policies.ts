import { isIP } from "node:net";
import { invalid } from "./errors";
import { fingerprint, newId, now, selfLink } from "./resources";

type Doc = Record<string, unknown>;

export const DEFAULT_RULE_PRIORITY = 2_147_483_647;
/** Cloud Armor's limit on `srcIpRanges` per rule: longer allowlists are split over several rules. */
export const MAX_RANGES_PER_RULE = 10;
const ACTIONS = /^(allow|deny\((403|404|502)\))$/;

/**
 * A Cloud Armor security policy (compute v1 SecurityPolicy) from an insert. Rules are
 * checked as Cloud Armor checks them, so a policy the real API would refuse fails here too;
 * a policy sent without a default rule gets GCP's own (allow everything, lowest priority).
 */
export function securityPolicyDoc(project: string, name: string, resource: Doc): Doc {
  const rules = validateRules(resource.rules);
  if (!rules.some((r) => r.priority === DEFAULT_RULE_PRIORITY)) {
    rules.push(rule({ priority: DEFAULT_RULE_PRIORITY, action: "allow", description: "default rule", srcIpRanges: ["*"] }));
  }
  return {
    kind: "compute#securityPolicy",
    id: newId(),
    name,
    description: typeof resource.description === "string" ? resource.description : "",
    creationTimestamp: now(),
    type: "CLOUD_ARMOR",
    rules: rules.sort((a, b) => Number(a.priority) - Number(b.priority)),
    fingerprint: fingerprint(),
    selfLink: selfLink(project, "securityPolicy", "global", name),
  };
}

function validateRules(raw: unknown): Doc[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalid("Invalid value for field 'resource.rules'");
  const priorities = new Set<number>();
  return raw.map((r: unknown, i) => {
    const checked = validateRule(r, `resource.rules[${i}]`);
    if (priorities.has(Number(checked.priority))) {
      throw invalid(`Invalid value for field 'resource.rules[${i}].priority': '${String(checked.priority)}'. Multiple rules have the same priority.`);
    }
    priorities.add(Number(checked.priority));
    return checked;
  });
}

/** One rule as Cloud Armor checks it; `field` names it in errors. */
export function validateRule(raw: unknown, field: string): Doc {
  const r = (raw ?? {}) as Doc;
  const priority = Number(r.priority);
  if (!Number.isInteger(priority) || priority < 0 || priority > DEFAULT_RULE_PRIORITY) {
    throw invalid(`Invalid value for field '${field}.priority': '${String(r.priority)}'`);
  }
  const action = typeof r.action === "string" ? r.action : "";
  if (!ACTIONS.test(action)) throw invalid(`Invalid value for field '${field}.action': '${action}'`);
  const match = (r.match ?? {}) as Doc;
  if (match.versionedExpr !== "SRC_IPS_V1") {
    throw invalid(`Invalid value for field '${field}.match.versionedExpr': '${String(match.versionedExpr ?? "")}'. The emulator models SRC_IPS_V1 matches only.`);
  }
  const ranges = (match.config as Doc | undefined)?.srcIpRanges;
  if (!Array.isArray(ranges) || ranges.length === 0) throw invalid(`Required field '${field}.match.config.srcIpRanges' not specified`);
  if (ranges.length > MAX_RANGES_PER_RULE) {
    throw invalid(`Invalid value for field '${field}.match.config.srcIpRanges': ${ranges.length} ranges. A rule may have at most ${MAX_RANGES_PER_RULE} source IP ranges.`);
  }
  for (const range of ranges) {
    if (!isRange(range)) throw invalid(`Invalid value for field '${field}.match.config.srcIpRanges': '${String(range)}'`);
  }
  return rule({ priority, action, description: typeof r.description === "string" ? r.description : "", srcIpRanges: ranges as string[], preview: r.preview === true });
}

function rule(r: { priority: number; action: string; description: string; srcIpRanges: string[]; preview?: boolean }): Doc {
  return {
    kind: "compute#securityPolicyRule",
    priority: r.priority,
    action: r.action,
    description: r.description,
    preview: r.preview ?? false,
    match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: r.srcIpRanges } },
  };
}

/** "*", an IP, or a CIDR block of either family. */
function isRange(value: unknown): boolean {
  if (value === "*") return true;
  if (typeof value !== "string") return false;
  const [ip, prefix, ...rest] = value.split("/");
  const family = isIP(ip);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const n = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && n <= (family === 4 ? 32 : 128);
}
