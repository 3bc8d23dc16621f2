import { describe, expect, it } from "vitest";
import { startIapTunnelArgs } from "../../lib/iap/start-iap-tunnel-args";
import { parseGcloudArgs } from "./parse-gcloud-args";
import { parseHostPort } from "./parse-iap-tunnel-args";

describe("parseGcloudArgs for start-iap-tunnel", () => {
  it("reads what the IAP adapter produces", () => {
    const args = startIapTunnelArgs({ project: "sourcegraph-managed-acme", zone: "us-central1-f", vm: "prod-red" });
    expect(parseGcloudArgs(args)).toEqual({
      kind: "iap-tunnel",
      vm: "prod-red",
      instancePort: 80,
      zone: "us-central1-f",
      project: "sourcegraph-managed-acme",
      localHost: "127.0.0.1",
      localPort: 0,
      checkConnection: true,
    });
  });

  it("reads the runbook's form: beta, --local-host-port=localhost:N, quoted zone and project", () => {
    const parsed = parseGcloudArgs(["beta", "compute", "start-iap-tunnel", "prod", "80", "--local-host-port=localhost:4444", "--zone", "us-central1-f", "--project", "p-123456"]);
    expect(parsed).toMatchObject({ kind: "iap-tunnel", vm: "prod", instancePort: 80, localHost: "localhost", localPort: 4444 });
  });

  it("defaults to localhost:0 and reads every form of HOST:PORT gcloud accepts", () => {
    expect(parseGcloudArgs(["compute", "start-iap-tunnel", "prod", "80", "--zone=z", "--project=p"])).toMatchObject({ localHost: "localhost", localPort: 0 });
    expect(parseHostPort("127.0.0.1:5000")).toEqual({ host: "127.0.0.1", port: 5000 });
    expect(parseHostPort("localhost")).toEqual({ host: "localhost", port: 0 });
    expect(parseHostPort(":5000")).toEqual({ host: "localhost", port: 5000 });
    expect(parseHostPort("[::1]:5000")).toEqual({ host: "::1", port: 5000 });
    expect(parseHostPort("localhost:99999")).toBeNull();
    expect(parseHostPort("a:b:c")).toBeNull();
  });

  it("refuses what gcloud refuses, and says what it does not emulate", () => {
    const tunnel = (...rest: string[]) => parseGcloudArgs(["compute", "start-iap-tunnel", ...rest]);
    expect(tunnel("prod", "0", "--zone=z", "--project=p")).toMatchObject({ kind: "usage-error", exitCode: 2, message: expect.stringMatching(/INSTANCE_PORT: Value must be greater than or equal to 1/) });
    expect(tunnel("prod", "--zone=z", "--project=p")).toMatchObject({ kind: "usage-error", message: expect.stringMatching(/INSTANCE_NAME INSTANCE_PORT: Must be specified/) });
    expect(tunnel("prod", "80", "--project=p")).toMatchObject({ kind: "usage-error", exitCode: 1, message: expect.stringMatching(/Specify the \[--zone\] flag/) });
    expect(tunnel("prod", "80", "--zone=z", "--project=p", "--local-host-port=a:b:c")).toMatchObject({ message: expect.stringMatching(/Failed to parse host and port/) });
    expect(tunnel("prod", "80", "--zone=z", "--project=p", "--listen-on-stdin")).toMatchObject({ message: expect.stringMatching(/not emulated/) });
    expect(tunnel("prod", "80", "--zone=z", "--project=p", "--iap-tunnel-disable-connection-check")).toMatchObject({ checkConnection: false });
  });
});
