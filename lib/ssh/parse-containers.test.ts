import { describe, expect, it } from "vitest";
import { parseContainers } from "./parse-containers";

describe("parseContainers", () => {
  it("reads docker ps JSON lines, health from the Status text", () => {
    const lines = [
      `{"Command":"\\"/sbin/tini -- /usr/…\\"","ID":"1a2b","Image":"index.docker.io/sourcegraph/frontend:5.10.2","Names":"sourcegraph-frontend-0","State":"running","Status":"Up 2 hours (healthy)"}`,
      `{"ID":"3c4d","Image":"sourcegraph/gitserver:5.10.2","Names":"gitserver-0","State":"running","Status":"Up 5 seconds (health: starting)"}`,
      `{"ID":"5e6f","Image":"sourcegraph/postgres-12-alpine:5.10.2","Names":"pgsql","State":"running","Status":"Up 3 days (unhealthy)"}`,
      `{"ID":"7a8b","Image":"sourcegraph/cadvisor:5.10.2","Names":"cadvisor","State":"exited","Status":"Exited (137) 4 minutes ago"}`,
    ];
    expect(parseContainers(lines)).toEqual([
      { name: "sourcegraph-frontend-0", state: "running", health: "healthy", image: "index.docker.io/sourcegraph/frontend:5.10.2", status: "Up 2 hours (healthy)" },
      { name: "gitserver-0", state: "running", health: "starting", image: "sourcegraph/gitserver:5.10.2", status: "Up 5 seconds (health: starting)" },
      { name: "pgsql", state: "running", health: "unhealthy", image: "sourcegraph/postgres-12-alpine:5.10.2", status: "Up 3 days (unhealthy)" },
      { name: "cadvisor", state: "exited", health: "none", image: "sourcegraph/cadvisor:5.10.2", status: "Exited (137) 4 minutes ago", exitCode: 137 },
    ]);
  });

  it("reads docker compose ps JSON (lines or one array) with its Health field", () => {
    const object = { Name: "caddy", Service: "caddy", State: "running", Health: "", Status: "Up 2 hours" };
    const other = { Name: "grafana", Service: "grafana", State: "running", Health: "healthy", Status: "Up 2 hours (healthy)" };
    const expected = [
      { name: "caddy", state: "running", health: "none", status: "Up 2 hours" },
      { name: "grafana", state: "running", health: "healthy", status: "Up 2 hours (healthy)" },
    ];
    expect(parseContainers([JSON.stringify(object), JSON.stringify(other)])).toEqual(expected);
    expect(parseContainers([JSON.stringify([object, other])])).toEqual(expected);
  });

  it("falls back to the Status text when State is missing, and skips non-JSON noise", () => {
    expect(parseContainers(["Warning: Permanently added 'compute.123' to known hosts.", "", `{"Names":"jaeger","Status":"Restarting (1) 5 seconds ago"}`]))
      .toEqual([{ name: "jaeger", state: "restarting", health: "none", status: "Restarting (1) 5 seconds ago" }]);
  });

  it("rejects broken JSON and nameless entries", () => {
    expect(() => parseContainers([`{"Names": "x"`])).toThrow(/unreadable/);
    expect(() => parseContainers([`{"State": "running"}`])).toThrow(/without a name/);
  });
});
