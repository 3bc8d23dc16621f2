import { randomBytes } from "node:crypto";
import { RawReply } from "./raw-reply";
import { noSuchUpload, storageInvalid } from "./gcs-errors";
import { storeUpload, validateObjectName, type UploadTarget } from "./gcs-uploads";

type Doc = Record<string, unknown>;

/**
 * Resumable uploads (`uploadType=resumable`). The initiating POST carries the metadata and
 * answers a session URI in `Location`; the bytes follow in one or more PUTs (Go's googleapi
 * sends POSTs) with `Content-Range: bytes A-B/*` for a middle chunk, `bytes A-B/TOTAL` for the
 * last, and a `*` range (no bytes) with TOTAL to finish or with `*` to ask how far it got. Unfinished chunks
 * answer 308 with `Range: bytes=0-N`, or 200 plus `X-HTTP-Status-Code-Override: 308` when the
 * client sent `X-GUploader-No-308: yes`, as Go's client does.
 */
export async function startResumable(target: UploadTarget, query: URLSearchParams, origin: string, uploadContentType: string, body: Buffer): Promise<RawReply> {
  let resource: Doc = {};
  try {
    if (body.length) resource = JSON.parse(body.toString("utf8")) as Doc;
  } catch {
    throw storageInvalid("Invalid JSON in the resumable upload's metadata.");
  }
  const name = query.get("name") || (typeof resource.name === "string" ? resource.name : "");
  validateObjectName(name);
  if (uploadContentType && typeof resource.contentType !== "string") resource.contentType = uploadContentType;
  const uploadId = randomBytes(24).toString("base64url");
  // GCS forgets a session a week after it started; so does the emulator.
  await target.pool.query(`DELETE FROM gcp_emulator.storage_upload WHERE created < now() - interval '7 days'`);
  await target.pool.query(
    `INSERT INTO gcp_emulator.storage_upload (upload_id, bucket, name, resource, conditions) VALUES ($1, $2, $3, $4, $5)`,
    [uploadId, target.bucket, name, JSON.stringify(resource), JSON.stringify(target.conditions)],
  );
  const location =
    `${origin}/upload/storage/v1/b/${encodeURIComponent(target.bucket)}/o` +
    `?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${uploadId}`;
  return RawReply.empty(200, { location, "x-guploader-uploadid": uploadId });
}

interface Session {
  bucket: string;
  name: string;
  resource: Doc;
  conditions: UploadTarget["conditions"];
  size: number;
}

export async function continueResumable(
  target: Omit<UploadTarget, "conditions">,
  uploadId: string,
  contentRange: string | undefined,
  no308: boolean,
  chunk: Buffer,
): Promise<RawReply> {
  const { rows } = await target.pool.query<Session>(
    `SELECT bucket, name, resource, conditions, length(bytes) AS size FROM gcp_emulator.storage_upload WHERE upload_id = $1 AND bucket = $2`,
    [uploadId, target.bucket],
  );
  const session = rows[0];
  if (!session) throw noSuchUpload();
  const range = parseContentRange(contentRange, chunk.length);
  let size = session.size;
  if (range.first !== undefined) {
    if (range.first > size) {
      throw storageInvalid(`Invalid request. The upload offset is ${range.first} byte(s), which exceeds the ${size} byte(s) already uploaded.`);
    }
    // A retried chunk may overlap what was already persisted; keep only the new tail.
    const fresh = chunk.subarray(size - range.first);
    const { rowCount } = await target.pool.query(
      `UPDATE gcp_emulator.storage_upload SET bytes = bytes || $3 WHERE upload_id = $1 AND length(bytes) = $2`,
      [uploadId, size, fresh],
    );
    if (rowCount !== 1) throw storageInvalid("Another request appended to this upload session at the same time.");
    size += fresh.length;
  }
  if (range.total === undefined) return incomplete(size, no308);
  if (range.total !== size) throw storageInvalid(`Invalid request. The upload is ${size} byte(s) long, but Content-Range says ${range.total}.`);
  return finish(target, uploadId, session);
}

async function finish(target: Omit<UploadTarget, "conditions">, uploadId: string, session: Session): Promise<RawReply> {
  const { rows } = await target.pool.query<{ bytes: Buffer }>(`DELETE FROM gcp_emulator.storage_upload WHERE upload_id = $1 RETURNING bytes`, [uploadId]);
  if (!rows[0]) throw noSuchUpload();
  const contentType = typeof session.resource.contentType === "string" ? session.resource.contentType : "";
  return storeUpload({ ...target, conditions: session.conditions }, session.name, session.resource, contentType, rows[0].bytes);
}

function incomplete(size: number, no308: boolean): RawReply {
  const headers: Record<string, string> = size > 0 ? { range: `bytes=0-${size - 1}` } : {};
  return no308 ? RawReply.empty(200, { ...headers, "x-http-status-code-override": "308" }) : RawReply.empty(308, headers);
}

/** No header means the body is the whole object. */
function parseContentRange(header: string | undefined, length: number): { first?: number; total?: number } {
  if (!header) return { first: 0, total: length };
  const chunk = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header.trim());
  if (chunk) {
    const [first, last] = [Number(chunk[1]), Number(chunk[2])];
    if (last - first + 1 !== length) throw storageInvalid(`Content-Range ${header} does not match the ${length} byte(s) sent.`);
    return { first, total: chunk[3] === "*" ? undefined : Number(chunk[3]) };
  }
  const status = /^bytes \*\/(\d+|\*)$/.exec(header.trim());
  if (status && length === 0) return { total: status[1] === "*" ? undefined : Number(status[1]) };
  throw storageInvalid(`Invalid Content-Range header: ${header}`);
}
