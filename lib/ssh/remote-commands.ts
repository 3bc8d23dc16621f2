/**
 * The commands the control plane runs on an instance's VM, as argv (quoted later, per
 * argument). They follow the runbook's "Accessing the Docker containers" and "Upgrade
 * process" sections; the Docker Compose deployment lives in DEPLOYMENT_DIR on the VM.
 */
export const DEPLOYMENT_DIR = "/deployment/docker-compose";
export const FRONTEND_CONTAINERS = ["sourcegraph-frontend-0", "sourcegraph-frontend-internal"] as const;
export const WRITE_PROBE_TABLE = "managed_instances_write_probe";

const VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;

export function listContainersCommand(): string[] {
  return ["sudo", "docker", "ps", "--all", "--format", "{{json .}}"];
}

function psql(sql: string): string[] {
  return ["sudo", "docker", "exec", "pgsql", "psql", "-U", "sg", "-v", "ON_ERROR_STOP=1", "-c", sql];
}

/**
 * `ALTER DATABASE … SET` only affects new sessions, which is what we want: Sourcegraph's
 * pooled connections pick it up as they are recycled. The leading `SET TRANSACTION READ
 * WRITE` (the runbook's step 3) lets the statement run even when the database is already
 * read-only, so the same command works in both directions and can be repeated.
 */
export function setReadOnlyCommand(readOnly: boolean): string[] {
  return psql(`SET TRANSACTION READ WRITE; ALTER DATABASE sg SET default_transaction_read_only = ${readOnly};`);
}

/** A write in a new session: fails with "read-only transaction" exactly when users' writes would. */
export function writeProbeCommand(): string[] {
  return psql(
    `CREATE TABLE IF NOT EXISTS ${WRITE_PROBE_TABLE} (checked_at timestamptz NOT NULL); ` +
      `DELETE FROM ${WRITE_PROBE_TABLE}; INSERT INTO ${WRITE_PROBE_TABLE} VALUES (now());`,
  );
}

export function restartFrontendCommand(): string[] {
  return ["sudo", "docker", "restart", ...FRONTEND_CONTAINERS];
}

/** The deploy-sourcegraph-docker checkout on the VM (the startup script clones it there). */
export const DEPLOY_REPO_DIR = "/deployment";

function checkVersion(version: string): string {
  if (!VERSION.test(version)) throw new Error(`invalid Sourcegraph version: ${JSON.stringify(version)}`);
  return version;
}

/**
 * Moving a deployment to a release (REALITY.md): docker-compose.yaml pins every image by tag
 * and digest and no variable selects the version, so the deployment's checkout moves to the
 * release's tag of the deploy repository, then `pull` and `up -d --remove-orphans`. Each
 * element is one command's argv, run in order.
 */
export function moveToReleaseCommands(version: string): string[][] {
  const tag = `v${checkVersion(version)}`;
  const compose = ["sudo", "docker", "compose", "--project-directory", DEPLOYMENT_DIR];
  return [
    ["sudo", "git", "-C", DEPLOY_REPO_DIR, "fetch", "--tags", "--quiet"],
    ["sudo", "git", "-C", DEPLOY_REPO_DIR, "checkout", "--force", "--quiet", tag],
    [...compose, "pull", "--quiet"],
    [...compose, "up", "-d", "--remove-orphans"],
  ];
}

/** The release the deployment's checkout is at: `v5.10.2`. */
export function deployedReleaseCommand(): string[] {
  return ["sudo", "git", "-C", DEPLOY_REPO_DIR, "describe", "--tags", "--exact-match"];
}
