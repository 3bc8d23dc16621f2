import type pg from "pg";
import { RawReply } from "./raw-reply";
import { parseConditions, parseGeneration, type Conditions } from "./gcs-conditions";
import { noSuchObject, preconditionFailed } from "./gcs-errors";
import { mediaHeaders, objectDoc, pageObjects } from "./gcs-object-doc";
import { deleteObject, listObjectRows, readObject, type ObjectRow } from "./gcs-object-store";

const MAX_RESULTS = 1000;

/** objects.get: metadata, or the bytes with `alt=media` (also the `/download/...` media link). */
export async function getObject(pool: pg.Pool, bucket: string, name: string, query: URLSearchParams, media: boolean): Promise<RawReply> {
  const row = await readLive(pool, bucket, name, query, media);
  const c = parseConditions(query);
  const unmodified = checkRead(c, row);
  if (unmodified) return unmodified;
  return media ? new RawReply(200, row.bytes!, mediaHeaders(row)) : RawReply.json(200, objectDoc(row));
}

/**
 * The XML API's object GET (`GET /BUCKET/OBJECT`), which Go's storage client uses for every
 * read by default, Terraform's state reads included: bytes plus x-goog-* headers, and GCS's
 * XML error body for a missing object (the client only looks at the 404).
 */
export async function xmlReadObject(pool: pg.Pool, bucket: string, name: string, query: URLSearchParams): Promise<RawReply> {
  const row = await readObject(pool, bucket, name, true);
  const generation = parseGeneration(query);
  if (!row || (generation !== undefined && row.generation !== generation)) {
    const xml =
      `<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>` +
      `<Details>No such object: ${bucket}/${name}</Details></Error>`;
    return new RawReply(404, Buffer.from(xml), { "content-type": "application/xml; charset=UTF-8" });
  }
  return new RawReply(200, row.bytes!, mediaHeaders(row));
}

/** objects.delete: 204; 404 when missing; 412 when ifGenerationMatch & co. do not hold. */
export async function removeObject(pool: pg.Pool, bucket: string, name: string, query: URLSearchParams): Promise<RawReply> {
  await deleteObject(pool, bucket, name, parseConditions(query), parseGeneration(query));
  return RawReply.empty(204);
}

/** objects.list with prefix, delimiter (→ `prefixes`), startOffset/endOffset, maxResults and pageToken. */
export async function listObjects(pool: pg.Pool, bucket: string, query: URLSearchParams): Promise<RawReply> {
  const prefix = query.get("prefix") ?? "";
  const start = query.get("startOffset") || undefined;
  const end = query.get("endOffset") || undefined;
  const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const rows = (await listObjectRows(pool, bucket, prefix)).filter(
    (r) => (start === undefined || bytewise(r.name, start) >= 0) && (end === undefined || bytewise(r.name, end) < 0),
  );
  const requested = Number(query.get("maxResults"));
  const page = pageObjects(rows, {
    prefix,
    delimiter: query.get("delimiter") ?? "",
    maxResults: Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_RESULTS) : MAX_RESULTS,
    pageToken: query.get("pageToken") || undefined,
  });
  return RawReply.json(200, {
    kind: "storage#objects",
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    ...(page.prefixes.length ? { prefixes: page.prefixes } : {}),
    ...(page.items.length ? { items: page.items.map(objectDoc) } : {}),
  });
}

async function readLive(pool: pg.Pool, bucket: string, name: string, query: URLSearchParams, withBytes: boolean): Promise<ObjectRow> {
  const row = await readObject(pool, bucket, name, withBytes);
  const generation = parseGeneration(query);
  if (!row || (generation !== undefined && row.generation !== generation)) throw noSuchObject(bucket, name);
  return row;
}

/** On reads a failed Match condition is 412, a failed NotMatch condition is 304 Not Modified. */
function checkRead(c: Conditions, row: ObjectRow): RawReply | undefined {
  if (c.ifGenerationMatch !== undefined && c.ifGenerationMatch !== row.generation) throw preconditionFailed();
  if (c.ifMetagenerationMatch !== undefined && c.ifMetagenerationMatch !== row.metageneration) throw preconditionFailed();
  if (c.ifGenerationNotMatch === row.generation || c.ifMetagenerationNotMatch === row.metageneration) return RawReply.empty(304);
  return undefined;
}
