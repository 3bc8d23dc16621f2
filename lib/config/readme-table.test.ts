import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "./config-schema";

const README = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
/** Set by Next.js, by server.ts, or only by tests: not for people to configure. */
const INTERNAL = new Set(["NODE_ENV", "MANAGED_INSTANCES_WEB_SERVER", "UPGRADE_FAULT_INJECTION"]);

describe("the README's configuration table", () => {
  it("names every variable the schema reads", () => {
    const section = README.slice(README.indexOf("## Configuration"));
    expect(CONFIG_KEYS.filter((k) => !INTERNAL.has(k) && !section.includes(`\`${k}`))).toEqual([]);
  });
});
