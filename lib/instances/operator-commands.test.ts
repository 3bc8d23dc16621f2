import { describe, expect, it } from "vitest";
import { operatorCommands } from "./operator-commands";

const acme = { gcpProjectId: "sourcegraph-managed-acme", zone: "us-central1-f", domain: "acme.sourcegraph.com" };

describe("operatorCommands", () => {
  it("builds the runbook's commands for the instance", () => {
    const byId = Object.fromEntries(operatorCommands(acme).map((c) => [c.id, c.command]));
    expect(byId.ssh).toBe('gcloud beta compute ssh --zone "us-central1-f" "prod" --tunnel-through-iap --project "sourcegraph-managed-acme"');
    expect(byId.caddy).toContain("start-iap-tunnel prod 80 --local-host-port=localhost:4444");
    expect(byId.grafana).toContain("prod 3370");
    expect(byId.jaeger).toContain("prod 16686");
    expect(byId.socks).toContain("sleep 600; kill $!");
    expect(byId.socks).toContain("-D localhost:5000");
    expect(byId["docker-ps"]).toContain("docker ps");
  });
  it.each([
    { ...acme, gcpProjectId: 'x"; rm -rf / #' },
    { ...acme, zone: "us-central1-f$(id)" },
    { ...acme, domain: "acme.sourcegraph.com'; curl evil" },
  ])("refuses fields that are not what they claim %#", (bad) => {
    expect(() => operatorCommands(bad)).toThrow(/invalid/);
  });
});
