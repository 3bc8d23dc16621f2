import { createHash } from "node:crypto";
import type pg from "pg";
import { crc32cBase64, md5Base64 } from "./crc32c";
import { noSuchObject } from "./gcs-errors";
import { mediaHeaders, objectDoc } from "./gcs-object-doc";
import type { ObjectRow } from "./gcs-object-store";
import { RawReply } from "./raw-reply";
import { parseResourceRef } from "./resource-ref";
import { getResource } from "./store";

/**
 * The GCP emulator's read-back for the offline Terraform fixtures (README in
 * emulators/terraform-fixtures, "Refresh"). The google provider reads every resource at plan
 * time; the fixtures' `terraform_data` cannot, so each one that stands for a resource also
 * reads `data "terraform_remote_state"` with the built-in `gcs` backend from this bucket:
 * object `<compute resource path>/default.tfstate` is a Terraform v4 state synthesised on
 * every read from the live resource, its outputs `exists` and `resource` (the resource's
 * JSON, as `GET` on the compute API returns it). A change made through the API behind
 * Terraform's back is therefore what the next plan sees.
 *
 * Real Cloud Storage reserves bucket names starting with "goog", so no real bucket, and no
 * bucket created in the emulator, can carry this name. Read-only: any other call is 403.
 */
export const OBSERVED_BUCKET = "goog-emulator-observed";
const STATE_SUFFIX = "/default.tfstate";

export async function serveObserved(pool: pg.Pool, method: string, object: string, media: boolean): Promise<RawReply> {
  if (method !== "GET" && method !== "HEAD") {
    return RawReply.json(403, { error: { code: 403, message: `${OBSERVED_BUCKET} is read-only`, errors: [{ reason: "forbidden" }] } });
  }
  const row = await observedObject(pool, object);
  if (!row) throw noSuchObject(OBSERVED_BUCKET, object);
  return media ? new RawReply(200, row.bytes!, mediaHeaders(row)) : RawReply.json(200, objectDoc(row));
}

/** The synthesised state object, or undefined when the name is not `<compute path>/default.tfstate`. */
export async function observedObject(pool: pg.Pool, object: string): Promise<ObjectRow | undefined> {
  if (!object.endsWith(STATE_SUFFIX)) return undefined;
  let ref;
  try {
    ref = parseResourceRef(object.slice(0, -STATE_SUFFIX.length), "", "object");
  } catch {
    return undefined;
  }
  const live = await getResource(pool, { project: ref.project, kind: ref.kind, location: ref.location, name: ref.name });
  const bytes = Buffer.from(JSON.stringify(observedState(object, live)));
  const digest = createHash("sha256").update(bytes).digest("hex");
  const at = new Date();
  return {
    bucket: OBSERVED_BUCKET,
    name: object,
    // Changes whenever the content does, like a rewritten object's.
    generation: String(parseInt(digest.slice(0, 12), 16)),
    metageneration: "1",
    size: String(bytes.length),
    md5_hash: md5Base64(bytes),
    crc32c: crc32cBase64(bytes),
    content_type: "application/json",
    metadata: {},
    time_created: at,
    updated: at,
    bytes,
  };
}

/** A Terraform state (format 4) with no resources, only the observation as outputs. */
export function observedState(object: string, live: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    version: 4,
    terraform_version: "1.11.0",
    serial: 1,
    lineage: createHash("sha256").update(object).digest("hex").slice(0, 32),
    outputs: {
      exists: { value: live !== undefined, type: "bool" },
      resource: { value: JSON.stringify(live ?? {}), type: "string" },
    },
    resources: [],
    check_results: null,
  };
}
