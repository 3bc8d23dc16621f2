import { describe, expect, it } from "vitest";
import { mixesScripts, nameSchema } from "./name-schema";

const name = nameSchema("name", 80);

describe("nameSchema", () => {
  it.each(["ci-deploy", "Alice Admin", "José Núñez", "Иван Петров", "O'Brien (laptop)", "token_2.0"])("accepts %s", (s) => {
    expect(name.safeParse(s).success).toBe(true);
  });

  it.each([
    ["shell", "acme; rm -rf /"],
    ["command substitution", "$(whoami)"],
    ["backticks", "`id`"],
    ["path traversal", "../../etc/passwd"],
    ["markup", "<script>alert(1)</script>"],
    ["look-alike", "\u0430cme"],
    ["control characters", "acme\r\nX: 1"],
    ["NUL", "acme\u0000"],
    ["blank", "   "],
    ["too long", "a".repeat(81)],
  ])("refuses %s", (_, s) => {
    const r = name.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/^name /);
  });

  it("trims", () => {
    expect(name.parse("  laptop  ")).toBe("laptop");
  });
});

describe("mixesScripts", () => {
  it("flags a word that mixes Latin with Cyrillic or Greek", () => {
    expect(mixesScripts("p\u0430ypal")).toBe(true);
    expect(mixesScripts("\u03bfpen")).toBe(true);
    expect(mixesScripts("Acme Иван")).toBe(false);
  });
});
