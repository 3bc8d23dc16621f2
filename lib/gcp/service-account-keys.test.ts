import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ServiceAccountKeyMaterial } from "./service-account-keys";

const FILE = JSON.stringify({ type: "service_account", private_key: "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----\n" });
const key = () => new ServiceAccountKeyMaterial("projects/p/serviceAccounts/d@p.iam.gserviceaccount.com/keys/k1", "k1", "2026-01-01T00:00:00Z", Buffer.from(FILE).toString("base64"));

describe("ServiceAccountKeyMaterial", () => {
  it("gives the key file on request", () => {
    expect(key().keyFileJson()).toBe(FILE);
    expect(Buffer.from(key().privateKeyData, "base64").toString()).toBe(FILE);
  });
  it("keeps the private key out of logs, JSON and spreads", () => {
    const k = key();
    const b64 = k.privateKeyData;
    for (const text of [inspect(k), JSON.stringify(k), JSON.stringify({ ...k }), String(Object.values(k))]) {
      expect(text).not.toContain("PRIVATE KEY");
      expect(text).not.toContain(b64.slice(0, 24));
    }
    expect(JSON.parse(JSON.stringify(k))).toEqual({ name: k.name, keyId: "k1", validAfterTime: "2026-01-01T00:00:00Z" });
  });
});
