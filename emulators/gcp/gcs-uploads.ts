import type pg from "pg";
import { crc32cBase64, md5Base64 } from "./crc32c";
import { boundaryOf, parseMultipartRelated } from "./multipart-related";
import { RawReply } from "./raw-reply";
import type { Conditions } from "./gcs-conditions";
import { requiredParameter, storageInvalid } from "./gcs-errors";
import { objectDoc } from "./gcs-object-doc";
import { writeObject } from "./gcs-object-store";

type Doc = Record<string, unknown>;

export interface UploadTarget {
  pool: pg.Pool;
  bucket: string;
  conditions: Conditions;
}

/**
 * objects.insert with `uploadType=multipart` (JSON metadata part + media part, what Go's
 * Writer sends for anything smaller than its chunk size, i.e. every Terraform state and lock)
 * or `uploadType=media` (bytes only, `name` in the query). Answers the stored object.
 */
export async function simpleUpload(
  target: UploadTarget,
  kind: "multipart" | "media",
  query: URLSearchParams,
  contentType: string,
  body: Buffer,
): Promise<RawReply> {
  if (kind === "media") {
    return storeUpload(target, query.get("name"), {}, contentType, body);
  }
  const boundary = boundaryOf(contentType);
  const parts = boundary ? parseMultipartRelated(body, boundary) : undefined;
  if (!parts || parts.length !== 2) throw storageInvalid("Invalid multipart request: expected a metadata part and a media part.");
  let resource: Doc;
  try {
    resource = JSON.parse(parts[0].body.toString("utf8") || "{}") as Doc;
  } catch {
    throw storageInvalid("Invalid JSON in the metadata part of the multipart upload.");
  }
  return storeUpload(target, query.get("name"), resource, parts[1].headers["content-type"] ?? "", parts[1].body);
}

/**
 * Writes an uploaded object: the name comes from the query or the metadata, the content type
 * from the metadata or the media, custom metadata must be string-valued, and hashes the client
 * sent must match the bytes (GCS rejects a corrupted upload rather than storing it).
 */
export async function storeUpload(target: UploadTarget, queryName: string | null, resource: Doc, mediaType: string, bytes: Buffer): Promise<RawReply> {
  const name = queryName || (typeof resource.name === "string" ? resource.name : "");
  validateObjectName(name);
  const metadata = (resource.metadata ?? {}) as Record<string, unknown>;
  if (typeof metadata !== "object" || Object.values(metadata).some((v) => typeof v !== "string")) {
    throw storageInvalid("Invalid argument: metadata values must be strings.");
  }
  checkHash("MD5 hash", resource.md5Hash, md5Base64(bytes));
  checkHash("CRC32C", resource.crc32c, crc32cBase64(bytes));
  const contentType = (typeof resource.contentType === "string" && resource.contentType) || mediaType || "application/octet-stream";
  const row = await writeObject(
    target.pool,
    { bucket: target.bucket, name, bytes, contentType, metadata: metadata as Record<string, string> },
    target.conditions,
  );
  return RawReply.json(200, objectDoc(row));
}

export function validateObjectName(name: string): void {
  if (!name) throw requiredParameter("name");
  if (Buffer.byteLength(name) > 1024 || /[\r\n]/.test(name) || name === "." || name === "..") {
    throw storageInvalid(`The specified object name is not valid: '${name}'`);
  }
}

function checkHash(what: string, provided: unknown, calculated: string): void {
  if (typeof provided === "string" && provided !== calculated) {
    throw storageInvalid(`Provided ${what} "${provided}" doesn't match calculated ${what} "${calculated}".`);
  }
}
