import { CONTAINER_NAMES } from "../sourcegraph/containers";
import { effectiveContainers, type Db, type EmulatedInstance } from "../sourcegraph/instance-record";
import { deployVersion, restartContainers } from "../sourcegraph/instance-state";
import { composePsJsonLines, dockerPsJsonLines, dockerPsTable } from "./docker-output";
import { runPsql } from "./run-psql";
import { notEmulated, type RemoteResult } from "./remote-result";

const VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;

/** `docker …` on the emulated VM: ps, compose ps/up, restart, and exec into pgsql for psql. */
export async function runDocker(db: Db, instance: EmulatedInstance, argv: string[], env: Record<string, string>): Promise<RemoteResult> {
  const [, sub, ...rest] = argv;
  const containers = effectiveContainers(instance);
  if (sub === "ps") {
    const all = rest.includes("-a") || rest.includes("--all");
    const format = valueOf(rest, "--format");
    const shown = all ? containers : containers.filter((c) => c.state === "running");
    if (format === undefined) return ok(dockerPsTable(instance.slug, shown));
    if (format === "{{json .}}" || format === "json") return ok(dockerPsJsonLines(instance.slug, shown));
    return notEmulated(argv, "this docker ps --format is not emulated");
  }
  if (sub === "restart") {
    const names = rest.filter((a) => !a.startsWith("-"));
    const known = names.filter((n) => CONTAINER_NAMES.includes(n) && n in instance.containers);
    await restartContainers(db, instance.slug, known);
    const unknown = names.filter((n) => !known.includes(n));
    return { exitCode: unknown.length ? 1 : 0, stdout: known, stderr: unknown.map((n) => `Error response from daemon: No such container: ${n}`) };
  }
  if (sub === "exec") return dockerExec(db, instance, argv);
  if (sub === "compose") return dockerCompose(db, instance, argv, env);
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

async function dockerCompose(db: Db, instance: EmulatedInstance, argv: string[], env: Record<string, string>): Promise<RemoteResult> {
  let i = 2;
  // Global compose options come before the subcommand.
  while (["--project-directory", "-f", "--file", "-p", "--project-name", "--env-file"].includes(argv[i])) i += 2;
  const [sub, ...rest] = argv.slice(i);
  if (sub === "ps") {
    if (valueOf(rest, "--format") !== "json") return notEmulated(argv, "only `docker compose ps --format json` is emulated");
    const all = rest.includes("-a") || rest.includes("--all");
    const shown = effectiveContainers(instance).filter((c) => all || c.state === "running");
    return ok(composePsJsonLines(instance.slug, shown));
  }
  if (sub === "up" && (rest.includes("-d") || rest.includes("--detach"))) {
    const version = env.SOURCEGRAPH_VERSION ?? instance.version;
    if (!VERSION.test(version)) return { exitCode: 1, stdout: [], stderr: [`Error response from daemon: manifest for sourcegraph/frontend:${version} not found`] };
    const names = Object.keys(instance.containers);
    if (version === instance.version) return { exitCode: 0, stdout: [], stderr: names.map((n) => ` Container ${n}  Running`) };
    await deployVersion(db, instance.slug, version);
    // Compose reports progress on stderr.
    const progress = ["Recreate", "Recreated", "Starting", "Started"].flatMap((step) => names.map((n) => ` Container ${n}  ${step}`));
    return { exitCode: 0, stdout: [], stderr: progress };
  }
  return notEmulated(argv, "only `docker compose ps --format json` and `docker compose up -d` are emulated");
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
