import { parseConfig } from "../config/load-config";
import { describe, expect, it } from "vitest";
import { provisioningConfigProblems, provisioningSettings } from "./settings";

const production = {
  INSTANCE_MODULE_SOURCE: "git::https://example.com/mi.git//terraform/modules/instance?ref=v1",
  DEPLOYMENT_MODULE_SOURCE: "git::https://example.com/mi.git//terraform/modules/deployment?ref=v1",
  STATE_BUCKET_MODULE_SOURCE: "git::https://example.com/mi.git//terraform/modules/state-bucket?ref=v1",
  GCP_PROJECT_PARENT: "folders/123456789012",
  DEPLOYMENTS_REPO: "git@example.com:org/deploy-sourcegraph-managed.git",
};

describe("provisioning configuration", () => {
  it("is complete with the production settings", () => {
    expect(provisioningConfigProblems(parseConfig(production))).toEqual([]);
    expect(provisioningSettings(parseConfig(production)).projectParent).toBe("folders/123456789012");
  });

  it("names every missing variable outside demo mode, with what to set", () => {
    const problems = provisioningConfigProblems(parseConfig({}));
    for (const name of ["INSTANCE_MODULE_SOURCE", "DEPLOYMENT_MODULE_SOURCE", "STATE_BUCKET_MODULE_SOURCE", "GCP_PROJECT_PARENT", "DEPLOYMENTS_REPO"]) {
      expect(problems.some((p) => p.startsWith(`${name} is not set`)), name).toBe(true);
    }
    expect(problems.find((p) => p.startsWith("INSTANCE_MODULE_SOURCE"))).toContain("terraform/modules/instance");
  });

  it("never silently uses the offline fixture outside demo mode", () => {
    const problems = provisioningConfigProblems(parseConfig({ ...production, INSTANCE_MODULE_SOURCE: "/app/emulators/terraform-fixtures/instance" }));
    expect(problems).toEqual([expect.stringMatching(/^INSTANCE_MODULE_SOURCE points at an offline fixture/)]);
    expect(provisioningConfigProblems(parseConfig({ ...production, INSTANCE_MODULE_SOURCE: "/app/emulators/terraform-fixtures/instance", DEMO_MODE: "1" }))).toEqual([]);
  });

  it("checks the parent's and the default zone's form", () => {
    expect(provisioningConfigProblems(parseConfig({ ...production, GCP_PROJECT_PARENT: "projects/x" }))).toEqual([expect.stringContaining("folders/<id> or organizations/<id>")]);
    expect(provisioningConfigProblems(parseConfig({ ...production, DEFAULT_ZONE: "mars-1a" }))).toEqual([expect.stringContaining("DEFAULT_ZONE")]);
    expect(provisioningSettings(parseConfig({ DEFAULT_ZONE: "europe-west1-c" })).defaultZone).toBe("europe-west1-c");
  });
});
