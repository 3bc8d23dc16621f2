import { spawn, type ChildProcess } from "node:child_process";

export interface SpawnedWorker {
  proc: ChildProcess;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * A real worker process (workers/main.ts) against this test file's database. It runs with
 * demo configuration (DEMO_MODE=1: emulators, fixtures, local secrets) unless the test says
 * otherwise; outside demo mode a worker refuses to start without production settings. The
 * background schedules that start jobs of their own (health loop, drift checks) are off unless
 * a test turns them on: their jobs would queue beside the ones a test counts and waits for.
 */
export function spawnWorker(env: Record<string, string> = {}): SpawnedWorker {
  const output: string[] = [];
  const proc = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: { ...process.env, HEARTBEAT_STALE_MS: "4000", SWEEP_INTERVAL_MS: "1000", KILL_GRACE_MS: "2000", HEALTH_CHECKS: "0", DRIFT_CHECKS: "0", DEMO_MODE: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (c: Buffer) => output.push(c.toString()));
  proc.stderr!.on("data", (c: Buffer) => output.push(c.toString()));
  return {
    proc,
    output,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill(signal);
      }),
  };
}

/** Polls `fn` until it returns a truthy value. */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
}
