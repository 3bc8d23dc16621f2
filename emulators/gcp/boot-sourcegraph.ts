import type pg from "pg";
import { ensureSchema, getInstance, seedInstance, slugForProject } from "../sourcegraph/state";

const PROJECT_PREFIX = "sourcegraph-managed-";

/**
 * A new VM whose metadata carries `sourcegraph-version` runs the deployment's startup script
 * and comes up as a fresh Sourcegraph of that release, waiting for its first site admin: the
 * Sourcegraph emulator gets that instance. Only the first time: a VM created later in the
 * same project (the other colour of a red/black upgrade, a recreated VM) mounts a disk that
 * already holds the site, so an existing record is never reset.
 *
 * The slug is the VM's `deployment` label (the modules set it), else read from the project
 * id; a VM with neither boots nothing the emulator can name.
 */
export async function bootSourcegraph(
  pool: pg.Pool,
  vm: { project: string; labels: Record<string, string>; metadataItems: { key?: string; value?: string }[] },
): Promise<void> {
  const version = vm.metadataItems.find((i) => i.key === "sourcegraph-version")?.value;
  if (!version) return;
  const slug = vm.labels.deployment ?? (vm.project.startsWith(PROJECT_PREFIX) ? vm.project.slice(PROJECT_PREFIX.length) : undefined);
  if (!slug) return;

  await ensureSchema(pool);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Two VMs of one project inserted at once must not both seed (the second would reset the first).
    await client.query("SELECT pg_advisory_xact_lock(hashtext('sourcegraph-boot:' || $1))", [slug]);
    if (!(await slugForProject(client, vm.project)) && !(await getInstance(client, slug))) {
      await seedInstance(client, { slug, version, project: vm.project, needsSiteInit: true });
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
