import { commitOfTag, composeFileText, releaseOfTag, tagOf } from "./compose-file";
import { CONTAINER_SPECS, followsRelease, specOf, startedContainer, type ContainerRecord } from "./containers";
import { containerVersion, type Db, type EmulatedInstance } from "./instance-record";
import { setComposeVersion, setSchemaVersion, writeContainers } from "./instance-state";
import { compareVersions, formatVersion, isValidUpgrade, minorOf, parseVersion, upgradeNotAllowed } from "./releases";

/**
 * What the deployment's own tools do on a VM, for the fake gcloud's remote commands and for
 * a VM's first boot (its startup script runs `docker compose up -d`):
 *
 * - `git checkout --force v<version>` moves the checkout (so docker-compose.yaml) to a release;
 * - `docker compose pull` fetches the file's images and changes nothing else;
 * - `docker compose up -d` recreates the containers whose image changed, starting them in
 *   `depends_on` order: the migrator runs `up` against the data disk's database and must
 *   exit 0 before sourcegraph-frontend-internal (and the frontend behind it) starts;
 * - `docker compose stop`, and `docker compose run --rm migrator upgrade --from --to` (the
 *   multi-version procedure).
 *
 * Nothing reads SOURCEGRAPH_VERSION or any other variable: the file pins every image.
 * Each function runs inside the caller's lock (withDeploymentLock) on a loaded deployment.
 */
export interface CommandResult {
  exitCode: number;
  stdout: string[];
  stderr: string[];
}

type Logs = NonNullable<ContainerRecord["logs"]>;
interface MigratorOutcome {
  exitCode: number;
  logs: Logs;
  /** The release the database's schema is at afterwards, when the migrator moved it. */
  schema?: string;
}

const READ_ONLY_ERROR = "ERROR: cannot execute CREATE TABLE in a read-only transaction (SQLSTATE 25006)";
/** What `docker stop` leaves behind: tini passes on SIGTERM, the service dies of it. */
const STOPPED_EXIT_CODE = 143;

export async function gitCheckout(db: Db, instance: EmulatedInstance, tag: string): Promise<CommandResult> {
  const version = releaseOfTag(tag);
  if (!version) return fail([`error: pathspec '${tag}' did not match any file(s) known to git`]);
  const head = (t: string) => `${commitOfTag(t)} Release ${t}`;
  const current = tagOf(instance.composeVersion);
  const stderr =
    version === instance.composeVersion
      ? [`HEAD is now at ${head(tag)}`]
      : [`Previous HEAD position was ${head(current)}`, `HEAD is now at ${head(tag)}`];
  await setComposeVersion(db, instance.ref, version);
  return { exitCode: 0, stdout: [], stderr };
}

/** `git describe --tags --exact-match`: the tag the checkout is at. */
export function gitDescribe(instance: EmulatedInstance): CommandResult {
  return { exitCode: 0, stdout: [tagOf(instance.composeVersion)], stderr: [] };
}

export function catComposeFile(instance: EmulatedInstance): CommandResult {
  return { exitCode: 0, stdout: composeFileText(instance.composeVersion).split("\n"), stderr: [] };
}

/** Compose's pull progress for every image of the file; the running containers are untouched. */
export function composePull(instance: EmulatedInstance, services: string[] = []): CommandResult {
  const unknown = services.filter((s) => !specOf(s));
  if (unknown.length) return fail([`no such service: ${unknown[0]}`]);
  const names = services.length ? services : CONTAINER_SPECS.map((s) => s.name);
  return { exitCode: 0, stdout: [], stderr: [...names.map((n) => ` ${n} Pulling`), ...names.map((n) => ` ${n} Pulled`)] };
}

/**
 * `docker compose up -d [services…]` (`--remove-orphans` has nothing to remove: the
 * releases share one set of services). Also a VM's boot.
 */
export async function composeUp(db: Db, instance: EmulatedInstance, services: string[] = [], now = new Date()): Promise<CommandResult> {
  return (await up(db, instance, services, now)).result;
}

