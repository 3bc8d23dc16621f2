import { describe, expect, it } from "vitest";
import { judgeContainers } from "./instance-checks";
import { parseVmReport, staleReport } from "./vm-report";

const report = (over: Record<string, string> = {}) =>
  new Map(
    Object.entries({
      containers: ['{"Names":"migrator","Status":"Exited (0) 2 hours ago"}', '{"Names":"gitserver-0","Status":"Up 2 hours (healthy)"}', '{"Names":"caddy","Status":"Up 2 hours"}'].join("\n"),
      healthz: "200",
      version: "5.10.1\n",
      "reported-at": "1764150000",
      ...over,
    }),
  );

describe("the VM's health report", () => {
  it("parses what health-report.sh publishes; the one-shot migrator at Exited (0) is healthy", () => {
    const r = parseVmReport(report());
    expect(r).toMatchObject({ healthz: 200, version: "5.10.1", reportedAt: new Date(1764150000 * 1000) });
    expect(r.containers.map((c) => [c.name, c.state, c.health, c.exitCode])).toEqual([
      ["migrator", "exited", "none", 0],
      ["gitserver-0", "running", "healthy", undefined],
      ["caddy", "running", "none", undefined],
    ]);
    expect(judgeContainers(r.containers)).toEqual({ outcome: "pass", message: "3 containers healthy" });
  });

  it("turns a crashed one-shot, an unhealthy container and 000 into findings", () => {
    const r = parseVmReport(report({ containers: '{"Names":"migrator","Status":"Exited (1) 1 minute ago"}\n{"Names":"pgsql","Status":"Up 1 hour (unhealthy)"}', healthz: "000", version: "" }));
    expect(r.healthz).toBeNull();
    expect(judgeContainers(r.containers)).toEqual({ outcome: "fail", message: "migrator exited with 1, pgsql is unhealthy" });
  });

  it("is stale after five minutes, and refused without a time", () => {
    const r = parseVmReport(report());
    expect(staleReport(r, new Date(r.reportedAt.getTime() + 4 * 60_000))).toBeNull();
    expect(staleReport(r, new Date(r.reportedAt.getTime() + 12 * 60_000))).toMatch(/12 min old/);
    expect(() => parseVmReport(report({ "reported-at": "" }))).toThrow(/no valid time/);
  });
});
