import path from "node:path";
import { z } from "zod";
import { DEMO_SETTINGS } from "./demo-defaults";
import { fromRepoRoot } from "./repo-root";

/*
 * Every environment variable the web and the workers read, with its type, default and
 * meaning. Parsed once by load-config.ts; a value that does not fit stops the process at
 * start. An empty value counts as unset.
 */

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const text = (description: string) => z.preprocess(blank, z.string().trim().optional()).describe(description);
const secret = (description: string) => z.preprocess(blank, z.string().optional()).describe(description);

/** A whole number; counts and intervals are at least 1, durations that may be zero say so. */
const int = (fallback: number, description: string, min = 1) =>
  z.preprocess(blank, z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min, `must be ${min} or more`).default(fallback)).describe(description);
const optionalInt = (description: string) =>
  z.preprocess(blank, z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be 1 or more").optional()).describe(description);

/** "1" or "0"; anything else is a typo, not a silent default. */
const flag = (fallback: boolean, description: string) =>
  z
    .preprocess(blank, z.enum(["0", "1"], { error: 'must be "0" or "1"' }).optional())
    .transform((v) => (v === undefined ? fallback : v === "1"))
    .describe(description);

const isHttpUrl = (v: string) => /^https?:\/\//i.test(v) && URL.canParse(v);
const url = (description: string) => z.preprocess(blank, z.string().trim().refine(isHttpUrl, "must be a URL, e.g. https://host:port").optional()).describe(description);

export const configSchema = z
  .object({
    // Database
    DATABASE_URL: z
      .preprocess(blank, z.string().trim().refine((v) => /^postgres(ql)?:\/\//i.test(v) && URL.canParse(v), "must be a postgresql:// URL").default("postgresql://postgres:postgres@127.0.0.1:5433/managed_instances"))
      .describe("The Postgres database (`npm start` without it runs an embedded one)."),
    DB_POOL_SIZE: int(10, "Connections of the Prisma client's pool."),
    PG_POOL_SIZE: int(10, "Connections of the plain pg pool (LISTEN/NOTIFY, the queue, log batches)."),

    // Mode and paths
    DEMO_MODE: flag(false, "1: demo mode (passwordless sign-in, emulators, local secrets); `npm start` sets it without DATABASE_URL."),
    DATA_DIR: z.preprocess(blank, z.string().default(".data")).describe("Local state (embedded Postgres, secrets, Terraform scratch); relative to the repository root."),
    TERRAFORM_WORK_DIR: text("This worker's Terraform scratch space; default <DATA_DIR>/terraform."),
    NODE_ENV: text("Set by Next.js and `npm run web`: development, production or test."),

    // Web
    PORT: int(3000, "The web's port."),
    WEB_HOST: text("The address the web listens on (not HOSTNAME: shells set it to the machine's name)."),
    MANAGED_INSTANCES_WEB_SERVER: flag(false, "Set by server.ts: the web was started by its own entry point."),
    TRUST_PROXY: text("Forwarding headers to believe: a hop count or the proxies' addresses/CIDRs."),
    FOUR_EYES: text("Approval steps a job's starter may not approve: destructive, all or job kinds."),

    // Sign-in
    NEXTAUTH_URL: url("The web's public URL."),
    NEXTAUTH_SECRET: secret("Signs and encrypts session cookies (32 bytes or more)."),
    GOOGLE_CLIENT_ID: text("Google OAuth client for sign-in."),
    GOOGLE_CLIENT_SECRET: secret("Google OAuth client secret."),
    AUTH_ALLOWED_DOMAIN: text("Domains whose Google accounts may sign in, comma-separated."),
    AUTH_ALLOWED_EMAILS: text("Exact email addresses that may sign in, comma-separated."),
    ADMIN_EMAILS: text("Emails that get the admin role at first sign-in, comma-separated."),

    // GCP and Sourcegraph
    GCP_API_ENDPOINT: z
      .preprocess(blank, z.string().trim().refine((v) => URL.canParse(/^[a-z]+:\/\//i.test(v) ? v : `http://${v}`), "must be a URL, e.g. http://127.0.0.1:4010").optional())
      .describe("Where GCP API calls go (the emulator); unset: Google."),
    GCP_ACCESS_TOKEN: secret("Bearer token sent to GCP_API_ENDPOINT."),
    SOURCEGRAPH_BASE_URL_TEMPLATE: text("Where instances' Sourcegraph answers, with {slug}; unset: their external URL."),

    // Secrets
    SECRETS_DIR: text("The local encrypted secret store's folder (demo mode: .data/secrets)."),
    SECRETS_KEY: secret("The local secret store's key."),
    SECRETS_GCP_PROJECT: text("The project whose Secret Manager holds secrets (outside demo mode)."),

    // Provisioning
    BILLING_ACCOUNT: text("Billing account linked to new projects; unset: a person links it."),
    PROVISIONING_OPERATOR_MEMBER: z.preprocess(blank, z.string().trim().default("group:managed-instances-operators@sourcegraph.com")).describe("Who gets Editor on new projects."),
    GCP_PROJECT_PARENT: text("folders/<id> or organizations/<id>: where new projects go."),
    DNS_PROJECT: z.preprocess(blank, z.string().trim().default("sourcegraph-infrastructure")).describe("The project of the DNS zone."),
    DNS_MANAGED_ZONE: z.preprocess(blank, z.string().trim().default("sourcegraph-com")).describe("The managed zone of <slug>.sourcegraph.com."),
    DEFAULT_ZONE: text("The zone a create request gets when it names none."),
    INSTANCE_MODULE_SOURCE: text("Terraform source of the instance module."),
    DEPLOYMENT_MODULE_SOURCE: text("Terraform source of the deployment module."),
    STATE_BUCKET_MODULE_SOURCE: text("Terraform source of the state-bucket module."),
    DEPLOYMENTS_REPO: text("The git repository every deployment is committed to (URL or path)."),
    DEPLOYMENTS_AUTHOR_NAME: text("Commit author name of deployment commits."),
    DEPLOYMENTS_AUTHOR_EMAIL: text("Commit author email of deployment commits."),
    CERTIFICATE_TIMEOUT_MS: int(4 * 3600_000, "How long go-live waits for the managed certificate."),
    CERTIFICATE_POLL_MS: optionalInt("How often go-live looks at the certificate (demo mode: 1 s, else 60 s)."),
    BOOT_TIMEOUT_MS: int(20 * 60_000, "How long go-live waits for the VM's services."),
    BOOT_POLL_MS: optionalInt("How often go-live looks at the VM's services (demo mode: 0.5 s, else 15 s)."),

    // Workers and jobs
    WORKER_ID: text("This worker's name (default: host and a random suffix)."),
    WORKER_CONCURRENCY: int(4, "Jobs one worker runs at the same time."),
    HEARTBEAT_STALE_MS: int(20_000, "A worker silent this long is presumed lost; its jobs resume elsewhere."),
    SWEEP_INTERVAL_MS: int(5_000, "How often a worker looks for lost workers' jobs."),
    KILL_GRACE_MS: int(10_000, "Between SIGTERM and SIGKILL of a cancelled step's commands.", 0),

    // Upgrades
    UPGRADE_HEALTH_TIMEOUT_MS: int(10 * 60_000, "How long an upgrade waits for the instance to be healthy."),
    UPGRADE_HEALTH_POLL_MS: int(10_000, "How often an upgrade looks at the instance's health."),
    UPGRADE_SWITCH_TIMEOUT_MS: int(10 * 60_000, "How long a colour switch waits for the new version to answer."),
    WAVE_POLL_MS: int(15_000, "How often an upgrade wave looks at its upgrades."),
    UPGRADE_FAULT_INJECTION: flag(false, "Tests only: 1 lets an upgrade fail at a named step."),

    // Health checks
    HEALTH_CHECKS: flag(true, "0 runs a worker without the periodic health checks."),
    HEALTH_CHECK_INTERVAL_SECONDS: int(300, "How often each instance is checked."),
    HEALTH_CHECK_CONCURRENCY: int(32, "Instances one worker checks at the same time."),
    HEALTH_CHECK_TIMEOUT_MS: int(10_000, "Deadline of each check."),
    HEALTH_CHECK_POLL_MS: int(1_000, "How often an idle health loop looks for due instances."),
    HEALTH_ASSET_SCOPE: text("Folder or organization searched in Cloud Asset Inventory (default GCP_PROJECT_PARENT)."),
    HEALTH_ASSET_MAX_AGE_SECONDS: int(60, "How long one inventory search serves the checks."),

    // Notifications
    NOTIFY_HEALTH_CONSECUTIVE_CHECKS: int(2, "Checks in a row a health state must be seen before anyone is told."),
    NOTIFY_MAX_ATTEMPTS: int(8, "Attempts per delivery."),
    NOTIFY_RETRY_BASE_MS: int(10_000, "First retry delay (doubling)."),
    NOTIFY_RETRY_MAX_MS: int(3_600_000, "Longest retry delay."),
    NOTIFY_TIMEOUT_MS: int(10_000, "Deadline of one delivery attempt."),
    NOTIFY_ALLOW_INSECURE_URLS: flag(false, "1 allows http:// and local receivers (demo mode, tests)."),

    // Releases feed
    RELEASES_FEED_URL: url("The JSON releases feed new releases are added from (unset: no sync)."),
    RELEASES_FEED_SYNC_MS: int(3_600_000, "How often each worker reads the releases feed."),

    // Drift checks
    DRIFT_INTERVAL: z
      .preprocess(blank, z.string().trim().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)?$/, "must be a duration like 24h, 90m or 3600 (seconds)").default("24h"))
      .describe("How often each instance's drift is checked (staggered by its id)."),
    DRIFT_CONCURRENCY: int(2, "Drift checks running at once across the fleet."),
    DRIFT_POLL_MS: int(60_000, "How often a worker looks for instances due a drift check."),
    DRIFT_CHECKS: flag(true, "0 turns a worker's drift schedule off."),

    // Backups
    BACKUP_SCHEDULE: flag(true, "0 turns the scheduled snapshots off (demo mode does)."),
    BACKUP_SCHEDULE_BATCH: int(50, "Snapshot jobs the schedule starts at most per look."),
    BACKUP_SCHEDULE_POLL_MS: int(900_000, "How often the schedule looks for due instances."),
  })
  .transform((c) => {
    const dataDir = fromRepoRoot(c.DATA_DIR);
    return {
      ...c,
      // Paths, absolute: relative ones against the repository's root, never the current directory.
      DATA_DIR: dataDir,
      TERRAFORM_WORK_DIR: c.TERRAFORM_WORK_DIR ? fromRepoRoot(c.TERRAFORM_WORK_DIR) : path.join(dataDir, "terraform"),
      SECRETS_DIR: c.SECRETS_DIR ? fromRepoRoot(c.SECRETS_DIR) : c.DEMO_MODE ? fromRepoRoot(DEMO_SETTINGS.SECRETS_DIR) : undefined,
      CERTIFICATE_POLL_MS: c.CERTIFICATE_POLL_MS ?? (c.DEMO_MODE ? DEMO_SETTINGS.CERTIFICATE_POLL_MS : 60_000),
      BOOT_POLL_MS: c.BOOT_POLL_MS ?? (c.DEMO_MODE ? DEMO_SETTINGS.BOOT_POLL_MS : 15_000),
    };
  });

export type Config = z.output<typeof configSchema>;

/** The variables the schema reads, for listing problems and noticing a changed environment. */
export const CONFIG_KEYS = Object.keys(configSchema.in.shape) as (keyof z.input<typeof configSchema>)[];