async function up(db: Db, instance: EmulatedInstance, services: string[], now: Date): Promise<{ result: CommandResult; containers: Record<string, ContainerRecord> }> {
  const unknown = services.filter((s) => !specOf(s));
  if (unknown.length) return { result: fail([`no such service: ${unknown[0]}`]), containers: instance.containers };
  const file = instance.composeVersion;
  const containers: Record<string, ContainerRecord> = structuredClone(instance.containers);
  const order = startOrder(services.length ? withDependencies(services) : CONTAINER_SPECS.map((s) => s.name));
  const stderr: string[] = [];
  const recreated = new Set<string>();
  const started = new Set<string>();

  for (const name of order) {
    const current = containers[name];
    const imageChanged = current === undefined || (followsRelease(name) && containerVersion(instance, name) !== file);
    if (!imageChanged) continue;
    stderr.push(` Container ${name}  ${current ? "Recreate" : "Create"}`);
    containers[name] = { ...created(name, now), ...(followsRelease(name) ? { version: file } : {}) };
    stderr.push(` Container ${name}  ${current ? "Recreated" : "Created"}`);
    recreated.add(name);
  }

  let failed: { service: string; exitCode: number } | null = null;
  let schema: string | undefined;
  const completed = (name: string) => {
    const c = containers[name];
    return specOf(name)?.oneShot ? c?.state === "exited" && c.exitCode === 0 : c?.state === "running";
  };
  for (const name of order) {
    const current = containers[name];
    const oneShot = specOf(name)?.oneShot === true;
    // Compose starts what is not running; a one-shot service runs again on every `up`.
    if (current.state === "running" && !recreated.has(name)) {
      stderr.push(` Container ${name}  Running`);
      continue;
    }
    const blocked = (specOf(name)?.dependsOn ?? []).filter((d) => order.includes(d) && !completed(d));
    if (blocked.length) continue;
    stderr.push(` Container ${name}  Starting`, ` Container ${name}  Started`);
    started.add(name);
    if (!oneShot) {
      containers[name] = { ...current, ...startedContainer(name, now) };
      continue;
    }
    const outcome = migrateUp({ ...instance, containers }, containerVersion({ ...instance, containers }, name));
    stderr.push(` Container ${name}  Waiting`, ` Container ${name}  Exited`);
    containers[name] = { ...current, state: "exited", health: "none", startedAt: now.toISOString(), exitCode: outcome.exitCode, logs: outcome.logs };
    if (outcome.schema) schema = outcome.schema;
    if (outcome.exitCode !== 0) failed = { service: name, exitCode: outcome.exitCode };
  }

  // A frontend that (re)started read the configuration anew.
  await writeContainers(db, instance.ref, containers, started.has("sourcegraph-frontend-0") ? { pendingRestart: false } : {});
  if (schema && instance.database) await setSchemaVersion(db, instance.database, schema);
  if (failed) {
    return { result: { exitCode: 1, stdout: [], stderr: [...stderr, `service "${failed.service}" didn't complete successfully: exit ${failed.exitCode}`] }, containers };
  }
  return { result: { exitCode: 0, stdout: [], stderr }, containers };
}

/** `docker compose stop [services…]`: running containers stop (a one-shot that completed stays as it is). */
export async function composeStop(db: Db, instance: EmulatedInstance, services: string[] = [], now = new Date()): Promise<CommandResult> {
  const unknown = services.filter((s) => !specOf(s));
  if (unknown.length) return fail([`no such service: ${unknown[0]}`]);
  const containers: Record<string, ContainerRecord> = structuredClone(instance.containers);
  const stderr: string[] = [];
  for (const name of startOrder(services.length ? services : Object.keys(containers)).reverse()) {
    const c = containers[name];
    if (c?.state !== "running" && c?.state !== "restarting") continue;
    stderr.push(` Container ${name}  Stopping`, ` Container ${name}  Stopped`);
    containers[name] = { ...c, state: "exited", exitCode: STOPPED_EXIT_CODE, startedAt: now.toISOString() };
  }
  await writeContainers(db, instance.ref, containers);
  return { exitCode: 0, stdout: [], stderr };
}

/**
 * `docker compose run --rm migrator <command…>`: a one-off migrator container of the file's
 * release, attached (its output is the command's), after starting the databases it depends
 * on. The `migrator` service's own container is left as it was.
 */
