/**
 * Just enough GraphQL reading for an emulator: find a field in an operation and evaluate its
 * arguments (variables, literals, input objects, lists). Selection sets are ignored; answers
 * carry every field, which clients tolerate.
 */
export class GraphqlInputError extends Error {}

/** The query with string contents and comments blanked out, same length, so field names can be found safely. */
export function maskQuery(query: string): string {
  return query
    .replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"/g, (s) => `"${" ".repeat(s.length - 2)}"`)
    .replace(/#[^\n]*/g, (s) => " ".repeat(s.length));
}

/** Index of `field` in the operation's selection (never in its header), or -1. */
function fieldIndex(masked: string, field: string): number {
  const body = masked.indexOf("{");
  if (body === -1) return -1;
  const match = new RegExp(`\\b${field}\\b`).exec(masked.slice(body));
  return match ? body + match.index : -1;
}

export function hasField(query: string, field: string): boolean {
  return fieldIndex(maskQuery(query), field) !== -1;
}

/** The field's arguments, or null when the field is absent. */
export function fieldArguments(query: string, field: string, variables: Record<string, unknown>): Record<string, unknown> | null {
  const at = fieldIndex(maskQuery(query), field);
  if (at === -1) return null;
  const reader = new Reader(query, at + field.length, variables);
  reader.skipSpace();
  if (query[reader.pos] !== "(") return {};
  reader.pos++;
  return reader.readFields(")");
}

class Reader {
  constructor(readonly text: string, public pos: number, readonly variables: Record<string, unknown>) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /[\s,]/.test(this.text[this.pos])) this.pos++;
  }

  readFields(close: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return out;
      }
      const name = /^[_A-Za-z]\w*/.exec(this.text.slice(this.pos))?.[0];
      if (!name) throw new GraphqlInputError(`Syntax Error: expected an argument name at ${this.pos}`);
      this.pos += name.length;
      this.skipSpace();
      if (this.text[this.pos] !== ":") throw new GraphqlInputError(`Syntax Error: expected ":" after ${name}`);
      this.pos++;
      out[name] = this.readValue();
    }
  }

  readValue(): unknown {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    const c = rest[0];
    if (c === "$") {
      const name = /^\$(\w+)/.exec(rest)?.[1] ?? "";
      this.pos += name.length + 1;
      return this.variables[name] ?? null;
    }
    if (c === "{") {
      this.pos++;
      return this.readFields("}");
    }
    if (c === "[") {
      this.pos++;
      const list: unknown[] = [];
      for (;;) {
        this.skipSpace();
        if (this.text[this.pos] === "]") {
          this.pos++;
          return list;
        }
        list.push(this.readValue());
      }
    }
    const literal = /^(?:"(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[_A-Za-z]\w*)/.exec(rest)?.[0];
    if (!literal) throw new GraphqlInputError(`Syntax Error: unexpected ${JSON.stringify(c)} at ${this.pos}`);
    this.pos += literal.length;
    if (literal === "true" || literal === "false" || literal === "null" || /^[-"\d]/.test(literal)) return JSON.parse(literal);
    return literal; // an enum value
  }
}
