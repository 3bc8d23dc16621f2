import { describe, expect, it } from "vitest";
import { fill } from "./render-deployment";

describe("fill", () => {
  it("replaces every placeholder and refuses a missing one", () => {
    expect(fill('slug = "{{slug}}"', { slug: "acme" })).toBe('slug = "acme"');
    expect(() => fill("{{version}}", {})).toThrow("{{version}} has no value");
  });
});
