import type pg from "pg";
import { notFound } from "./errors";
import { insertResource } from "./store";

type Doc = Record<string, unknown>;

/** A `google.protobuf.Any` in proto3 JSON: the message's fields plus its type URL. */
export function anyOf(typeName: string, message: Doc): Doc {
  return { "@type": `type.googleapis.com/${typeName}`, ...message };
}

/**
 * Records a google.longrunning Operation (Resource Manager, Service Usage). The emulator's
 * work is instantaneous, so the stored operation is finished; but unless `noWork` is set the
 * starting call is answered with it still running, so every client goes through its
 * operations-polling path once (the path a wrong endpoint or http rule breaks). With
 * `noWork` (e.g. enabling an enabled service) it is answered done, as GCP does. Compute's own
 * operations (operations.ts) are a different API and are born DONE.
 */
export async function recordLongRunning(
  pool: pg.Pool,
  op: { project: string; name: string; metadata: Doc; response: Doc; noWork?: boolean },
): Promise<Doc> {
  const done = { name: op.name, metadata: op.metadata, done: true, response: op.response };
  await insertResource(pool, { project: op.project, kind: "longRunningOperation", location: "global", name: op.name, data: done });
  return op.noWork ? done : { name: op.name, metadata: op.metadata, done: false };
}

/** `operations/<id>`; the polling URL names no project, so the lookup is by name alone. */
export async function getLongRunning(pool: pg.Pool, name: string): Promise<Doc> {
  const { rows } = await pool.query<{ data: Doc }>(
    `SELECT data FROM gcp_emulator.resource WHERE kind = 'longRunningOperation' AND name = $1 LIMIT 1`,
    [name],
  );
  if (!rows[0]) throw notFound(name);
  return rows[0].data;
}
