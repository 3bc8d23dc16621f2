import { createRedactor } from "../shell/redact-secrets";

/**
 * Patterns that are secrets wherever they appear, on top of the values a job registers
 * (passwords it generated, keys it read). Applied before a line is stored.
 */
const PATTERNS: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, "[REDACTED PRIVATE KEY]"],
  [/("(?:private_key|password|passwd|secret|api[_-]?key|access[_-]?token|token)"\s*:\s*")(?:[^"\\]|\\.)*(")/gi, "$1[REDACTED]$2"],
  [/\b(Bearer|token)\s+[A-Za-z0-9._~+/=-]{12,}/gi, "$1 [REDACTED]"],
  [/\b(password|passwd|secret|api[_-]?key|access[_-]?token)(["']?\s*[:=]\s*["']?)[^\s"',]+/gi, "$1$2[REDACTED]"],
  [/\bya29\.[A-Za-z0-9._-]+/g, "[REDACTED]"],
  [/\bmi_[A-Za-z0-9_-]{20,}/g, "[REDACTED]"],
];

export function createLogRedactor(secrets: readonly string[]): (line: string) => string {
  const known = createRedactor(secrets);
  return (line) => PATTERNS.reduce((out, [re, rep]) => out.replace(re, rep), known(line));
}
