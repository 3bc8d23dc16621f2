import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./sign-body";

describe("webhook body signature", () => {
  const key = "whsec_test-key-0123456789";
  const body = '{"kind":"health.down"}';
  it("is sha256= and the hex HMAC-SHA256 of '<timestamp>.<body>' (as the README documents)", () => {
    const expected = createHmac("sha256", key).update(`1700000000.${body}`).digest("hex");
    expect(signBody(key, 1_700_000_000, body)).toBe(`sha256=${expected}`);
  });
  it("verifies its own signature, and refuses another key, a changed body or an old timestamp", () => {
    const sig = signBody(key, 1_700_000_000, body);
    expect(verifySignature(key, "1700000000", body, sig, 1_700_000_010)).toBe(true);
    expect(verifySignature("another-key-000000", "1700000000", body, sig, 1_700_000_010)).toBe(false);
    expect(verifySignature(key, "1700000000", `${body} `, sig, 1_700_000_010)).toBe(false);
    expect(verifySignature(key, "1700000000", body, sig, 1_700_001_000)).toBe(false);
    expect(verifySignature(key, "1700000000", body, "sha256=00", 1_700_000_010)).toBe(false);
  });
});
