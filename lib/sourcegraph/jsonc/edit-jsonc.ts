import { applyEdits, modify, type FormattingOptions } from "jsonc-parser";
import { parseJsonc } from "./parse-jsonc";

/**
 * Sets a top-level property of a JSONC document, as text, with jsonc-parser's `modify`: an
 * existing value is replaced where it stands, a missing one is added at the end. Comments,
 * key order and formatting elsewhere are kept (people read and hand-edit these documents).
 * Keys are literal: `"alerts.showPatchUpdates"` is one top-level key, as in Sourcegraph.
 */
export function setJsoncProperty(text: string, key: string, value: unknown): string {
  parseJsonc(text); // refuse a broken document rather than edit around the damage
  return applyEdits(text, modify(text, [key], value, { formattingOptions: formattingOf(text) }));
}

/** Removes a top-level property (and its comma); an absent key is a no-op. */
export function removeJsoncProperty(text: string, key: string): string {
  return setJsoncProperty(text, key, undefined);
}

/** New text indented as the document already is (two spaces when it says nothing). */
function formattingOf(text: string): FormattingOptions {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
  return indent.startsWith("\t") ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}
