import { spawn, type ChildProcess } from "node:child_process";

/**
 * The child processes of `npm start` / the e2e server: each one's output is prefixed with
 * its name; stopAll() sends SIGTERM to each process group and waits, then SIGKILL.
 */
const everyChild = new Set<ChildProcess>();
// If this process exits without stopAll() (an error, a timeout), take the children along:
// they run in their own process groups and would otherwise outlive us.
process.on("exit", () => {
  for (const child of everyChild) if (child.exitCode === null && child.signalCode === null) signal(child, "SIGTERM");
});

export class Children {
  private readonly procs = new Map<string, ChildProcess>();
  onExit: (name: string, code: number | null) => void = () => {};

  start(name: string, command: string, args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const prefix = (chunk: Buffer) =>
      chunk
        .toString()
        .split("\n")
        .filter((l) => l.length)
        .map((l) => `[${name}] ${l}\n`)
        .join("");
    child.stdout?.on("data", (c: Buffer) => process.stdout.write(prefix(c)));
    child.stderr?.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
    everyChild.add(child);
    child.on("exit", (code) => {
      everyChild.delete(child);
      this.procs.delete(name);
      this.onExit(name, code);
    });
    this.procs.set(name, child);
    return child;
  }

  async stopAll(graceMs = 10_000): Promise<void> {
    const waits = [...this.procs.entries()].map(
      ([, child]) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => signal(child, "SIGKILL"), graceMs);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          signal(child, "SIGTERM");
        }),
    );
    await Promise.all(waits);
  }
}

function signal(child: ChildProcess, sig: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, sig);
  } catch {
    child.kill(sig);
  }
}
