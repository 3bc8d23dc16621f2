import { describe, expect, it } from "vitest";
import { createWaveBodySchema, inWindow } from "./wave-schema";

describe("wave window", () => {
  it("is always open without a window", () => expect(inWindow({ start: null, end: null })).toBe(true));
  it("handles a window inside a day", () => {
    expect(inWindow({ start: "09:00", end: "17:00" }, new Date("2026-01-01T12:00:00Z"))).toBe(true);
    expect(inWindow({ start: "09:00", end: "17:00" }, new Date("2026-01-01T17:00:00Z"))).toBe(false);
  });
  it("handles a window across midnight", () => {
    expect(inWindow({ start: "22:00", end: "04:00" }, new Date("2026-01-01T23:30:00Z"))).toBe(true);
    expect(inWindow({ start: "22:00", end: "04:00" }, new Date("2026-01-01T03:59:00Z"))).toBe(true);
    expect(inWindow({ start: "22:00", end: "04:00" }, new Date("2026-01-01T12:00:00Z"))).toBe(false);
  });
});

describe("wave body", () => {
  // Whether the target is a release (not retired) is checked against the release table: lib/releases/releases-api.integration.test.ts.
  it("defaults batch size 5 and red/black, and refuses malformed versions", () => {
    expect(createWaveBodySchema.parse({ targetVersion: "5.10.2", instances: ["acme"] })).toMatchObject({ batchSize: 5, strategy: "red-black" });
    expect(createWaveBodySchema.safeParse({ targetVersion: "6.0", instances: ["acme"] }).success).toBe(false);
    expect(createWaveBodySchema.safeParse({ targetVersion: "5.10.2", instances: { version: "5.9.0" }, window: { start: "25:00", end: "01:00" } }).success).toBe(false);
  });
});
