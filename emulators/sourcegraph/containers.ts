import { createHash } from "node:crypto";

/**
 * The containers of Sourcegraph's Docker Compose deployment (deploy-sourcegraph-docker), with
 * the images they run. The emulator reports these in `docker ps` so health checks and the
 * upgrade ritual ("check docker ps image versions") see what a real VM would show.
 */
export type ContainerState = "running" | "exited" | "restarting" | "created";
export type ContainerHealth = "healthy" | "unhealthy" | "starting" | "none";

export interface ContainerRecord {
  state: ContainerState;
  health: ContainerHealth;
  /** ISO time; docker's "Up 2 hours" is computed from it. */
  startedAt: string;
  /** For an exited container: its exit code (a completed one-shot container exits 0). */
  exitCode?: number;
  /**
   * The Sourcegraph release of the image the container runs (the compose file's release when
   * it was created). Absent on rows seeded before releases were modelled: the deployment's
   * version then.
   */
  version?: string;
  /** What the container printed in its last run (`docker logs`): the migrator's outcome. */
  logs?: { stream: "stdout" | "stderr"; line: string }[];
}

interface ContainerSpec {
  name: string;
  /** Image repository; the tag is the Sourcegraph version unless `tag` is fixed. */
  image: string;
  tag?: string;
  healthcheck: boolean;
  ports?: string;
  /**
   * Runs once and exits: docker-compose.yaml's `migrator` runs `up` and exits 0, and
   * `sourcegraph-frontend-internal` waits for it (`service_completed_successfully`).
   */
  oneShot?: boolean;
  /**
   * docker-compose.yaml's `depends_on`: the service starts only once these are healthy (or,
   * for a one-shot, completed successfully).
   */
  dependsOn?: string[];
}

export const CONTAINER_SPECS: readonly ContainerSpec[] = [
  { name: "migrator", image: "index.docker.io/sourcegraph/migrator", healthcheck: false, oneShot: true, dependsOn: ["pgsql", "codeintel-db", "codeinsights-db"] },
  { name: "caddy", image: "index.docker.io/caddy/caddy", tag: "2.7.6-alpine", healthcheck: false, ports: "0.0.0.0:80->80/tcp, 0.0.0.0:443->443/tcp" },
  { name: "sourcegraph-frontend-0", image: "index.docker.io/sourcegraph/frontend", healthcheck: true, ports: "3080/tcp", dependsOn: ["sourcegraph-frontend-internal"] },
  {
    name: "sourcegraph-frontend-internal",
    image: "index.docker.io/sourcegraph/frontend",
    healthcheck: true,
    ports: "3090/tcp",
    dependsOn: ["pgsql", "codeintel-db", "migrator"],
  },
  { name: "gitserver-0", image: "index.docker.io/sourcegraph/gitserver", healthcheck: true, ports: "3178/tcp" },
  { name: "zoekt-indexserver-0", image: "index.docker.io/sourcegraph/search-indexer", healthcheck: true },
  { name: "zoekt-webserver-0", image: "index.docker.io/sourcegraph/indexed-searcher", healthcheck: true, ports: "6070/tcp" },
  { name: "searcher-0", image: "index.docker.io/sourcegraph/searcher", healthcheck: true },
  { name: "symbols-0", image: "index.docker.io/sourcegraph/symbols", healthcheck: true },
  { name: "syntect-server", image: "index.docker.io/sourcegraph/syntax-highlighter", healthcheck: true },
  { name: "worker", image: "index.docker.io/sourcegraph/worker", healthcheck: true },
  { name: "repo-updater", image: "index.docker.io/sourcegraph/repo-updater", healthcheck: true },
  { name: "precise-code-intel-worker", image: "index.docker.io/sourcegraph/precise-code-intel-worker", healthcheck: true },
  { name: "redis-cache", image: "index.docker.io/sourcegraph/redis-cache", healthcheck: true },
  { name: "redis-store", image: "index.docker.io/sourcegraph/redis-store", healthcheck: true },
  { name: "pgsql", image: "index.docker.io/sourcegraph/postgres-12-alpine", healthcheck: true, ports: "5432/tcp" },
  { name: "codeintel-db", image: "index.docker.io/sourcegraph/codeintel-db", healthcheck: true },
  { name: "codeinsights-db", image: "index.docker.io/sourcegraph/codeinsights-db", healthcheck: true },
  { name: "blobstore", image: "index.docker.io/sourcegraph/blobstore", healthcheck: true },
  { name: "prometheus", image: "index.docker.io/sourcegraph/prometheus", healthcheck: false },
  { name: "grafana", image: "index.docker.io/sourcegraph/grafana", healthcheck: true, ports: "0.0.0.0:3370->3370/tcp" },
  { name: "cadvisor", image: "index.docker.io/sourcegraph/cadvisor", healthcheck: false },
  { name: "jaeger", image: "index.docker.io/sourcegraph/jaeger-all-in-one", healthcheck: false, ports: "0.0.0.0:16686->16686/tcp" },
  { name: "otel-collector", image: "index.docker.io/sourcegraph/opentelemetry-collector", healthcheck: false },
];

export const CONTAINER_NAMES = CONTAINER_SPECS.map((c) => c.name);

export function specOf(name: string): ContainerSpec | undefined {
  return CONTAINER_SPECS.find((c) => c.name === name);
}

/** `repo:tag@sha256:…` as docker shows it; the digest is derived so it is stable per version. */
export function imageOf(name: string, version: string): string {
  const spec = specOf(name);
  if (!spec) return `unknown/${name}:latest`;
  const tag = spec.tag ?? version;
  const digest = createHash("sha256").update(`${spec.image}:${tag}`).digest("hex");
  return `${spec.image}:${tag}@sha256:${digest}`;
}

/**
 * A freshly started deployment: everything running and healthy, the migrator completed.
 * With `version`, each container records the release of its image (VM deployments); without,
 * the records follow the deployment's version (legacy rows).
 */
export function freshContainers(startedAt = new Date(), version?: string): Record<string, ContainerRecord> {
  const records: Record<string, ContainerRecord> = {};
  for (const spec of CONTAINER_SPECS) records[spec.name] = { ...startedContainer(spec.name, startedAt), ...(version ? { version } : {}) };
  return records;
}

/** A container as `docker compose up` leaves it when it started fine: running (healthy), or a one-shot that completed. */
export function startedContainer(name: string, startedAt = new Date()): ContainerRecord {
  const spec = specOf(name);
  return spec?.oneShot
    ? { state: "exited", health: "none", startedAt: startedAt.toISOString(), exitCode: 0 }
    : { state: "running", health: spec?.healthcheck ? "healthy" : "none", startedAt: startedAt.toISOString() };
}

/** Whether the image's tag is the Sourcegraph release (caddy's is pinned on its own). */
export function followsRelease(name: string): boolean {
  const spec = specOf(name);
  return spec !== undefined && spec.tag === undefined;
}
