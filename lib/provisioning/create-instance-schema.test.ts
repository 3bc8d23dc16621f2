import { describe, expect, it } from "vitest";
import { invalidInput } from "../http/zod-issues";
import { createInstanceSchema } from "./create-instance-schema";

const valid = {
  slug: "acme",
  displayName: "Acme Corp",
  version: "latest",
  machineType: "n1-standard-8",
  dataDiskSizeGb: 500,
  zone: "us-central1-f",
  accessMode: "public_sso",
  allowlistCidrs: [],
};

const fieldsOf = (body: unknown) => {
  const r = createInstanceSchema.safeParse(body);
  return r.success ? [] : invalidInput(r.error, "body").fields.map((f) => f.field);
};

describe("createInstanceSchema", () => {
  it("takes latest or a release version (resolved against the release table by createInstance)", () => {
    expect(createInstanceSchema.parse(valid).version).toBe("latest");
    expect(fieldsOf({ ...valid, version: "5.10" })).toEqual(["version"]);
  });
  it("names every invalid field", () => {
    const fields = fieldsOf({ ...valid, slug: "Acme!", version: "9.9", machineType: "n2-standard-8", dataDiskSizeGb: 10, zone: "mars-1a", accessMode: "vpn" });
    expect([...new Set(fields)].sort()).toEqual(["accessMode", "dataDiskSizeGb", "machineType", "slug", "version", "zone"]);
  });
  it("requires CIDRs for an allowlist, refuses host addresses and duplicates, and none for public", () => {
    expect(fieldsOf({ ...valid, accessMode: "ip_allowlist", allowlistCidrs: [] })).toEqual(["allowlistCidrs"]);
    expect(fieldsOf({ ...valid, accessMode: "ip_allowlist", allowlistCidrs: ["10.1.2.3/16"] })).toEqual(["allowlistCidrs"]);
    expect(fieldsOf({ ...valid, accessMode: "ip_allowlist", allowlistCidrs: ["10.0.0.0/8", "10.0.0.0/8"] })).toEqual(["allowlistCidrs"]);
    expect(fieldsOf({ ...valid, allowlistCidrs: ["10.0.0.0/8"] })).toEqual(["allowlistCidrs"]);
    expect(fieldsOf({ ...valid, accessMode: "ip_allowlist", allowlistCidrs: ["10.0.0.0/8", "203.0.113.0/24"] })).toEqual([]);
  });
  it("refuses unknown fields", () => {
    expect(fieldsOf({ ...valid, project: "x" })).toEqual(["body"]);
  });
});

describe("createInstanceSchema defaults", () => {
  it("fills zone, disk size and an empty allowlist when omitted", () => {
    const { zone, dataDiskSizeGb, allowlistCidrs, ...rest } = valid;
    void zone;
    void dataDiskSizeGb;
    void allowlistCidrs;
    expect(createInstanceSchema.parse(rest)).toMatchObject({ zone: "us-central1-f", dataDiskSizeGb: 500, allowlistCidrs: [] });
  });
  it("refuses an allowlist that admits everyone, naming the field", () => {
    expect(fieldsOf({ ...valid, accessMode: "ip_allowlist", allowlistCidrs: ["0.0.0.0/0"] })).toEqual(["allowlistCidrs"]);
    expect(fieldsOf({ ...valid, accessMode: "ip_allowlist", allowlistCidrs: ["::/0"] })).toEqual(["allowlistCidrs"]);
    const r = createInstanceSchema.safeParse({ ...valid, accessMode: "ip_allowlist", allowlistCidrs: ["0.0.0.0/0"] });
    expect(JSON.stringify(r.error?.issues)).toContain("admits every address");
  });
});
