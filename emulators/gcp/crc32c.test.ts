import { describe, expect, it } from "vitest";
import { crc32c, crc32cBase64, md5Base64 } from "./crc32c";

describe("crc32c", () => {
  it("matches the Castagnoli check values", () => {
    // RFC 3720 (iSCSI) appendix B.4 and the standard "123456789" check value.
    expect(crc32c(Buffer.from("123456789"))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(32, 0))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it("encodes as GCS does: big-endian bytes in base64", () => {
    // `gsutil hash` of an empty object: crc32c AAAAAA==, md5 1B2M2Y8AsgTpgAmY7PhCfg==.
    expect(crc32cBase64(Buffer.alloc(0))).toBe("AAAAAA==");
    expect(md5Base64(Buffer.alloc(0))).toBe("1B2M2Y8AsgTpgAmY7PhCfg==");
    expect(crc32cBase64(Buffer.from("123456789"))).toBe(Buffer.from([0xe3, 0x06, 0x92, 0x83]).toString("base64"));
  });
});
