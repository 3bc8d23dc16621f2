import { readFileSync } from "node:fs";
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { interruptAllChildren, ProcessSpawnError, runProcess, type OutputStream } from "./run-process";

const node = process.execPath;

/** Alive = exists and is not a zombie waiting for a reaper. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Runs a Node one-liner and collects its lines. */
async function runNode(script: string, args: string[] = [], options: Parameters<typeof runProcess>[2] = {}) {
  const lines: Array<[OutputStream, string]> = [];
  const result = await runProcess(node, ["-e", script, "--", ...args], {
    ...options,
    onLine: (stream, line) => {
      lines.push([stream, line]);
      options.onLine?.(stream, line);
    },
  });
  return { result, lines, stdout: lines.filter(([s]) => s === "stdout").map(([, l]) => l) };
}

describe("runProcess", () => {
  it("streams stdout and stderr line by line and reports the exit code", async () => {
    const { result, lines } = await runNode(
      `console.log("one"); console.error("err one"); console.log("two"); process.exitCode = 3;`,
    );
    expect(result.exitCode).toBe(3);
    expect(result.signal).toBeNull();
    expect(result.cancelled).toBe(false);
    expect(result.timedOut).toBe(false);
    expect(result.durationMs).toBeGreaterThan(0);
    expect(lines.filter(([s]) => s === "stdout").map(([, l]) => l)).toEqual(["one", "two"]);
    expect(lines.filter(([s]) => s === "stderr").map(([, l]) => l)).toEqual(["err one"]);
  });

  it("joins partial writes, strips CRLF and flushes the unterminated last line", async () => {
    const { stdout } = await runNode(`
      const w = (s) => new Promise((r) => process.stdout.write(s, r));
      const pause = () => new Promise((r) => setTimeout(r, 30));
      (async () => {
        await w("hel"); await pause();
        await w("lo\\r\\nwor"); await pause();
        await w("ld\\n\\nlast without newline");
      })();
    `);
    expect(stdout).toEqual(["hello", "world", "", "last without newline"]);
  });

  it("does not break a UTF-8 character split across two writes", async () => {
    const { stdout } = await runNode(`
      const bytes = Buffer.from("café ✓\\n");
      process.stdout.write(bytes.subarray(0, 4));
      setTimeout(() => process.stdout.write(bytes.subarray(4)), 30);
    `);
    expect(stdout).toEqual(["café ✓"]);
  });

  it("passes arguments literally: no shell, no expansion", async () => {
    const hostile = ["; rm -rf /", "$(whoami)", "`id`", "a b  c", "'quoted'", '"dq"', "*", "$HOME", "x\ny", "&& echo pwned |"];
    const { result, stdout } = await runNode(`console.log(JSON.stringify(process.argv.slice(1)))`, hostile);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(stdout[0]!)).toEqual(hostile);
  });

  it("applies env overrides (including removal) and cwd", async () => {
    const dir = await realpath(await mkdtemp(path.join(tmpdir(), "run-process-")));
    try {
      process.env.RUN_PROCESS_TEST_REMOVE_ME = "present";
      const { stdout } = await runNode(
        `console.log(process.cwd()); console.log(process.env.MY_VAR); console.log(String(process.env.RUN_PROCESS_TEST_REMOVE_ME));`,
        [],
        { cwd: dir, env: { MY_VAR: "value with spaces; $(x)", RUN_PROCESS_TEST_REMOVE_ME: undefined } },
      );
      expect(stdout).toEqual([dir, "value with spaces; $(x)", "undefined"]);
    } finally {
      delete process.env.RUN_PROCESS_TEST_REMOVE_ME;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("can start from an empty environment", async () => {
    const { stdout } = await runNode(`console.log(Object.keys(process.env).sort().join(","))`, [], {
      inheritEnv: false,
      env: { ONLY: "1" },
    });
    expect(stdout[0]).toBe("ONLY");
  });

  it("writes stdin when given", async () => {
    const { stdout } = await runNode(
      `let s = ""; process.stdin.on("data", (d) => (s += d)); process.stdin.on("end", () => console.log(s.toUpperCase()));`,
      [],
      { stdin: "from parent" },
    );
    expect(stdout).toEqual(["FROM PARENT"]);
  });

  it("on abort sends SIGINT first, and a child that handles it exits on its own", async () => {
    const controller = new AbortController();
    const { result, stdout } = await runNode(
      `
      process.on("SIGINT", () => { console.log("got SIGINT"); process.exit(130); });
      process.on("SIGTERM", () => { console.log("got SIGTERM"); process.exit(143); });
      console.log("ready");
      setInterval(() => {}, 1000);
      `,
      [],
      {
        signal: controller.signal,
        killGraceMs: 5_000,
        onLine: (_s, line) => {
          if (line === "ready") controller.abort();
        },
      },
    );
    expect(stdout).toEqual(["ready", "got SIGINT"]);
    expect(result.cancelled).toBe(true);
    expect(result.exitCode).toBe(130);
    // Well inside the grace period: SIGTERM was never needed.
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it("escalates SIGINT → SIGTERM → SIGKILL after each grace period", async () => {
    const controller = new AbortController();
    const { result, stdout } = await runNode(
      `
      process.on("SIGINT", () => console.log("ignoring SIGINT"));
      process.on("SIGTERM", () => console.log("ignoring SIGTERM"));
      console.log("ready");
      setInterval(() => {}, 1000);
      `,
      [],
      {
        signal: controller.signal,
        killGraceMs: 300,
        onLine: (_s, line) => {
          if (line === "ready") controller.abort();
        },
      },
    );
    expect(stdout).toEqual(["ready", "ignoring SIGINT", "ignoring SIGTERM"]);
    expect(result.cancelled).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe("SIGKILL");
    expect(result.durationMs).toBeGreaterThanOrEqual(600);
  });

  it("after a cancelled child exits, kills what it left behind in its process group", async () => {
    const controller = new AbortController();
    let grandchild = 0;
    const { result } = await runNode(
      `
      const { spawn } = require("node:child_process");
      const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
      process.on("SIGINT", () => process.exit(130)); // exits without stopping its own child
      console.log("grandchild " + sleeper.pid);
      setInterval(() => {}, 1000);
      `,
      [],
      {
        signal: controller.signal,
        onLine: (_s, line) => {
          const m = /^grandchild (\d+)$/.exec(line);
          if (m) {
            grandchild = Number(m[1]);
            controller.abort();
          }
        },
      },
    );
    expect(result.cancelled).toBe(true);
    expect(grandchild).toBeGreaterThan(0);
    await expect.poll(() => isAlive(grandchild), { timeout: 2_000 }).toBe(false);
  });

  it("interrupts every running child when the worker stops, and forgets those that ended", async () => {
    const first = runProcess("sleep", ["30"]);
    const second = runProcess("sleep", ["30"]);
    await runProcess("true", []);
    expect(interruptAllChildren()).toBe(2);
    const results = await Promise.all([first, second]);
    expect(results.map((r) => r.signal)).toEqual(["SIGINT", "SIGINT"]);
    expect(results.every((r) => r.durationMs < 5_000)).toBe(true);
    expect(interruptAllChildren()).toBe(0);
  });

  it("stops the child when the timeout elapses", async () => {
    const { result } = await runNode(`setTimeout(() => {}, 60_000)`, [], { timeoutMs: 200, killGraceMs: 1_000 });
    expect(result.timedOut).toBe(true);
    expect(result.cancelled).toBe(false);
    expect(result.signal).toBe("SIGINT");
    expect(result.durationMs).toBeLessThan(1_000);
  });

  it("does not start a child when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const lines: string[] = [];
    const result = await runProcess(node, ["-e", `console.log("should not run")`], {
      signal: controller.signal,
      onLine: (_s, line) => lines.push(line),
    });
    expect(result).toMatchObject({ cancelled: true, exitCode: null });
    expect(lines).toEqual([]);
  });

  it("rejects with ProcessSpawnError when the binary does not exist", async () => {
    const error = await runProcess("/nonexistent/definitely-not-a-binary", []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessSpawnError);
    expect((error as ProcessSpawnError).code).toBe("ENOENT");
  });

  it("keeps delivering lines and reports the error when onLine throws", async () => {
    const seen: string[] = [];
    const result = await runProcess(node, ["-e", `console.log("a"); console.log("b")`], {
      onLine: (_s, line) => {
        seen.push(line);
        if (line === "a") throw new Error("log sink down");
      },
    });
    expect(seen).toEqual(["a", "b"]);
    expect(result.exitCode).toBe(0);
    expect((result.lineHandlerError as Error).message).toBe("log sink down");
  });

  it("handles a large burst of output without losing lines", async () => {
    const { stdout } = await runNode(`for (let i = 0; i < 20000; i++) console.log("line " + i)`);
    expect(stdout).toHaveLength(20_000);
    expect(stdout[19_999]).toBe("line 19999");
  });
});
