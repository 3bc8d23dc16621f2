import { invalid } from "./errors";

// GCP's label rules: keys start with a lowercase letter; keys and values use lowercase
// letters, digits, '_' and '-', at most 63 characters; at most 64 labels.
const KEY_RE = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const VALUE_RE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;

/**
 * Checks a resource's `labels` the way GCP does, so a label the real API would refuse
 * (an upper-case colour, a version with dots) fails against the emulator too.
 */
export function validateLabels(labels: unknown, field = "resource.labels"): Record<string, string> {
  if (labels === undefined || labels === null) return {};
  if (typeof labels !== "object" || Array.isArray(labels)) throw invalid(`Invalid value for field '${field}'`);
  const entries = Object.entries(labels as Record<string, unknown>);
  if (entries.length > 64) throw invalid(`Invalid value for field '${field}': at most 64 labels are allowed`);
  for (const [key, value] of entries) {
    if (!KEY_RE.test(key)) throw invalid(`Invalid value for field '${field}': label key '${key}' is not valid`);
    if (typeof value !== "string" || !VALUE_RE.test(value)) {
      throw invalid(`Invalid value for field '${field}.${key}': '${String(value)}'. Label values may contain only lowercase letters, digits, '_' and '-'`);
    }
  }
  return labels as Record<string, string>;
}
