import { COMPOSE_DIR, COMPOSE_FILE } from "../sourcegraph/compose-file";
import { CONTAINER_NAMES } from "../sourcegraph/containers";
import { composePull, composeRunMigrator, composeStop, composeUp, containerLogs } from "../sourcegraph/deployment-ops";
import { effectiveContainers, type Db, type EmulatedInstance } from "../sourcegraph/instance-record";
import { restartContainers, withDeploymentLock } from "../sourcegraph/instance-state";
import { composePsJsonLines, deploymentId, dockerPsJsonLines, dockerPsTable } from "./docker-output";
import { runPsql } from "./run-psql";
import { notEmulated, type RemoteResult } from "./remote-result";

/**
 * `docker …` on the emulated VM: ps, logs, restart, exec into pgsql for psql, and Compose on
 * the deployment's docker-compose.yaml (ps, pull, up -d, stop, run --rm migrator, logs).
 * What Compose runs is the file's release; no environment variable changes it.
 */
export async function runDocker(db: Db, instance: EmulatedInstance, argv: string[]): Promise<RemoteResult> {
  const [, sub, ...rest] = argv;
  const containers = effectiveContainers(instance);
  const id = deploymentId(instance);
  if (sub === "ps") {
    const all = rest.includes("-a") || rest.includes("--all");
    const format = valueOf(rest, "--format");
    const shown = all ? containers : containers.filter((c) => c.state === "running");
    if (format === undefined) return ok(dockerPsTable(id, shown));
    if (format === "{{json .}}" || format === "json") return ok(dockerPsJsonLines(id, shown));
    return notEmulated(argv, "this docker ps --format is not emulated");
  }
  if (sub === "restart") {
    const names = rest.filter((a) => !a.startsWith("-"));
    const known = names.filter((n) => CONTAINER_NAMES.includes(n) && n in instance.containers);
    await restartContainers(db, instance.ref, known);
    const unknown = names.filter((n) => !known.includes(n));
    return { exitCode: unknown.length ? 1 : 0, stdout: known, stderr: unknown.map((n) => `Error response from daemon: No such container: ${n}`) };
  }
  if (sub === "logs") {
    const names = rest.filter((a) => !a.startsWith("-"));
    if (names.length !== 1) return notEmulated(argv, "only `docker logs <container>` is emulated");
    return containerLogs(instance, names[0]);
  }
  if (sub === "exec") return dockerExec(db, instance, argv);
  if (sub === "compose") return dockerCompose(db, instance, argv);
  return notEmulated(argv);
}

async function dockerExec(db: Db, instance: EmulatedInstance, argv: string[]): Promise<RemoteResult> {
  let i = 2;
  while (argv[i]?.startsWith("-")) i++; // -i, -t, -it
  const [container, program, ...args] = argv.slice(i);
  if (container !== "pgsql" || program !== "psql") return notEmulated(argv, "only `docker exec pgsql psql` is emulated");
  if (instance.containers.pgsql?.state !== "running") return { exitCode: 1, stdout: [], stderr: ["Error response from daemon: container pgsql is not running"] };
  const sql = valueOf(args, "-c");
  if (sql === undefined) return notEmulated(argv, "interactive psql is not emulated; pass -c");
  const tuplesOnly = args.some((a) => /^-[A-Za-z]*t/.test(a) && !a.startsWith("--")) || args.includes("--tuples-only");
  return runPsql(db, instance, sql, tuplesOnly);
}

const GLOBAL_OPTIONS = ["--project-directory", "-f", "--file", "-p", "--project-name", "--env-file"];

async function dockerCompose(db: Db, instance: EmulatedInstance, argv: string[]): Promise<RemoteResult> {
  let i = 2;
  let directory: string | undefined;
  let file: string | undefined;
  // Global compose options come before the subcommand.
  while (GLOBAL_OPTIONS.includes(argv[i])) {
    if (argv[i] === "--project-directory") directory = argv[i + 1];
    if (argv[i] === "-f" || argv[i] === "--file") file = argv[i + 1];
    i += 2;
  }
  const configured = configuration(directory, file);
  if (configured) return configured;
  const [sub, ...rest] = argv.slice(i);
  const services = rest.filter((a) => !a.startsWith("-"));
  // Compose changes the deployment one command at a time: each runs holding its row locks.
  const locked = (fn: (tx: Db, fresh: EmulatedInstance) => Promise<RemoteResult>) =>
    withDeploymentLock(db, instance.ref, fn).then((r) => r ?? { exitCode: 1, stdout: [], stderr: ["Cannot connect to the Docker daemon"] });

  if (sub === "ps") {
    if (valueOf(rest, "--format") !== "json") return notEmulated(argv, "only `docker compose ps --format json` is emulated");
    const all = rest.includes("-a") || rest.includes("--all");
    const shown = effectiveContainers(instance).filter((c) => all || c.state === "running");
    return ok(composePsJsonLines(deploymentId(instance), shown));
  }
  if (sub === "up") {
    if (!rest.includes("-d") && !rest.includes("--detach")) return notEmulated(argv, "attached `docker compose up` is not emulated; pass -d");
    const unknown = rest.filter((a) => a.startsWith("-") && !["-d", "--detach", "--remove-orphans", "--quiet-pull", "--no-color"].includes(a));
    if (unknown.length) return notEmulated(argv, `docker compose up ${unknown[0]} is not emulated`);
    return locked((tx, fresh) => composeUp(tx, fresh, services));
  }
  if (sub === "pull") return composePull(instance, services);
  if (sub === "stop") return locked((tx, fresh) => composeStop(tx, fresh, services));
  if (sub === "logs") {
    if (services.length !== 1) return notEmulated(argv, "only `docker compose logs <service>` is emulated");
    return containerLogs(instance, services[0]);
  }
  if (sub === "run") {
    let j = 0;
    while (["--rm", "-T", "--no-TTY", "--no-deps"].includes(rest[j])) j++;
    const [service, ...command] = rest.slice(j);
    if (service !== "migrator" || !rest.slice(0, j).includes("--rm")) return notEmulated(argv, "only `docker compose run --rm migrator <command>` is emulated");
    return locked((tx, fresh) => composeRunMigrator(tx, fresh, command.length ? command : ["up"]));
  }
  return notEmulated(argv, "docker compose ps, pull, up -d, stop, logs and run --rm migrator are emulated");
}

/** Compose needs the deployment's file: by project directory (as the control plane says it) or by path. */
function configuration(directory: string | undefined, file: string | undefined): RemoteResult | null {
  const strip = (p: string) => p.replace(/\/+$/, "");
  if (file !== undefined) {
    const absolute = file.startsWith("/") ? file : `${strip(directory ?? "/home/sourcegraph")}/${file}`;
    return absolute === COMPOSE_FILE ? null : { exitCode: 1, stdout: [], stderr: [`open ${absolute}: no such file or directory`] };
  }
  if (directory !== undefined && strip(directory) === COMPOSE_DIR) return null;
  return { exitCode: 1, stdout: [], stderr: ["no configuration file provided: not found"] };
}

function valueOf(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  if (index !== -1) return args[index + 1];
  const inline = args.find((a) => a.startsWith(`${flag}=`));
  return inline?.slice(flag.length + 1);
}

function ok(stdout: string[]): RemoteResult {
  return { exitCode: 0, stdout, stderr: [] };
}
