import { scanJsonc } from "./scan-jsonc";
import { topLevelProperties, type TopLevelProperty } from "./top-level-properties";

const DEFAULT_INDENT = "  ";

/**
 * Sets a top-level property of a JSONC object, as text: an existing value is replaced where
 * it stands, a missing property is appended after the last one. Comments, key order and
 * formatting elsewhere are untouched (people read and hand-edit these documents).
 * Keys are literal: `"alerts.showPatchUpdates"` is one top-level key, as in Sourcegraph.
 */
export function setJsoncProperty(text: string, key: string, value: unknown): string {
  if (value === undefined) return removeJsoncProperty(text, key);
  if (scanJsonc(text).every((t) => t.kind === "comment")) {
    const prefix = text.trim() === "" ? "" : `${text.trimEnd()}\n`;
    return `${prefix}{\n${DEFAULT_INDENT}${JSON.stringify(key)}: ${formatValue(value, DEFAULT_INDENT)}\n}\n`;
  }
  const object = topLevelProperties(text);
  const matches = object.properties.filter((p) => p.key === key);
  if (matches.length > 0) {
    // Replace from the end so earlier offsets stay valid; duplicates all get the new value.
    let out = text;
    for (const p of [...matches].reverse()) {
      out = out.slice(0, p.valueStart) + formatValue(value, lineIndent(out, p.keyToken.start)) + out.slice(p.valueEnd);
    }
    return out;
  }

  const last = object.properties.at(-1);
  const indent = last ? lineIndent(text, last.keyToken.start) : DEFAULT_INDENT;
  const entry = `\n${indent}${JSON.stringify(key)}: ${formatValue(value, indent)}`;
  // Insert after whatever ends the object's content (possibly a comment), before `}`.
  let at = object.close.start;
  while (at > object.open.end && /\s/.test(text[at - 1])) at--;
  const gap = text.slice(at, object.close.start);
  const tail = gap.includes("\n") ? gap : "\n";
  let out = text.slice(0, at) + entry + tail + text.slice(object.close.start);
  if (last && !last.comma) out = out.slice(0, last.valueEnd) + "," + out.slice(last.valueEnd);
  return out;
}

/** Removes every occurrence of a top-level property (and its comma); absent keys are a no-op. */
export function removeJsoncProperty(text: string, key: string): string {
  if (scanJsonc(text).every((t) => t.kind === "comment")) return text;
  const { properties } = topLevelProperties(text);
  let out = text;
  for (let index = properties.length - 1; index >= 0; index--) {
    const p = properties[index];
    if (p.key !== key) continue;
    const previous: TopLevelProperty | undefined = properties[index - 1];
    if (p.comma) {
      out = cut(out, p.keyToken.start, p.comma.end);
    } else {
      // The last property has no comma of its own: the one before it becomes trailing.
      out = cut(out, p.keyToken.start, p.valueEnd);
      if (previous?.comma && previous.key !== key) out = out.slice(0, previous.comma.start) + out.slice(previous.comma.end);
    }
    // Keep offsets of earlier properties valid: they precede everything cut so far.
  }
  return out;
}

/** Deletes [start, end), taking the whole line with it when nothing else is on it. */
function cut(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let lineEnd = text.indexOf("\n", end);
  if (lineEnd === -1) lineEnd = text.length;
  if (text.slice(lineStart, start).trim() === "" && text.slice(end, lineEnd).trim() === "") {
    return text.slice(0, lineStart) + text.slice(Math.min(lineEnd + 1, text.length));
  }
  return text.slice(0, start) + text.slice(end);
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : DEFAULT_INDENT;
}

function formatValue(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).split("\n").join(`\n${indent}`);
}
