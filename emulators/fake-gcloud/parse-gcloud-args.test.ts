import { describe, expect, it } from "vitest";
import { gcloudSshArgs } from "../../lib/ssh/gcloud-ssh-args";
import { parseGcloudArgs } from "./parse-gcloud-args";

describe("parseGcloudArgs", () => {
  it("reads what the SSH adapter produces", () => {
    const args = gcloudSshArgs({ project: "sourcegraph-managed-acme", zone: "us-central1-f" }, ["sudo", "docker", "ps", "--format", "{{json .}}"]);
    expect(parseGcloudArgs(args)).toEqual({
      kind: "ssh",
      vm: "prod",
      zone: "us-central1-f",
      project: "sourcegraph-managed-acme",
      commandLine: "sudo docker ps --format '{{json .}}'",
    });
  });

  it("reads the runbook's form: beta, --flag=value, --command", () => {
    const parsed = parseGcloudArgs(["beta", "compute", "ssh", "--zone=us-central1-f", "prod", "--tunnel-through-iap", "--project=p", "--command", "sudo docker ps"]);
    expect(parsed).toMatchObject({ kind: "ssh", vm: "prod", zone: "us-central1-f", project: "p", commandLine: "sudo docker ps" });
  });

  it("explains what it does not emulate", () => {
    expect(parseGcloudArgs(["compute", "instances", "list"])).toMatchObject({ kind: "usage-error", exitCode: 2 });
    expect(parseGcloudArgs(["compute", "ssh", "prod", "--zone", "z", "--project", "p"])).toMatchObject({ kind: "usage-error", message: expect.stringMatching(/interactive/) });
    expect(parseGcloudArgs(["compute", "ssh", "prod", "--project", "p", "--", "ls"])).toMatchObject({ kind: "usage-error", message: expect.stringMatching(/--zone/) });
    expect(parseGcloudArgs(["compute", "ssh", "prod", "--zone", "z", "--project", "p", "--bogus", "--", "ls"])).toMatchObject({ message: expect.stringMatching(/unrecognized arguments: --bogus/) });
    expect(parseGcloudArgs(["--version"])).toEqual({ kind: "version" });
  });
});
