import { describe, expect, it } from "vitest";
import { LineSplitter } from "./split-lines";

describe("LineSplitter", () => {
  it("keeps partial lines until their newline", () => {
    const s = new LineSplitter();
    expect(s.push("ab")).toEqual([]);
    expect(s.push("c\nde")).toEqual(["abc"]);
    expect(s.push("f\n\ng\n")).toEqual(["def", "", "g"]);
    expect(s.flush()).toEqual([]);
  });

  it("strips CR of CRLF, also when CR and LF arrive in different chunks", () => {
    const s = new LineSplitter();
    expect(s.push("one\r")).toEqual([]);
    expect(s.push("\ntwo\r\n")).toEqual(["one", "two"]);
  });

  it("flushes the last unterminated line", () => {
    const s = new LineSplitter();
    s.push("x\ntail");
    expect(s.flush()).toEqual(["tail"]);
    expect(s.flush()).toEqual([]);
  });

  it("reassembles multi-byte characters split across chunks", () => {
    const s = new LineSplitter();
    const bytes = Buffer.from("→ ok\n");
    expect(s.push(bytes.subarray(0, 1))).toEqual([]);
    expect(s.push(bytes.subarray(1))).toEqual(["→ ok"]);
  });
});
