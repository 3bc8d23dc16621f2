import { describe, expect, it } from "vitest";
import { gcpRef, localRef, parseGcpRef, parseLocalRef } from "./secret-ref";

describe("secret references", () => {
  it("formats and parses both kinds", () => {
    expect(localRef("acme-admin-password")).toBe("local://acme-admin-password");
    expect(parseLocalRef("local://acme-admin-password")).toBe("acme-admin-password");
    const v = { project: "sourcegraph-managed-ctl", secret: "acme-deploy-key", version: "3" };
    expect(gcpRef(v)).toBe("gcp-sm://projects/sourcegraph-managed-ctl/secrets/acme-deploy-key/versions/3");
    expect(parseGcpRef(gcpRef(v))).toEqual(v);
  });
  it.each([
    "local://",
    "local://a/b",
    "file:///etc/passwd",
    "gcp-sm://projects/p/secrets/a/versions/latest",
    "gcp-sm://projects/sourcegraph-managed-ctl/secrets/a/versions/0",
    "gcp-sm://projects/sourcegraph-managed-ctl/secrets/a%2Fb/versions/1",
    "gcp-sm://projects/Bad_Project/secrets/a/versions/1",
  ])("rejects %s", (ref) => {
    expect(() => (ref.startsWith("local") || ref.startsWith("file") ? parseLocalRef(ref) : parseGcpRef(ref))).toThrow(/secret reference|Invalid secret name/);
  });
});
