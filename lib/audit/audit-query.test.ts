import { describe, expect, it } from "vitest";
import { auditQuerySchema } from "./audit-query";

const parse = (q: Record<string, string>) => auditQuerySchema.safeParse(q);

describe("auditQuerySchema", () => {
  it("defaults to the first page of 50", () => {
    expect(parse({}).data).toMatchObject({ page: 1, pageSize: 50 });
  });

  it("makes a date-only `to` cover its whole day", () => {
    const q = parse({ from: "2026-11-01", to: "2026-11-24" }).data!;
    expect(q.from?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(q.to?.toISOString()).toBe("2026-11-25T00:00:00.000Z");
  });

  it("takes ISO date-times with a zone", () => {
    expect(parse({ from: "2026-11-24T10:00:00Z", to: "2026-11-24T12:00:00+02:00" }).success).toBe(true);
  });

  it.each([
    [{ pageSize: "201" }, "pageSize must be ≤ 200"],
    [{ page: "0" }, "page must be ≥ 1"],
    [{ from: "yesterday" }, "from must be a date like 2026-11-24 or 2026-11-24T10:00:00Z"],
    [{ to: "2026-02-30T00:00:00Z" }, "to is not a real date"],
    [{ from: "2026-11-24", to: "2026-11-01" }, "from must be before to"],
    [{ instance: "../etc" }, "instance must be a slug"],
    [{ instance: "\u0430cme" }, "instance must be a slug"],
    [{ action: "job.create; drop" }, "action must look like job.create"],
    [{ actor: "<script>" }, "actor must be (part of) an email address"],
  ])("refuses %j", (q, message) => {
    const r = parse(q as Record<string, string>);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(message);
  });
});
