import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startGcpEmulator, type GcpEmulator } from "../emulators/gcp";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "../emulators/sourcegraph";
import { pool } from "../lib/db/pool";
import { provisioningTestEnv } from "./provisioning-env";
import type { SpawnedWorker } from "../lib/testing/spawn-worker";

export interface ProvisioningWorld {
  gcp: GcpEmulator;
  sourcegraph: SourcegraphEmulator;
  /** Scratch directory: secrets, the deployments repository (`deployments.git`), Terraform work. */
  tmp: string;
  /** A worker's environment for this world (demo configuration pointed at these emulators). */
  env: Record<string, string>;
  /** Workers started for this world; `close` kills them. */
  workers: SpawnedWorker[];
  close(): Promise<void>;
}

/**
 * Both emulators in this process and a scratch directory, for tests that provision (and
 * upgrade) through real workers. This test process plays the person at the GCP console
 * (linking billing, reading the load balancer), so its GCP endpoint is the emulator too.
 */
export async function startProvisioningWorld(opts: { certificateReadsAfterDns: number; name: string }): Promise<ProvisioningWorld> {
  const gcp = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0, certificateReadsAfterDns: opts.certificateReadsAfterDns });
  const sourcegraph = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  const tmp = await mkdtemp(path.join(os.tmpdir(), `${opts.name}-`));
  process.env.GCP_API_ENDPOINT = gcp.url;
  const workers: SpawnedWorker[] = [];
  return {
    gcp,
    sourcegraph,
    tmp,
    env: provisioningTestEnv({ gcpUrl: gcp.url, sourcegraphUrl: sourcegraph.url, tmp }),
    workers,
    async close() {
      for (const w of workers) await w.stop("SIGKILL");
      await sourcegraph.close();
      await gcp.close();
      await pool().end();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
