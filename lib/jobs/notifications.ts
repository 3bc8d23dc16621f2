import { EventEmitter } from "node:events";
import pg from "pg";
import { config } from "../config/load-config";

/** Postgres channels the job engine uses. Payloads are small: ids and sequence numbers. */
export const CHANNELS = {
  /** `<jobId>:<lastSeq>` after log lines are committed. */
  log: "job_log",
  /** `<jobId>:<status>` when a job changes state. */
  status: "job_status",
  /** `<jobId>` when someone asks to cancel a running job. */
  cancel: "job_cancel",
} as const;

/**
 * One LISTEN connection per process, shared by every SSE stream (web) or running job
 * (worker), with reconnect. Subscribers get events named by channel; a reconnect emits
 * "reconnect" so they can re-read what they may have missed.
 */
class Notifications extends EventEmitter {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  ready(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: config().DATABASE_URL });
    client.on("notification", (n) => this.emit(n.channel, n.payload ?? ""));
    client.on("error", () => this.drop(client));
    client.on("end", () => this.drop(client));
    await client.connect();
    for (const ch of Object.values(CHANNELS)) await client.query(`LISTEN ${ch}`);
    this.client = client;
  }

  private drop(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    setTimeout(() => {
      this.ready()
        .then(() => this.emit("reconnect"))
        .catch(() => this.drop(client));
    }, 500);
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}

const g = globalThis as unknown as { __notifications?: Notifications };
export function notifications(): Notifications {
  g.__notifications ??= new Notifications();
  return g.__notifications;
}
