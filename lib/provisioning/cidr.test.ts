import { describe, expect, it } from "vitest";
import { cidrListProblems, cidrProblem } from "./cidr";

describe("cidrProblem", () => {
  it("accepts network addresses with prefixes 1–32", () => {
    for (const c of ["10.0.0.0/8", "203.0.113.0/24", "198.51.100.7/32", "128.0.0.0/1"]) expect(cidrProblem(c)).toBeNull();
  });
  it("refuses a block that admits every address", () => {
    for (const c of ["0.0.0.0/0", "::/0"]) expect(cidrProblem(c)).toContain("admits every address");
  });
  it("refuses malformed blocks, host addresses and prefixes over 32", () => {
    for (const c of ["10.0.0.0/33", "300.1.1.1/24", "10.0.0.0", "10.0.0/8", "10.0.0.0/-1", "10.0.0.0/8; rm -rf /", "::/129", "10.0.0.0/8\n", "010.0.0.0/8"]) {
      expect(cidrProblem(c), c).not.toBeNull();
    }
    expect(cidrProblem("10.1.2.3/16")).toContain("did you mean 10.1.0.0/16");
  });
  it("finds duplicates", () => {
    expect(cidrListProblems(["10.0.0.0/8", "10.0.0.0/8"])).toEqual(['"10.0.0.0/8" is listed twice']);
  });
});
