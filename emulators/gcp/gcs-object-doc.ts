import type { ObjectRow } from "./gcs-object-store";

type Doc = Record<string, unknown>;

/** A stored object in the JSON API's shape (storage#object; int64 fields as decimal strings). */
export function objectDoc(row: ObjectRow): Doc {
  const encoded = encodeURIComponent(row.name);
  const created = row.time_created.toISOString();
  return {
    kind: "storage#object",
    id: `${row.bucket}/${row.name}/${row.generation}`,
    selfLink: `https://www.googleapis.com/storage/v1/b/${row.bucket}/o/${encoded}`,
    mediaLink: `https://storage.googleapis.com/download/storage/v1/b/${row.bucket}/o/${encoded}?generation=${row.generation}&alt=media`,
    name: row.name,
    bucket: row.bucket,
    generation: row.generation,
    metageneration: row.metageneration,
    contentType: row.content_type,
    storageClass: "STANDARD",
    size: row.size,
    md5Hash: row.md5_hash,
    crc32c: row.crc32c,
    etag: etag(row),
    timeCreated: created,
    updated: row.updated.toISOString(),
    timeStorageClassUpdated: created,
    ...(Object.keys(row.metadata).length ? { metadata: row.metadata } : {}),
  };
}

/** GCS etags are opaque base64; this one changes whenever generation or metageneration does. */
export const etag = (row: ObjectRow) => Buffer.from(`${row.generation}/${row.metageneration}`).toString("base64");

/** The headers GCS sends with an object's bytes (JSON `alt=media` and XML reads alike). */
export function mediaHeaders(row: ObjectRow): Record<string, string> {
  return {
    "content-type": row.content_type,
    "x-goog-generation": row.generation,
    "x-goog-metageneration": row.metageneration,
    "x-goog-stored-content-length": row.size,
    "x-goog-stored-content-encoding": "identity",
    "x-goog-storage-class": "STANDARD",
    "x-goog-hash": `crc32c=${row.crc32c},md5=${row.md5_hash}`,
    etag: `"${Buffer.from(row.md5_hash, "base64").toString("hex")}"`,
    "last-modified": row.updated.toUTCString(),
  };
}

export interface ListPage {
  items: ObjectRow[];
  prefixes: string[];
  nextPageToken?: string;
}

/**
 * objects.list over rows already filtered by prefix and sorted: with a delimiter, names that
 * contain it after the prefix collapse into `prefixes` (each once). Items and prefixes share
 * one ordered sequence and one page size, and the page token is the last entry of the page.
 */
export function pageObjects(rows: ObjectRow[], opts: { prefix: string; delimiter: string; maxResults: number; pageToken?: string }): ListPage {
  const after = opts.pageToken ? Buffer.from(opts.pageToken, "base64url").toString() : undefined;
  const page: ListPage = { items: [], prefixes: [] };
  let lastKey: string | undefined;
  for (const row of rows) {
    const cut = opts.delimiter ? row.name.indexOf(opts.delimiter, opts.prefix.length) : -1;
    const key = cut >= 0 ? row.name.slice(0, cut + opts.delimiter.length) : row.name;
    if (key === lastKey) continue;
    // Keys only grow along the sorted names (a name inside a prefix collapses to that prefix),
    // so "after the token" is a plain comparison.
    if (after !== undefined && compare(key, after) <= 0) continue;
    if (page.items.length + page.prefixes.length === opts.maxResults) {
      page.nextPageToken = Buffer.from(lastKey ?? "").toString("base64url");
      break;
    }
    if (cut >= 0) page.prefixes.push(key);
    else page.items.push(row);
    lastKey = key;
  }
  return page;
}

// Bytewise order, as GCS lists (and as the query sorted, with collation "C").
const compare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
