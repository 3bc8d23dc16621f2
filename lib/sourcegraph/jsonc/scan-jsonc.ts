/**
 * A tokenizer for JSONC (JSON with comments and trailing commas), the format of Sourcegraph's
 * site configuration and settings. We edit those documents as text, never by re-serialising
 * parsed JSON, because customers and the handbook keep comments in them that must survive.
 */
export type JsoncTokenKind = "{" | "}" | "[" | "]" | ":" | "," | "string" | "literal" | "comment";

export interface JsoncToken {
  kind: JsoncTokenKind;
  /** Offsets into the text: `text.slice(start, end)` is the token. */
  start: number;
  end: number;
}

export class JsoncSyntaxError extends Error {
  override readonly name = "JsoncSyntaxError";
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
  }
}

const PUNCTUATION = new Set(["{", "}", "[", "]", ":", ","]);

export function scanJsonc(text: string): JsoncToken[] {
  const tokens: JsoncToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\uFEFF") {
      i++;
    } else if (PUNCTUATION.has(c)) {
      tokens.push({ kind: c as JsoncTokenKind, start: i, end: i + 1 });
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      tokens.push({ kind: "string", start: i, end });
      i = end;
    } else if (c === "/" && text[i + 1] === "/") {
      const newline = text.indexOf("\n", i);
      const end = newline === -1 ? text.length : newline;
      tokens.push({ kind: "comment", start: i, end });
      i = end;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close === -1) throw new JsoncSyntaxError("unterminated block comment", i);
      tokens.push({ kind: "comment", start: i, end: close + 2 });
      i = close + 2;
    } else if (/[-0-9a-z]/i.test(c)) {
      let end = i;
      while (end < text.length && /[-+.0-9a-zA-Z]/.test(text[end])) end++;
      tokens.push({ kind: "literal", start: i, end });
      i = end;
    } else {
      throw new JsoncSyntaxError(`unexpected character ${JSON.stringify(c)}`, i);
    }
  }
  return tokens;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
    else if (text[i] === "\n") break;
  }
  throw new JsoncSyntaxError("unterminated string", start);
}
