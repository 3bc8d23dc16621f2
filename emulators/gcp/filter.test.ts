import { describe, expect, it } from "vitest";
import { parseFilter } from "./filter";

const docs = [
  { name: "prod", status: "RUNNING" },
  { name: "dev", status: "TERMINATED" },
];
const names = (filter?: string) => docs.filter(parseFilter(filter)).map((d) => d.name);

describe("parseFilter", () => {
  it("keeps everything without a filter", () => {
    expect(names(undefined)).toEqual(["prod", "dev"]);
    expect(names("  ")).toEqual(["prod", "dev"]);
  });
  it("compares fields", () => {
    expect(names('name = "prod"')).toEqual(["prod"]);
    expect(names("status != RUNNING")).toEqual(["dev"]);
    expect(names("name='dev'")).toEqual(["dev"]);
  });
  it("combines terms with AND and parentheses", () => {
    expect(names('(name = "prod") (status = RUNNING)')).toEqual(["prod"]);
    expect(names('name = "prod" AND status = TERMINATED')).toEqual([]);
  });
  it("rejects syntax it does not implement", () => {
    expect(() => parseFilter("name eq prod.*")).toThrow(/filter/);
    expect(() => parseFilter('name = "a" OR name = "b"')).toThrow(/filter/);
  });
});
