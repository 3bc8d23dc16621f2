import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_BILLING_ACCOUNT, DEMO_PROJECT_PARENT, demoDefaults } from "./demo-defaults";
import { parseConfig } from "./load-config";

const standIns = { fakeGcloudDir: "/repo/emulators/fake-gcloud", terraformFixturesDir: "/repo/emulators/terraform-fixtures" };

describe("demo mode's defaults", () => {
  it("point every external system at a stand-in, and turn the snapshot schedule off", () => {
    const { env, gcpEmulatorPort, sourcegraphEmulatorPort } = demoDefaults({ env: { PATH: "/usr/bin" }, dataDir: "/repo/.data", port: 3000, standIns });
    expect([gcpEmulatorPort, sourcegraphEmulatorPort]).toEqual([4010, 4020]);
    expect(env).toMatchObject({
      DEMO_MODE: "1",
      DATA_DIR: "/repo/.data",
      GCP_API_ENDPOINT: "http://127.0.0.1:4010",
      SOURCEGRAPH_BASE_URL_TEMPLATE: "http://127.0.0.1:4020/i/{slug}",
      SECRETS_DIR: "/repo/.data/secrets",
      PATH: `/repo/emulators/fake-gcloud${path.delimiter}/usr/bin`,
      NOTIFY_ALLOW_INSECURE_URLS: "1",
      BACKUP_SCHEDULE: "0",
      INSTANCE_MODULE_SOURCE: "/repo/emulators/terraform-fixtures/instance",
      GCP_PROJECT_PARENT: DEMO_PROJECT_PARENT,
      BILLING_ACCOUNT: DEMO_BILLING_ACCOUNT,
    });
  });

  it("leave what the environment already says, even an empty BILLING_ACCOUNT (the human task)", () => {
    const { env } = demoDefaults({ env: { BACKUP_SCHEDULE: "1", BILLING_ACCOUNT: "", GCP_EMULATOR_PORT: "5000" }, dataDir: "/d", port: 3000, standIns });
    expect(env).toMatchObject({ BACKUP_SCHEDULE: "1", BILLING_ACCOUNT: "", GCP_API_ENDPOINT: "http://127.0.0.1:5000" });
    expect(parseConfig(env).BILLING_ACCOUNT).toBeUndefined();
  });

  it("are a configuration the schema accepts, in demo mode", () => {
    const c = parseConfig(demoDefaults({ env: {}, dataDir: "/d", port: 3000, standIns }).env);
    expect(c).toMatchObject({ DEMO_MODE: true, BACKUP_SCHEDULE: false, NOTIFY_ALLOW_INSECURE_URLS: true, CERTIFICATE_POLL_MS: 1_000, SECRETS_DIR: "/d/secrets" });
  });
});
