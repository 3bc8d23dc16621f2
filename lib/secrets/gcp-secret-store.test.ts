import { describe, expect, it } from "vitest";
import { GcpSecretStore, type SecretManagerApi } from "./gcp-secret-store";
import { SecretError } from "./secret-store";

/** An in-memory Secret Manager with its semantics: secrets hold numbered versions. */
function fakeSecretManager() {
  const secrets = new Map<string, Buffer[]>();
  const calls: string[] = [];
  const api: SecretManagerApi = {
    async createSecret({ project, secretId }) {
      calls.push(`create ${project}/${secretId}`);
      if (!secrets.has(secretId)) secrets.set(secretId, []);
    },
    async addSecretVersion({ secretId, data }) {
      const versions = secrets.get(secretId)!;
      versions.push(Buffer.from(data));
      return { version: String(versions.length) };
    },
    async accessSecretVersion({ secretId, version }) {
      const data = secrets.get(secretId)?.[Number(version) - 1];
      if (!data) throw new Error("NOT_FOUND");
      return data;
    },
    async deleteSecret({ secretId }) {
      return secrets.delete(secretId);
    },
  };
  return { api, calls };
}

describe("GcpSecretStore", () => {
  it("adds a version per put and pins refs to it", async () => {
    const { api, calls } = fakeSecretManager();
    const store = new GcpSecretStore(api, "sourcegraph-managed-ctl");
    const first = await store.put("acme-admin-password", "one");
    const second = await store.put("acme-admin-password", "two");
    expect([first, second]).toEqual([
      "gcp-sm://projects/sourcegraph-managed-ctl/secrets/acme-admin-password/versions/1",
      "gcp-sm://projects/sourcegraph-managed-ctl/secrets/acme-admin-password/versions/2",
    ]);
    expect(await store.get(first)).toBe("one");
    expect(await store.get(second)).toBe("two");
    expect(calls).toEqual(["create sourcegraph-managed-ctl/acme-admin-password", "create sourcegraph-managed-ctl/acme-admin-password"]);
  });

  it("validates names and refuses refs of another project or kind", async () => {
    const store = new GcpSecretStore(fakeSecretManager().api, "sourcegraph-managed-ctl");
    await expect(store.put("../x", "v")).rejects.toMatchObject({ code: "invalid-name" });
    await expect(store.get("gcp-sm://projects/other-project/secrets/a/versions/1")).rejects.toMatchObject({ code: "invalid-ref" });
    await expect(store.get("local://a")).rejects.toBeInstanceOf(SecretError);
  });
});
