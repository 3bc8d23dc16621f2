import path from "node:path";

/*
 * Demo mode, in one place. Demo mode differs from production only in configuration:
 * `npm start` without DATABASE_URL starts its children with demoDefaults(), and a process
 * with DEMO_MODE=1 gets DEMO_SETTINGS for what is left unset.
 */

/** The emulated fleet's folder: new demo projects go there, and import lists the hand-built ones found there. */
export const DEMO_PROJECT_PARENT = "folders/100000000001";

/** The billing account the GCP emulator knows (linked to new demo projects). */
export const DEMO_BILLING_ACCOUNT = "000000-000000-000000";

/** Read by the config schema when DEMO_MODE=1 and the variable is unset. */
export const DEMO_SETTINGS = {
  /** The emulator issues certificates in seconds, not hours. */
  CERTIFICATE_POLL_MS: 1_000,
  BOOT_POLL_MS: 500,
  /** The local encrypted store, unless SECRETS_DIR says where. */
  SECRETS_DIR: ".data/secrets",
} as const;

export interface DemoDefaults {
  /** Set for every child of `npm start` (worker, web, emulators). */
  env: Record<string, string>;
  gcpEmulatorPort: number;
  sourcegraphEmulatorPort: number;
}

/**
 * The environment of demo mode: the emulators' endpoints, the offline Terraform fixtures as
 * module sources, local secrets, insecure local notification receivers and no snapshot
 * schedule. Deployments are committed to `<DATA_DIR>/deployments.git` (DEPLOYMENTS_REPO
 * unset, made on first use); set BILLING_ACCOUNT="" to get the runbook's "ask @beyang" human
 * task instead of linking the emulator's account. Values already in `env` win, except the
 * markers of demo mode itself. Where the stand-ins live is the caller's to say: production
 * code never names them.
 */
export function demoDefaults(options: {
  env: Record<string, string | undefined>;
  dataDir: string;
  port: number;
  /** The fake gcloud's folder and the offline Terraform fixtures' folder. */
  standIns: { fakeGcloudDir: string; terraformFixturesDir: string };
}): DemoDefaults {
  const { env, dataDir, port, standIns } = options;
  const gcpEmulatorPort = Number(env.GCP_EMULATOR_PORT ?? port + 1010);
  const sourcegraphEmulatorPort = Number(env.SOURCEGRAPH_EMULATOR_PORT ?? port + 1020);
  const fixtures = standIns.terraformFixturesDir;
  return {
    gcpEmulatorPort,
    sourcegraphEmulatorPort,
    env: {
      DEMO_MODE: "1",
      DATA_DIR: dataDir,
      GCP_API_ENDPOINT: env.GCP_API_ENDPOINT ?? `http://127.0.0.1:${gcpEmulatorPort}`,
      GCP_ACCESS_TOKEN: "demo-emulator-token",
      SECRETS_DIR: path.join(dataDir, "secrets"),
      // Every instance's Sourcegraph is the emulator, at /i/<slug>.
      SOURCEGRAPH_BASE_URL_TEMPLATE: env.SOURCEGRAPH_BASE_URL_TEMPLATE ?? `http://127.0.0.1:${sourcegraphEmulatorPort}/i/{slug}`,
      SOURCEGRAPH_EMULATOR_URL: `http://127.0.0.1:${sourcegraphEmulatorPort}`,
      // The Sourcegraph emulator serves an emulated releases feed: workers sync it hourly, admins on /releases.
      RELEASES_FEED_URL: env.RELEASES_FEED_URL ?? `http://127.0.0.1:${sourcegraphEmulatorPort}/releases.json`,
      // `gcloud compute ssh` reaches the emulated VMs through the fake gcloud.
      PATH: `${standIns.fakeGcloudDir}${path.delimiter}${env.PATH}`,
      // Notification channels may point at receivers on this machine over http (lib/notify/channel-url.ts).
      NOTIFY_ALLOW_INSECURE_URLS: env.NOTIFY_ALLOW_INSECURE_URLS ?? "1",
      // The seeded fleet is "created" weeks ago: every instance would be due for a scheduled
      // snapshot at once. The demo takes snapshots by hand (instance page); BACKUP_SCHEDULE=1 turns the schedule on.
      BACKUP_SCHEDULE: env.BACKUP_SCHEDULE ?? "0",
      // Provisioning: the offline fixtures create the emulated resources through the GCP emulator's API.
      INSTANCE_MODULE_SOURCE: env.INSTANCE_MODULE_SOURCE ?? path.join(fixtures, "instance"),
      DEPLOYMENT_MODULE_SOURCE: env.DEPLOYMENT_MODULE_SOURCE ?? path.join(fixtures, "deployment"),
      STATE_BUCKET_MODULE_SOURCE: env.STATE_BUCKET_MODULE_SOURCE ?? path.join(fixtures, "state-bucket"),
      GCP_PROJECT_PARENT: env.GCP_PROJECT_PARENT ?? DEMO_PROJECT_PARENT,
      BILLING_ACCOUNT: env.BILLING_ACCOUNT ?? DEMO_BILLING_ACCOUNT,
    },
  };
}
