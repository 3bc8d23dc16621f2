import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { gcloudSshArgs } from "./gcloud-ssh-args";
import { quoteRemoteArg, remoteCommandLine } from "./quote-remote-arg";

/** What a POSIX shell makes of a command line: the real check for quoting. */
function shellWords(line: string): string[] {
  const out = execFileSync("/bin/sh", ["-c", `for a in ${line}; do printf '%s\\0' "$a"; done`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

const HOSTILE = [
  "{{json .}}",
  "it's",
  "; rm -rf /",
  "$(whoami)",
  "`id`",
  "a b\tc\nd",
  "\\",
  "'",
  "''",
  "*",
  "~root",
  "A=b",
  "!$",
  "",
  "é ✓",
  "--flag=value with space",
];

describe("quoteRemoteArg", () => {
  it("leaves plain words readable", () => {
    expect(quoteRemoteArg("sudo")).toBe("sudo");
    expect(quoteRemoteArg("sourcegraph-frontend-0")).toBe("sourcegraph-frontend-0");
    expect(quoteRemoteArg("/deployment/docker-compose")).toBe("/deployment/docker-compose");
  });

  it("single-quotes everything else, escaping single quotes", () => {
    expect(quoteRemoteArg("{{json .}}")).toBe("'{{json .}}'");
    expect(quoteRemoteArg("it's")).toBe(`'it'\\''s'`);
    expect(quoteRemoteArg("")).toBe("''");
    expect(quoteRemoteArg("A=b")).toBe("'A=b'");
  });

  it("round-trips hostile arguments through a real shell", () => {
    for (const arg of HOSTILE) expect(shellWords(quoteRemoteArg(arg))).toEqual([arg]);
    expect(shellWords(remoteCommandLine(HOSTILE))).toEqual(HOSTILE);
  });

  it("refuses NUL bytes", () => {
    expect(() => quoteRemoteArg("a\0b")).toThrow(/NUL/);
  });
});

describe("gcloudSshArgs", () => {
  const target = { project: "sourcegraph-managed-acme", zone: "us-central1-f" };

  it("builds the IAP ssh invocation with quoted remote arguments after --", () => {
    expect(gcloudSshArgs(target, ["sudo", "docker", "ps", "--format", "{{json .}}"])).toEqual([
      "compute", "ssh", "prod", "--zone", "us-central1-f", "--project", "sourcegraph-managed-acme",
      "--tunnel-through-iap", "--quiet", "--", "sudo", "docker", "ps", "--format", "'{{json .}}'",
    ]);
  });

  it("refuses targets that are not GCP names, before anything runs", () => {
    expect(() => gcloudSshArgs({ ...target, project: "--impersonate-service-account=x" }, ["true"])).toThrow(/project/);
    expect(() => gcloudSshArgs({ ...target, project: "acme;id" }, ["true"])).toThrow(/project/);
    expect(() => gcloudSshArgs({ ...target, zone: "us-central1-f --verbosity=debug" }, ["true"])).toThrow(/zone/);
    expect(() => gcloudSshArgs({ ...target, vm: "prod$(id)" }, ["true"])).toThrow(/VM name/);
    expect(() => gcloudSshArgs({ ...target, vm: "-oProxyCommand=x" }, ["true"])).toThrow(/VM name/);
  });

  it("refuses an empty command and one that ssh would read as its own option", () => {
    expect(() => gcloudSshArgs(target, [])).toThrow(/required/);
    expect(() => gcloudSshArgs(target, ["-oProxyCommand=id"])).toThrow(/must not start/);
  });
});
