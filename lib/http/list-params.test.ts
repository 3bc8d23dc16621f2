import { describe, expect, it } from "vitest";
import { z } from "zod";
import { csvParam, paginationParams } from "./list-params";

const schema = z.object({ ...paginationParams, status: csvParam(["queued", "running"] as const, "status") });
const problem = (input: Record<string, string>) => {
  const r = schema.safeParse(input);
  return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
};

describe("list parameters", () => {
  it("default to page 1 of 50 and no filter", () => {
    expect(schema.parse({})).toEqual({ page: 1, pageSize: 50, status: [] });
  });
  it("read strings from a URL", () => {
    expect(schema.parse({ page: "3", pageSize: "200", status: "queued,running" })).toEqual({ page: 3, pageSize: 200, status: ["queued", "running"] });
  });
  it.each([
    [{ page: "0" }, "page: page must be ≥ 1"],
    [{ page: "x" }, "page: page must be a number"],
    [{ page: "1.5" }, "page: page must be an integer"],
    [{ page: "100001" }, "page: page must be ≤ 100000"],
    [{ pageSize: "0" }, "pageSize: pageSize must be ≥ 1"],
    [{ pageSize: "201" }, "pageSize: pageSize must be ≤ 200"],
    [{ status: "queued,lost" }, "status.1: status must be one of queued, running"],
  ])("refuse %o naming the parameter", (input, message) => {
    expect(problem(input)).toBe(message);
  });
});
