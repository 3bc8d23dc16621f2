import type http from "node:http";
import type pg from "pg";
import { EmulatorError } from "./errors";
import { takeFault } from "./faults";
import { RawReply, readBytes } from "./raw-reply";
import { createBucket, deleteBucket, findBucket, listBuckets, requireBucket } from "./gcs-buckets";
import { parseConditions } from "./gcs-conditions";
import { uploadTooLarge } from "./gcs-errors";
import { getObject, listObjects, removeObject, xmlReadObject } from "./gcs-object-api";
import { continueResumable, startResumable } from "./gcs-resumable";
import { simpleUpload } from "./gcs-uploads";
import { OBSERVED_BUCKET, serveObserved } from "./observed-state";

/**
 * Cloud Storage's JSON API (`/storage/v1/...`, uploads under `/upload/storage/v1/...`) and
 * the XML API's object read (`/BUCKET/OBJECT`), on the emulator's single origin. Paths are
 * matched before decoding: an object name arrives percent-encoded and may contain `/`.
 * Faults (faults.ts) can be armed under the discovery ids below, e.g. `storage.objects.insert`.
 */
export interface StorageContext {
  pool: pg.Pool;
  req: http.IncomingMessage;
  url: URL;
  /** Where this client reached the emulator, for the resumable session URI. */
  origin: string;
}

type Handler = (ctx: StorageContext, bucket: string, object: string) => Promise<RawReply>;
interface Route {
  method: string;
  re: RegExp;
  id: string;
  handler: Handler;
}

const MAX_UPLOAD_BYTES = 64 << 20;
const body = (ctx: StorageContext) => readBytes(ctx.req, MAX_UPLOAD_BYTES, uploadTooLarge);
const json = (value: unknown) => RawReply.json(200, value);

const BUCKETS = /^\/storage\/v1\/b$/;
const BUCKET = /^\/storage\/v1\/b\/([^/]+)$/;
const OBJECTS = /^\/storage\/v1\/b\/([^/]+)\/o$/;
const OBJECT = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/;
const DOWNLOAD = /^\/download\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/;
const UPLOAD = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/;

const ROUTES: Route[] = [
  { method: "GET", re: BUCKETS, id: "storage.buckets.list", handler: async (ctx) => json(await listBuckets(ctx.pool, ctx.url.searchParams)) },
  {
    method: "POST",
    re: BUCKETS,
    id: "storage.buckets.insert",
    handler: async (ctx) => json(await createBucket(ctx.pool, ctx.url.searchParams.get("project"), parseJson(await body(ctx)))),
  },
  { method: "GET", re: BUCKET, id: "storage.buckets.get", handler: async (ctx, b) => json((await requireBucket(ctx.pool, b)).data) },
  { method: "DELETE", re: BUCKET, id: "storage.buckets.delete", handler: async (ctx, b) => (await deleteBucket(ctx.pool, b), RawReply.empty(204)) },
  { method: "GET", re: OBJECTS, id: "storage.objects.list", handler: (ctx, b) => listObjects(ctx.pool, b, ctx.url.searchParams) },
  {
    method: "GET",
    re: OBJECT,
    id: "storage.objects.get",
    handler: (ctx, b, o) => getObject(ctx.pool, b, o, ctx.url.searchParams, ctx.url.searchParams.get("alt") === "media"),
  },
  { method: "GET", re: DOWNLOAD, id: "storage.objects.get", handler: (ctx, b, o) => getObject(ctx.pool, b, o, ctx.url.searchParams, true) },
  { method: "DELETE", re: OBJECT, id: "storage.objects.delete", handler: (ctx, b, o) => removeObject(ctx.pool, b, o, ctx.url.searchParams) },
  // Go's googleapi sends resumable chunks with POST, the protocol documents PUT: both work.
  { method: "POST", re: UPLOAD, id: "storage.objects.insert", handler: upload },
  { method: "PUT", re: UPLOAD, id: "storage.objects.insert", handler: upload },
];

export interface StorageMatch {
  route: Route;
  bucket: string;
  object: string;
}

export function matchStorageRoute(method: string, rawPath: string): StorageMatch | undefined {
  if (!/^\/(upload\/|download\/)?storage\/v1\//.test(rawPath)) return undefined;
  for (const route of ROUTES) {
    const m = route.method === method ? route.re.exec(rawPath) : null;
    if (m) return { route, bucket: decode(m[1] ?? ""), object: decode(m[2] ?? "") };
  }
  return undefined;
}

export async function serveStorage(ctx: StorageContext, match: StorageMatch): Promise<RawReply> {
  const { route, bucket, object } = match;
  if (bucket === OBSERVED_BUCKET) {
    await readBytes(ctx.req, MAX_UPLOAD_BYTES, uploadTooLarge);
    return serveObserved(ctx.pool, route.method, object, route.re === DOWNLOAD || ctx.url.searchParams.get("alt") === "media");
  }
  // Bucket-scoped calls 404 on a missing bucket before anything else, as GCS does; the
  // bucket's project scopes faults.
  const project = bucket ? (await requireBucket(ctx.pool, bucket)).project : (ctx.url.searchParams.get("project") ?? "");
  const fault = await takeFault(ctx.pool, route.id, project);
  if (fault) throw fault;
  if (route.method === "GET" || route.method === "DELETE") await readBytes(ctx.req, MAX_UPLOAD_BYTES, uploadTooLarge);
  return route.handler(ctx, bucket, object);
}

/** `GET|HEAD /BUCKET/OBJECT` is an XML read only when BUCKET exists, so unknown paths still get the emulator's JSON 404. */
export async function serveXmlRead(ctx: StorageContext, method: string, rawPath: string): Promise<RawReply | undefined> {
  const m = method === "GET" || method === "HEAD" ? /^\/([^/]+)\/(.+)$/.exec(rawPath) : null;
  if (m && decode(m[1]) === OBSERVED_BUCKET) return serveObserved(ctx.pool, method, decode(m[2]), true);
  const bucket = m ? await findBucket(ctx.pool, decode(m[1])) : undefined;
  if (!m || !bucket) return undefined;
  const fault = await takeFault(ctx.pool, "storage.objects.get", bucket.project);
  if (fault) throw fault;
  return xmlReadObject(ctx.pool, bucket.name, decode(m[2]), ctx.url.searchParams);
}

async function upload(ctx: StorageContext, bucket: string): Promise<RawReply> {
  const query = ctx.url.searchParams;
  const header = (name: string) => String(ctx.req.headers[name] ?? "");
  const uploadId = query.get("upload_id");
  if (uploadId) {
    const no308 = header("x-guploader-no-308").toLowerCase() === "yes";
    return continueResumable({ pool: ctx.pool, bucket }, uploadId, header("content-range") || undefined, no308, await body(ctx));
  }
  const target = { pool: ctx.pool, bucket, conditions: parseConditions(query) };
  const kind = query.get("uploadType") ?? header("x-goog-upload-protocol");
  if (kind === "resumable") return startResumable(target, query, ctx.origin, header("x-upload-content-type"), await body(ctx));
  if (kind === "multipart" || kind === "media") return simpleUpload(target, kind, query, header("content-type"), await body(ctx));
  throw new EmulatorError(400, "", "invalid", `Invalid upload type: '${kind}'. Use media, multipart or resumable.`);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return bytes.length ? JSON.parse(bytes.toString("utf8")) : undefined;
  } catch {
    throw new EmulatorError(400, "", "parseError", "Parse Error");
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
