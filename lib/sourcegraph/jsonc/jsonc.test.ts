import { describe, expect, it } from "vitest";
import { removeJsoncProperty, setJsoncProperty } from "./edit-jsonc";
import { JsoncSyntaxError, parseJsonc, parseJsoncObject } from "./parse-jsonc";

const SITE_CONFIG = `{
  // The externally accessible URL for Sourcegraph (i.e., what you type into your browser).
  "externalURL": "http://localhost:3080",
  /* auth */
  "auth.providers": [
    { "type": "builtin", "allowSignup": false }, // no public sign-up
  ],
}
`;

describe("parseJsonc", () => {
  it("ignores comments and trailing commas", () => {
    expect(parseJsonc(SITE_CONFIG)).toEqual({
      externalURL: "http://localhost:3080",
      "auth.providers": [{ type: "builtin", allowSignup: false }],
    });
  });

  it("keeps comment-like text inside strings", () => {
    expect(parseJsonc(`{"a": "http://x // not a comment", "b": "/* nor this */"}`)).toEqual({
      a: "http://x // not a comment",
      b: "/* nor this */",
    });
  });

  it("treats an empty or comment-only document as undefined / {}", () => {
    expect(parseJsonc("  // nothing\n")).toBeUndefined();
    expect(parseJsoncObject("")).toEqual({});
  });

  it("rejects invalid documents with a syntax error", () => {
    expect(() => parseJsonc(`{"a": }`)).toThrow(JsoncSyntaxError);
    expect(() => parseJsonc(`{"a": "unterminated}`)).toThrow(JsoncSyntaxError);
    expect(() => parseJsoncObject(`[1]`)).toThrow(/not a JSON object/);
  });
});

describe("setJsoncProperty", () => {
  it("replaces an existing value in place and keeps every comment", () => {
    const out = setJsoncProperty(SITE_CONFIG, "externalURL", "https://acme.sourcegraph.com");
    expect(out).toBe(SITE_CONFIG.replace("http://localhost:3080", "https://acme.sourcegraph.com"));
  });

  it("appends a missing property after a trailing comma, before the closing brace", () => {
    const out = setJsoncProperty(SITE_CONFIG, "alerts.showPatchUpdates", false);
    // The document's own style (a trailing comma after the last property) is kept.
    expect(out).toContain(`  ],\n  "alerts.showPatchUpdates": false,\n}\n`);
    expect(out).toContain("// no public sign-up");
    expect(parseJsoncObject(out)["alerts.showPatchUpdates"]).toBe(false);
  });

  it("adds the missing comma when the last property has none, keeping a comment after it", () => {
    // jsonc-parser (as in Sourcegraph's own settings editor) inserts right after the last
    // value, so its line comment ends up after the new property: kept, not lost.
    const out = setJsoncProperty(`{\n  "a": 1 // one\n}`, "b", { c: [1] });
    expect(out).toBe(`{\n  "a": 1,\n  "b": {\n    "c": [\n      1\n    ]\n  } // one\n}`);
    expect(parseJsonc(out)).toEqual({ a: 1, b: { c: [1] } });
  });

  it("fills empty objects and empty documents", () => {
    expect(setJsoncProperty("{}", "a", 1)).toBe(`{\n  "a": 1\n}`);
    expect(setJsoncProperty("{\n}\n", "a", 1)).toBe(`{\n  "a": 1\n}\n`);
    expect(setJsoncProperty("", "a", "x")).toBe(`{\n  "a": "x"\n}`);
    expect(parseJsonc(setJsoncProperty("// keep me", "a", 1))).toEqual({ a: 1 });
  });

  it("uses the document's indentation for nested values", () => {
    const out = setJsoncProperty(`{\n    "a": 1\n}`, "notices", [{ location: "top" }]);
    expect(out).toBe(`{\n    "a": 1,\n    "notices": [\n        {\n            "location": "top"\n        }\n    ]\n}`);
  });

  it("replaces a structured value spanning several lines", () => {
    const out = setJsoncProperty(SITE_CONFIG, "auth.providers", []);
    expect(parseJsoncObject(out)["auth.providers"]).toEqual([]);
    expect(out).toContain("/* auth */");
    expect(out).not.toContain("no public sign-up");
  });

  it("refuses to edit a broken document", () => {
    expect(() => setJsoncProperty(`{"a": }`, "b", 1)).toThrow(JsoncSyntaxError);
  });

  it("keeps tab indentation and CRLF line ends", () => {
    expect(setJsoncProperty(`{\r\n\t"a": 1\r\n}`, "b", 2)).toBe(`{\r\n\t"a": 1,\r\n\t"b": 2\r\n}`);
  });

  it("escapes keys and values", () => {
    const out = setJsoncProperty("{}", 'we"ird', 'quote " and \\ backslash');
    expect(parseJsonc(out)).toEqual({ 'we"ird': 'quote " and \\ backslash' });
  });
});

describe("removeJsoncProperty", () => {
  it("removes a middle property with its comma and line", () => {
    const out = removeJsoncProperty(`{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}`, "b");
    expect(out).toBe(`{\n  "a": 1,\n  "c": 3\n}`);
  });

  it("removes the last property and the comma before it", () => {
    const out = removeJsoncProperty(`{\n  "a": 1,\n  // about b\n  "b": [\n    2\n  ]\n}`, "b");
    expect(out).toBe(`{\n  "a": 1\n}`);
    expect(parseJsonc(out)).toEqual({ a: 1 });
  });

  it("removes the only property and is a no-op for absent keys", () => {
    expect(removeJsoncProperty(`{\n  "a": 1\n}`, "a")).toBe(`{\n}`);
    expect(removeJsoncProperty(SITE_CONFIG, "absent")).toBe(SITE_CONFIG);
  });
});
