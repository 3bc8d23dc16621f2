import { readFileSync } from "node:fs";

/** Resident set size of a process and its descendants' main process, in MB (Linux /proc). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the peak RSS of some processes every 100 ms until stopped. */
export function peakRss(pids: () => number[]) {
  const peaks = new Map<number, number>();
  const timer = setInterval(() => {
    for (const pid of pids()) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, rssMb(pid)));
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return peaks;
    },
  };
}

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc; 100 ticks a second). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
