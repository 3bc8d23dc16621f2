import { describe, expect, it } from "vitest";
import { containersNotHealthy, describeContainer, judgeContainer } from "./container-rule";
import { parseContainers } from "./parse-containers";

const ps = (name: string, state: string, status: string) => JSON.stringify({ Names: name, State: state, Status: status });

describe("the container rule", () => {
  const list = parseContainers([
    ps("migrator", "exited", "Exited (0) 3 minutes ago"),
    ps("pgsql", "running", "Up 3 minutes (healthy)"),
    ps("jaeger", "running", "Up 3 minutes"),
    ps("gitserver-0", "running", "Up 10 seconds (health: starting)"),
    ps("worker", "exited", "Exited (2) 1 minute ago"),
    ps("searcher-0", "restarting", "Restarting (1) 5 seconds ago"),
    ps("symbols-0", "running", "Up 3 minutes (unhealthy)"),
  ]);
  const verdicts = Object.fromEntries(list.map((c) => [c.name, judgeContainer(c)]));

  it("counts a completed one-shot container (migrator, Exited (0)) as healthy", () => {
    expect(list[0]).toMatchObject({ state: "exited", exitCode: 0 });
    expect(verdicts.migrator).toBe("healthy");
  });
  it("counts a non-zero exit, restarting and unhealthy as unhealthy", () => {
    expect(verdicts).toMatchObject({ worker: "unhealthy", "searcher-0": "unhealthy", "symbols-0": "unhealthy" });
    expect(describeContainer(list[4])).toBe("worker exited with 2");
  });
  it("tells starting from broken", () => {
    expect(verdicts["gitserver-0"]).toBe("starting");
    expect(containersNotHealthy(list).map((c) => c.name)).toEqual(["gitserver-0", "worker", "searcher-0", "symbols-0"]);
    expect(containersNotHealthy(list, { allowStarting: true }).map((c) => c.name)).toEqual(["worker", "searcher-0", "symbols-0"]);
  });
  it("reads Compose's ExitCode field", () => {
    const [c] = parseContainers([JSON.stringify({ Name: "migrator", State: "exited", Health: "", ExitCode: 0, Status: "Exited (0) 1 minute ago" })]);
    expect(judgeContainer(c)).toBe("healthy");
  });
});
