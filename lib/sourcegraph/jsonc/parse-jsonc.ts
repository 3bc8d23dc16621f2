import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

/** A JSONC document that cannot be parsed; `offset` is where the parser gave up. */
export class JsoncSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses JSONC (comments, trailing commas) with jsonc-parser, the parser Sourcegraph's own
 * tooling uses. A document holding only whitespace and comments is `undefined` (Sourcegraph
 * treats empty settings as `{}`; callers choose their default).
 */
export function parseJsonc(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, allowEmptyContent: true, disallowComments: false });
  if (errors.length) {
    const first = errors[0];
    throw new JsoncSyntaxError(`invalid JSONC (${printParseErrorCode(first.error)} at offset ${first.offset})`, first.offset);
  }
  return value;
}

/** Parses a document that must be an object (site configuration, settings); empty is `{}`. */
export function parseJsoncObject(text: string): Record<string, unknown> {
  const value = parseJsonc(text) ?? {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new JsoncSyntaxError("the document is not a JSON object", 0);
  }
  return value as Record<string, unknown>;
}
