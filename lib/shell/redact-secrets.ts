/** What a secret is replaced with in log lines. */
export const REDACTED = "[REDACTED]";

/**
 * Builds a function that replaces every occurrence of the given secrets in a line.
 *
 * Redaction happens before a line reaches any sink (database, SSE, console), because a line
 * that was stored once cannot be reliably un-stored. Besides each secret verbatim it also
 * replaces the secret as it appears inside a JSON string (quotes, backslashes, newlines and
 * control characters escaped), since tools like `terraform -json` print values that way.
 * Longer secrets are replaced first so that a secret containing a shorter one is not left
 * half-visible. Plain string replacement, no RegExp: secrets may contain any character.
 */
export function createRedactor(secrets: readonly string[]): (line: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret === "") continue;
    needles.add(secret);
    needles.add(JSON.stringify(secret).slice(1, -1));
    // Go's encoding/json (Terraform) also escapes <, > and & as \u003c, \u003e, \u0026.
    needles.add(
      JSON.stringify(secret)
        .slice(1, -1)
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026"),
    );
  }
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (line) => line;
  return (line) => {
    let out = line;
    for (const needle of ordered) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  };
}

/** One-off convenience over createRedactor. */
export function redactSecrets(line: string, secrets: readonly string[]): string {
  return createRedactor(secrets)(line);
}
