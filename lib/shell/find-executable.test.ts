import { describe, expect, it } from "vitest";
import path from "node:path";
import { findExecutable } from "./find-executable";

describe("findExecutable", () => {
  it("finds node on the PATH that contains it", async () => {
    const dir = path.dirname(process.execPath);
    expect(await findExecutable(path.basename(process.execPath), dir)).toBe(process.execPath);
  });

  it("returns null when not on PATH, and ignores relative PATH entries", async () => {
    expect(await findExecutable("node", "/nonexistent:relative/bin:")).toBeNull();
    expect(await findExecutable("node", "")).toBeNull();
  });

  it("accepts an explicit path", async () => {
    expect(await findExecutable(process.execPath)).toBe(process.execPath);
    expect(await findExecutable("/nonexistent/node")).toBeNull();
  });
});
