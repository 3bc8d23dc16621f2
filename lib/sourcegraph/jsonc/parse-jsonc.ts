import { JsoncSyntaxError, scanJsonc } from "./scan-jsonc";

/**
 * Parses JSONC into a value: comments and trailing commas are dropped, then JSON.parse does
 * the real validation. A document holding only whitespace and comments is `undefined`
 * (Sourcegraph treats empty settings as `{}`; callers choose their default).
 */
export function parseJsonc(text: string): unknown {
  const tokens = scanJsonc(text).filter((t) => t.kind !== "comment");
  if (tokens.length === 0) return undefined;
  const parts: string[] = [];
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    // A comma right before a closing bracket is JSONC's trailing comma: not valid JSON.
    if (token.kind === "," && (next?.kind === "}" || next?.kind === "]")) return;
    parts.push(text.slice(token.start, token.end));
  });
  try {
    return JSON.parse(parts.join(" "));
  } catch (error) {
    throw new JsoncSyntaxError(`invalid JSONC (${(error as Error).message})`, 0);
  }
}

/** Parses a document that must be an object (site configuration, settings); empty is `{}`. */
export function parseJsoncObject(text: string): Record<string, unknown> {
  const value = parseJsonc(text) ?? {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new JsoncSyntaxError("the document is not a JSON object", 0);
  }
  return value as Record<string, unknown>;
}
