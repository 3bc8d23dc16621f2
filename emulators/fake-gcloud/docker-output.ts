import { createHash } from "node:crypto";
import type { EffectiveContainer, EmulatedInstance } from "../sourcegraph/instance-record";

/**
 * Renders containers the way Docker prints them, so parsers are tested against realistic
 * text: `docker ps` (table), `docker ps --format '{{json .}}'` and `docker compose ps
 * --format json` (one object per line, Compose ≥ 2.21).
 */
const PROJECT = "docker-compose";

/** What container IDs are derived from: the legacy slug, or the VM (two colours never share IDs). */
export function deploymentId(instance: EmulatedInstance): string {
  return instance.ref.kind === "legacy" ? instance.ref.slug : `${instance.ref.project}/${instance.ref.zone}/${instance.ref.vm}`;
}

export function dockerPsJsonLines(slug: string, containers: EffectiveContainer[], now = new Date()): string[] {
  return containers.map((c) =>
    JSON.stringify({
      Command: '"/sbin/tini -- /usr/…"',
      CreatedAt: dockerDate(new Date(c.startedAt)),
      ID: containerId(slug, c),
      Image: c.image,
      Labels: `com.docker.compose.project=${PROJECT},com.docker.compose.service=${c.name}`,
      LocalVolumes: "1",
      Mounts: `${PROJECT}_${c.name}`,
      Names: c.name,
      Networks: `${PROJECT}_sourcegraph`,
      Ports: "",
      RunningFor: `${humanDuration(now, new Date(c.startedAt))} ago`,
      Size: "0B",
      State: c.state,
      Status: statusText(c, now),
    }),
  );
}

export function composePsJsonLines(slug: string, containers: EffectiveContainer[], now = new Date()): string[] {
  return containers.map((c) =>
    JSON.stringify({
      Command: '"/sbin/tini -- /usr/…"',
      CreatedAt: dockerDate(new Date(c.startedAt)),
      ExitCode: c.state === "exited" || c.state === "restarting" ? (c.exitCode ?? 1) : 0,
      Health: c.health === "none" ? "" : c.health,
      ID: containerId(slug, c),
      Image: c.image,
      Name: c.name,
      Names: c.name,
      Project: PROJECT,
      Publishers: [],
      RunningFor: `${humanDuration(now, new Date(c.startedAt))} ago`,
      Service: c.name,
      State: c.state,
      Status: statusText(c, now),
    }),
  );
}

export function dockerPsTable(slug: string, containers: EffectiveContainer[], now = new Date()): string[] {
  const rows = containers.map((c) => [
    containerId(slug, c),
    c.image.replace(/@sha256:.*/, ""),
    '"/sbin/tini -- /usr/…"',
    `${humanDuration(now, new Date(c.startedAt))} ago`,
    statusText(c, now),
    "",
    c.name,
  ]);
  const header = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join(""));
}

export function statusText(c: EffectiveContainer, now: Date): string {
  const since = humanDuration(now, new Date(c.startedAt));
  if (c.state === "exited") return `Exited (${c.exitCode ?? 1}) ${since} ago`;
  if (c.state === "restarting") return `Restarting (${c.exitCode ?? 1}) ${since} ago`;
  if (c.state === "created") return "Created";
  const health = c.health === "none" ? "" : c.health === "starting" ? " (health: starting)" : ` (${c.health})`;
  return `Up ${since}${health}`;
}

/** Docker's go-units HumanDuration wording. */
export function humanDuration(now: Date, then: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (s < 1) return "Less than a second";
  if (s === 1) return "1 second";
  if (s < 60) return `${s} seconds`;
  const m = Math.round(s / 60);
  if (m === 1) return "About a minute";
  if (m < 60) return `${m} minutes`;
  const h = Math.round(s / 3600);
  if (h === 1) return "About an hour";
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.round(h / 24)} days`;
  return `${Math.round(h / 24 / 7)} weeks`;
}

function containerId(slug: string, c: EffectiveContainer): string {
  return createHash("sha256").update(`${slug}/${c.name}/${c.startedAt}`).digest("hex").slice(0, 12);
}

function dockerDate(d: Date): string {
  return `${d.toISOString().replace("T", " ").slice(0, 19)} +0000 UTC`;
}
