import { describe, expect, it } from "vitest";
import { createLogRedactor } from "./redact-log-line";

describe("createLogRedactor", () => {
  const redact = createLogRedactor(["hunter2-very-secret"]);
  it.each([
    ["admin password is hunter2-very-secret", "admin password is [REDACTED]"],
    ['{"password":"p@ss w0rd"}', '{"password":"[REDACTED]"}'],
    ["password=abc123 next", "password=[REDACTED] next"],
    ["Authorization: Bearer abcdefghijklmnopqrstuvwxyz", "Authorization: Bearer [REDACTED]"],
    ['"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"', '"private_key": "[REDACTED]"'],
    ["token mi_F1gI7HtHiONkU7jU0GQWLsFsZNSJpH-U", "token [REDACTED]"],
    ["gcloud auth: ya29.a0AfH6SMBx-very-long", "gcloud auth: [REDACTED]"],
  ])("%s", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
  it("leaves ordinary lines alone", () => {
    expect(redact("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.")).toBe(
      "Apply complete! Resources: 3 added, 0 changed, 0 destroyed.",
    );
  });
});