export async function composeRunMigrator(db: Db, instance: EmulatedInstance, command: string[], now = new Date()): Promise<CommandResult> {
  const databases = specOf("migrator")!.dependsOn!;
  const started = await up(db, instance, databases, now);
  if (started.result.exitCode !== 0) return started.result;
  const stderr = started.result.stderr.filter((l) => !l.endsWith("  Running"));
  const running = { ...instance, containers: started.containers };
  const migratorVersion = instance.composeVersion;
  const [verb, ...args] = command;
  let outcome: MigratorOutcome;
  if (verb === "up" && args.length === 0) outcome = migrateUp(running, migratorVersion);
  else if (verb === "upgrade") outcome = migrateUpgrade(running, migratorVersion, args);
  else return { exitCode: 127, stdout: [], stderr: [...stderr, `fake gcloud: migrator ${command.join(" ")} is not emulated (up, upgrade --from --to are)`] };
  if (outcome.schema && instance.database) await setSchemaVersion(db, instance.database, outcome.schema);
  const stream = (s: "stdout" | "stderr") => outcome.logs.filter((l) => l.stream === s).map((l) => l.line);
  return { exitCode: outcome.exitCode, stdout: stream("stdout"), stderr: [...stderr, ...stream("stderr")] };
}

/** `docker logs <container>` / `docker compose logs <service>`: the last run's output. */
export function containerLogs(instance: EmulatedInstance, name: string): CommandResult {
  const c = instance.containers[name];
  if (!c) return fail([`Error response from daemon: No such container: ${name}`]);
  const logs = c.logs ?? [];
  return { exitCode: 0, stdout: logs.filter((l) => l.stream === "stdout").map((l) => l.line), stderr: logs.filter((l) => l.stream === "stderr").map((l) => l.line) };
}

/** The migrator's default command: apply the migrations of its release, one minor version at a time. */
function migrateUp(instance: EmulatedInstance, migratorVersion: string): MigratorOutcome {
  const banner = out(`* Sourcegraph migrator v${migratorVersion}`);
  const unreachable = cannotConnect(instance);
  if (unreachable) return unreachable;
  const schema = parseVersion(instance.schemaVersion);
  const target = parseVersion(migratorVersion);
  if (!schema || !target) return { exitCode: 1, logs: [banner, err(`error: unreadable versions (database ${instance.schemaVersion}, migrator ${migratorVersion})`)] };
  if (compareVersions(schema, target) >= 0) return { exitCode: 0, logs: [banner, out("✅ Schema(s) are up-to-date!")] };
  if (!isValidUpgrade(schema, target)) {
    return { exitCode: 1, logs: [banner, err(`error: ${upgradeNotAllowed(formatVersion(schema), formatVersion(target))}`)] };
  }
  if (instance.databaseReadOnly) return { exitCode: 1, logs: [banner, err(`error: failed to run migration for schema "frontend": ${READ_ONLY_ERROR}`)] };
  return { exitCode: 0, logs: [banner, out("✅ Schema(s) are up-to-date!")], schema: migratorVersion };
}

