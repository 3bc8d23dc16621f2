import { describe, expect, it } from "vitest";
import { spawnWorker } from "../testing/spawn-worker";

/** A worker with malformed settings, or outside demo mode missing provisioning settings, stops at start, naming each one. */
describe("a worker outside demo mode", () => {
  it("refuses to start without the module sources, the project parent and the deployments repository", async () => {
    const worker = spawnWorker({ DEMO_MODE: "0", INSTANCE_MODULE_SOURCE: "", DEPLOYMENT_MODULE_SOURCE: "", STATE_BUCKET_MODULE_SOURCE: "", GCP_PROJECT_PARENT: "", DEPLOYMENTS_REPO: "" });
    const code = await new Promise<number | null>((resolve) => worker.proc.once("exit", (c) => resolve(c)));
    const output = worker.output.join("");
    expect(code).toBe(1);
    expect(output).toContain("refusing to start");
    for (const name of ["INSTANCE_MODULE_SOURCE", "DEPLOYMENT_MODULE_SOURCE", "STATE_BUCKET_MODULE_SOURCE", "GCP_PROJECT_PARENT", "DEPLOYMENTS_REPO"]) expect(output).toContain(`${name} is not set`);
  }, 60_000);

  it("refuses the offline fixture as a module source", async () => {
    const worker = spawnWorker({
      DEMO_MODE: "0",
      INSTANCE_MODULE_SOURCE: "/srv/app/emulators/terraform-fixtures/instance",
      DEPLOYMENT_MODULE_SOURCE: "git::https://example.com/mi.git//terraform/modules/deployment?ref=v1",
      STATE_BUCKET_MODULE_SOURCE: "git::https://example.com/mi.git//terraform/modules/state-bucket?ref=v1",
      GCP_PROJECT_PARENT: "folders/123",
      DEPLOYMENTS_REPO: "git@example.com:org/deployments.git",
    });
    const code = await new Promise<number | null>((resolve) => worker.proc.once("exit", (c) => resolve(c)));
    expect(code).toBe(1);
    expect(worker.output.join("")).toContain("INSTANCE_MODULE_SOURCE points at an offline fixture");
  }, 60_000);

  it("refuses malformed values, naming each one together with the missing settings", async () => {
    const worker = spawnWorker({ DEMO_MODE: "0", HEALTH_CHECK_CONCURRENCY: "abc", GCP_API_ENDPOINT: "http://[::1", GCP_PROJECT_PARENT: "", DEPLOYMENTS_REPO: "" });
    const code = await new Promise<number | null>((resolve) => worker.proc.once("exit", (c) => resolve(c)));
    const output = worker.output.join("");
    expect(code).toBe(1);
    expect(output).toContain("refusing to start");
    expect(output).toContain('HEALTH_CHECK_CONCURRENCY="abc": must be a number');
    expect(output).toContain("GCP_API_ENDPOINT");
    expect(output).toContain("GCP_PROJECT_PARENT is not set");
  }, 60_000);
});
