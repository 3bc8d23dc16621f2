export type ContainerHealth = "healthy" | "unhealthy" | "starting" | "none";

export interface ContainerStatus {
  name: string;
  /** Docker's state: running, exited, restarting, created, paused, dead. */
  state: string;
  /** From the healthcheck; "none" for containers without one. */
  health: ContainerHealth;
  image?: string;
  /** Docker's human summary, e.g. "Up 2 hours (healthy)". */
  status?: string;
  /** An exited container's exit code ("Exited (0) 2 hours ago", or Compose's ExitCode). */
  exitCode?: number;
}

/**
 * Parses container listings as JSON, one object per line: `docker ps --format '{{json .}}'`
 * (Names, State, Status with "(healthy)") and `docker compose ps --format json` (Name,
 * State, Health; older Compose versions print one JSON array instead of lines). Lines that
 * are not JSON (a login banner, a warning) are skipped; a broken JSON line is an error.
 */
export function parseContainers(lines: readonly string[]): ContainerStatus[] {
  const out: ContainerStatus[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line.startsWith("{") && !line.startsWith("[")) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`unreadable container listing line: ${line.slice(0, 120)}`);
    }
    for (const item of Array.isArray(parsed) ? parsed : [parsed]) out.push(toStatus(item as Record<string, unknown>));
  }
  return out;
}

function toStatus(item: Record<string, unknown>): ContainerStatus {
  const name = text(item.Names) ?? text(item.Name);
  if (!name) throw new Error(`container listing entry without a name: ${JSON.stringify(item).slice(0, 120)}`);
  const status = text(item.Status);
  const state = (text(item.State) ?? stateFromStatus(status)).toLowerCase();
  const result: ContainerStatus = { name: name.split(",")[0], state, health: healthOf(text(item.Health), status) };
  if (text(item.Image)) result.image = text(item.Image);
  if (status) result.status = status;
  if (state === "exited") {
    const code = typeof item.ExitCode === "number" ? item.ExitCode : Number(/^Exited \((\d+)\)/.exec(status ?? "")?.[1] ?? NaN);
    if (Number.isInteger(code)) result.exitCode = code;
  }
  return result;
}

function healthOf(health: string | undefined, status: string | undefined): ContainerHealth {
  const h = (health ?? "").toLowerCase();
  if (h === "healthy" || h === "unhealthy" || h === "starting") return h;
  if (!status) return "none";
  if (/\(healthy\)/.test(status)) return "healthy";
  if (/\(unhealthy\)/.test(status)) return "unhealthy";
  if (/\(health: starting\)/.test(status)) return "starting";
  return "none";
}

function stateFromStatus(status: string | undefined): string {
  if (!status) return "unknown";
  if (status.startsWith("Up")) return "running";
  if (status.startsWith("Exited")) return "exited";
  if (status.startsWith("Restarting")) return "restarting";
  return status.split(" ")[0];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