/** `upgrade --from=<current> --to=<target>`: the multi-version procedure (migrator-operations.md). */
function migrateUpgrade(instance: EmulatedInstance, migratorVersion: string, args: string[]): MigratorOutcome {
  const banner = out(`* Sourcegraph migrator v${migratorVersion}`);
  const flags = parseFlags(args, ["from", "to"], ["dry-run", "skip-version-check", "skip-drift-check", "disable-animation", "unprivileged-only", "noop-privileged"]);
  if ("error" in flags) return { exitCode: 1, logs: [banner, err(`Incorrect Usage: ${flags.error}`)] };
  for (const required of ["from", "to"]) {
    if (!flags.values[required]) return { exitCode: 1, logs: [banner, err(`error: Required flags "from, to" not set`)] };
  }
  const from = parseVersion(flags.values.from);
  if (!from) return { exitCode: 1, logs: [banner, err("error: bad format for -from")] };
  const to = parseVersion(flags.values.to);
  if (!to) return { exitCode: 1, logs: [banner, err("error: bad format for -to")] };
  if (compareVersions({ ...from, patch: 0 }, { ...to, patch: 0 }) >= 0) {
    return { exitCode: 1, logs: [banner, err(`error: invalid range (from=${minorOf(from)} >= to=${minorOf(to)})`)] };
  }
  const migrator = parseVersion(migratorVersion)!;
  if (compareVersions({ ...to, patch: 0 }, { ...migrator, patch: 0 }) > 0) {
    return { exitCode: 1, logs: [banner, err(`error: migrator v${migratorVersion} does not know v${minorOf(to)}: move the deployment to the target release first (its migrator)`)] };
  }
  const unreachable = cannotConnect(instance);
  if (unreachable) return unreachable;
  const schema = parseVersion(instance.schemaVersion);
  if (!flags.booleans.has("skip-version-check") && (!schema || minorOf(schema) !== minorOf(from))) {
    return {
      exitCode: 1,
      logs: [banner, err(`error: version assertion failed: the database is at ${instance.schemaVersion}, not ${minorOf(from)} (-from). Re-invoke with --skip-version-check to ignore this check`)],
    };
  }
  const plan = out(`Migrating from v${minorOf(from)} to v${minorOf(to)}`);
  if (flags.booleans.has("dry-run")) return { exitCode: 0, logs: [banner, plan, out("(dry run: nothing applied)")] };
  if (instance.databaseReadOnly) return { exitCode: 1, logs: [banner, plan, err(`error: failed to run migration for schema "frontend": ${READ_ONLY_ERROR}`)] };
  const reached = to.patch ? formatVersion(to) : `${minorOf(to)}.0`;
  return { exitCode: 0, logs: [banner, plan, out(`✅ Upgrade to v${minorOf(to)} complete`)], schema: reached };
}

function cannotConnect(instance: EmulatedInstance): MigratorOutcome | null {
  if (instance.database && instance.containers.pgsql?.state === "running") return null;
  return { exitCode: 1, logs: [err('error: failed to connect to `host=pgsql user=sg database=sg`: hostname resolving error (lookup pgsql: no such host)')] };
}

/** Go's flag package: `-name=value`, `--name=value`, `-name value`; booleans bare or `=true`. */
function parseFlags(args: string[], valued: string[], booleans: string[]): { values: Record<string, string>; booleans: Set<string> } | { error: string } {
  const values: Record<string, string> = {};
  const set = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const m = /^--?([a-z-]+)(?:=(.*))?$/s.exec(args[i]);
    if (!m) return { error: `unexpected argument ${JSON.stringify(args[i])}` };
    const [, name, inline] = m;
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) return { error: `flag needs an argument: -${name}` };
      values[name] = value;
    } else if (booleans.includes(name)) {
      if (inline === undefined || inline === "true") set.add(name);
    } else {
      return { error: `flag provided but not defined: -${name}` };
    }
  }
  return { values, booleans: set };
}

/** The services named and everything they depend on. */
function withDependencies(services: string[]): string[] {
  const all = new Set<string>();
  const visit = (name: string) => {
    if (all.has(name)) return;
    all.add(name);
    for (const d of specOf(name)?.dependsOn ?? []) visit(d);
  };
  services.forEach(visit);
  return [...all];
}

/** Dependencies first (compose's start order), else the file's order. */
function startOrder(names: string[]): string[] {
  const wanted = new Set(names);
  const ordered: string[] = [];
  const visit = (name: string) => {
    if (ordered.includes(name) || !wanted.has(name)) return;
    for (const d of specOf(name)?.dependsOn ?? []) visit(d);
    ordered.push(name);
  };
  for (const spec of CONTAINER_SPECS) visit(spec.name);
  for (const name of names) if (!ordered.includes(name)) ordered.push(name);
  return ordered;
}

/** A container compose created but has not started (yet). */
function created(name: string, now: Date): ContainerRecord {
  return { state: "created", health: specOf(name)?.healthcheck ? "healthy" : "none", startedAt: now.toISOString() };
}

const out = (line: string) => ({ stream: "stdout" as const, line });
const err = (line: string) => ({ stream: "stderr" as const, line });

function fail(stderr: string[]): CommandResult {
  return { exitCode: 1, stdout: [], stderr };
}
