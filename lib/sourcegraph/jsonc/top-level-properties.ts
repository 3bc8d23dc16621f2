import { JsoncSyntaxError, scanJsonc, type JsoncToken } from "./scan-jsonc";

export interface TopLevelProperty {
  key: string;
  /** The key's string token. */
  keyToken: JsoncToken;
  /** Text range of the value (from its first to its last token). */
  valueStart: number;
  valueEnd: number;
  /** The comma following the value, if any (absent on the last property without a trailing comma). */
  comma?: JsoncToken;
}

export interface TopLevelObject {
  open: JsoncToken;
  close: JsoncToken;
  properties: TopLevelProperty[];
}

/**
 * Locates the properties of a JSONC document's top-level object, keeping text offsets so an
 * edit can touch exactly one value and leave everything else (comments, spacing) as written.
 */
export function topLevelProperties(text: string): TopLevelObject {
  const all = scanJsonc(text);
  const tokens = all.filter((t) => t.kind !== "comment");
  if (tokens[0]?.kind !== "{") throw new JsoncSyntaxError("the document is not a JSON object", tokens[0]?.start ?? 0);
  const properties: TopLevelProperty[] = [];
  let i = 1;
  for (;;) {
    const token = tokens[i];
    if (!token) throw new JsoncSyntaxError("unterminated object", text.length);
    if (token.kind === "}") {
      if (i !== tokens.length - 1) throw new JsoncSyntaxError("content after the top-level object", tokens[i + 1].start);
      return { open: tokens[0], close: token, properties };
    }
    if (token.kind !== "string") throw new JsoncSyntaxError("expected a property name", token.start);
    if (tokens[i + 1]?.kind !== ":") throw new JsoncSyntaxError("expected ':'", tokens[i + 1]?.start ?? text.length);
    const valueFirst = i + 2;
    const valueLast = endOfValue(tokens, valueFirst, text.length);
    const property: TopLevelProperty = {
      key: JSON.parse(text.slice(token.start, token.end)) as string,
      keyToken: token,
      valueStart: tokens[valueFirst].start,
      valueEnd: tokens[valueLast].end,
    };
    i = valueLast + 1;
    if (tokens[i]?.kind === ",") property.comma = tokens[i++];
    else if (tokens[i]?.kind !== "}") throw new JsoncSyntaxError("expected ',' or '}'", tokens[i]?.start ?? text.length);
    properties.push(property);
  }
}

/** Index of the last token of the value starting at `first` (matching nested brackets). */
function endOfValue(tokens: JsoncToken[], first: number, textLength: number): number {
  const token = tokens[first];
  if (!token) throw new JsoncSyntaxError("expected a value", textLength);
  if (token.kind === "string" || token.kind === "literal") return first;
  if (token.kind !== "{" && token.kind !== "[") throw new JsoncSyntaxError("expected a value", token.start);
  let depth = 0;
  for (let i = first; i < tokens.length; i++) {
    const kind = tokens[i].kind;
    if (kind === "{" || kind === "[") depth++;
    else if (kind === "}" || kind === "]") depth--;
    if (depth === 0) return i;
  }
  throw new JsoncSyntaxError("unterminated value", token.start);
}
