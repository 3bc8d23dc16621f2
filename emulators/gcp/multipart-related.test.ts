import { describe, expect, it } from "vitest";
import { boundaryOf, parseMultipartRelated } from "./multipart-related";

// What Go's googleapi (gensupport.combineBodyMedia) sends for a multipart upload.
const goBody = (boundary: string, media: Buffer) =>
  Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n{"bucket":"b","name":"s/default.tfstate"}\n\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`),
    media,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

describe("multipart/related", () => {
  it("reads the boundary, quoted or not, and only from multipart/related", () => {
    expect(boundaryOf("multipart/related; boundary=abc123")).toBe("abc123");
    expect(boundaryOf('multipart/related; boundary="a b"')).toBe("a b");
    expect(boundaryOf("multipart/form-data; boundary=x")).toBeUndefined();
  });

  it("splits metadata and media, keeping binary bytes exact", () => {
    const media = Buffer.from([0, 1, 2, 0x0d, 0x0a, 0xff, 0x2d, 0x2d]);
    const parts = parseMultipartRelated(goBody("f00d", media), "f00d")!;
    expect(parts).toHaveLength(2);
    expect(parts[0].headers["content-type"]).toBe("application/json");
    expect(JSON.parse(parts[0].body.toString())).toEqual({ bucket: "b", name: "s/default.tfstate" });
    expect(parts[1].headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(Buffer.compare(parts[1].body, media)).toBe(0);
  });

  it("keeps an empty media part empty and rejects a body without its closing delimiter", () => {
    expect(parseMultipartRelated(goBody("b", Buffer.alloc(0)), "b")![1].body.length).toBe(0);
    expect(parseMultipartRelated(Buffer.from("--b\r\nContent-Type: a/b\r\n\r\nhello"), "b")).toBeUndefined();
  });
});
