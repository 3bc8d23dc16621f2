import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crc32cBase64, md5Base64 } from "./crc32c";
import { startGcpEmulator, type GcpEmulator } from "./server";
import { createProject, ensureBucket, failNextCalls } from "./state";
import { storageClient } from "./gcs-test-client";

let emulator: GcpEmulator;
let gcs: ReturnType<typeof storageClient>;
const PROJECT = "tfstate-owner";
const BUCKET = "api-test-bucket";

beforeAll(async () => {
  emulator = await startGcpEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  gcs = storageClient(emulator.url);
  await createProject(emulator.pool, PROJECT);
  await createProject(emulator.pool, "someone-else");
  expect((await gcs.createBucket(PROJECT, BUCKET)).status).toBe(200);
});
afterAll(() => emulator?.close());

describe("Cloud Storage buckets", () => {
  it("creates a bucket in GCS's shape, with names global across projects", async () => {
    const created = await gcs.createBucket(PROJECT, "global-name");
    expect(created.status).toBe(200);
    expect(created.json()).toMatchObject({
      kind: "storage#bucket",
      id: "global-name",
      name: "global-name",
      location: "US",
      metageneration: "1",
      storageClass: "STANDARD",
    });
    expect(created.json().projectNumber).toMatch(/^\d{12}$/);
    const mine = await gcs.createBucket(PROJECT, "global-name");
    expect([mine.status, mine.json().error.message]).toEqual([409, "Your previous request to create the named bucket succeeded and you already own it."]);
    const theirs = await gcs.createBucket("someone-else", "global-name");
    expect([theirs.status, theirs.json().error.errors[0].reason]).toEqual([409, "conflict"]);
    expect((await gcs.createBucket("no-such-project", "other-name")).status).toBe(404);
    expect((await gcs.createBucket(PROJECT, "Bad_Name")).status).toBe(400);
    const listed = (await gcs.call("GET", `/storage/v1/b?project=${PROJECT}`)).json();
    expect(listed.items.map((b: { name: string }) => b.name)).toEqual([BUCKET, "global-name"]);
    expect((await gcs.call("GET", "/storage/v1/b?project=someone-else")).json().items).toBeUndefined();
  });

  it("seeds a bucket idempotently for its owner, and refuses another project's name", async () => {
    expect(await ensureBucket(emulator.pool, { project: PROJECT, name: BUCKET })).toMatchObject({ name: BUCKET });
    await expect(ensureBucket(emulator.pool, { project: "someone-else", name: BUCKET })).rejects.toMatchObject({ httpStatus: 409 });
  });

  it("refuses to delete a bucket with objects (409), deletes an empty one (204)", async () => {
    await gcs.createBucket(PROJECT, "short-lived");
    await gcs.put("short-lived", "x", "1");
    const refused = await gcs.call("DELETE", "/storage/v1/b/short-lived");
    expect([refused.status, refused.json().error.message]).toEqual([409, "The bucket you tried to delete is not empty."]);
    expect((await gcs.del("short-lived", "x")).status).toBe(204);
    expect((await gcs.call("DELETE", "/storage/v1/b/short-lived")).status).toBe(204);
    expect((await gcs.call("GET", "/storage/v1/b/short-lived")).status).toBe(404);
    expect((await gcs.put("short-lived", "x", "1")).status).toBe(404);
  });
});

describe("Cloud Storage objects", () => {
  it("stores bytes with GCS's hashes and serves them as metadata, media and XML reads", async () => {
    const body = Buffer.from('{"version":4,"serial":1}');
    const put = await gcs.put(BUCKET, "env/prod/default.tfstate", body);
    expect(put.status).toBe(200);
    const doc = put.json();
    expect(doc).toMatchObject({ kind: "storage#object", bucket: BUCKET, name: "env/prod/default.tfstate", size: String(body.length), metageneration: "1" });
    expect([doc.md5Hash, doc.crc32c]).toEqual([md5Base64(body), crc32cBase64(body)]);
    expect((await gcs.get(BUCKET, "env/prod/default.tfstate")).json()).toEqual(doc);

    const media = await gcs.media(BUCKET, "env/prod/default.tfstate");
    expect(media.bytes.toString()).toBe(body.toString());
    expect(media.headers.get("x-goog-generation")).toBe(doc.generation);
    expect(media.headers.get("x-goog-hash")).toBe(`crc32c=${doc.crc32c},md5=${doc.md5Hash}`);
    expect(media.headers.get("content-type")).toBe("application/json");
    const xml = await gcs.call("GET", `/${BUCKET}/env/prod/default.tfstate`);
    expect([xml.status, xml.bytes.toString(), xml.headers.get("x-goog-generation")]).toEqual([200, body.toString(), doc.generation]);
  });

  it("404s a missing object in GCS's error shape (no `status`), on every read path", async () => {
    const missing = await gcs.get(BUCKET, "nope/default.tfstate");
    expect(missing.status).toBe(404);
    const message = `No such object: ${BUCKET}/nope/default.tfstate`;
    expect(missing.json()).toEqual({ error: { code: 404, message, errors: [{ message, domain: "global", reason: "notFound" }] } });
    expect((await gcs.media(BUCKET, "nope/default.tfstate")).status).toBe(404);
    expect((await gcs.call("GET", `/${BUCKET}/nope/default.tfstate`)).status).toBe(404);
    expect((await gcs.get("no-such-bucket", "x")).json().error.message).toBe("The specified bucket does not exist.");
  });

  it("answers 412 to ifGenerationMatch=0 when the object exists, and bumps the generation on every write", async () => {
    const first = (await gcs.put(BUCKET, "lock/default.tflock", "a", "ifGenerationMatch=0")).json();
    const again = await gcs.put(BUCKET, "lock/default.tflock", "b", "ifGenerationMatch=0");
    expect(again.status).toBe(412);
    expect(again.json().error).toEqual({
      code: 412,
      message: "At least one of the pre-conditions you specified did not hold.",
      errors: [{ message: "At least one of the pre-conditions you specified did not hold.", domain: "global", reason: "conditionNotMet" }],
    });
    expect((await gcs.media(BUCKET, "lock/default.tflock")).bytes.toString()).toBe("a");
    const replaced = (await gcs.put(BUCKET, "lock/default.tflock", "c", `ifGenerationMatch=${first.generation}`)).json();
    expect(BigInt(replaced.generation)).toBeGreaterThan(BigInt(first.generation));
    expect((await gcs.put(BUCKET, "lock/default.tflock", "d", `ifGenerationMatch=${first.generation}`)).status).toBe(412);
    expect((await gcs.put(BUCKET, "lock/default.tflock", "d", "ifMetagenerationMatch=2")).status).toBe(412);
    expect((await gcs.put(BUCKET, "never/written", "d", "ifGenerationMatch=123")).status).toBe(412);
  });

  it("lets exactly one of many racing ifGenerationMatch=0 creates win", async () => {
    const racers = await Promise.all(Array.from({ length: 12 }, (_, i) => gcs.put(BUCKET, "race/default.tflock", `writer-${i}`, "ifGenerationMatch=0")));
    const winners = racers.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(racers.filter((r) => r.status === 412)).toHaveLength(11);
    const stored = await gcs.media(BUCKET, "race/default.tflock");
    expect(md5Base64(stored.bytes)).toBe(winners[0].json().md5Hash);
    expect(stored.headers.get("x-goog-generation")).toBe(winners[0].json().generation);
  });

  it("deletes only with the current generation: stale → 412, current → 204, then 404", async () => {
    const v1 = (await gcs.put(BUCKET, "del/default.tflock", "1")).json();
    const v2 = (await gcs.put(BUCKET, "del/default.tflock", "2")).json();
    expect((await gcs.del(BUCKET, "del/default.tflock", `ifGenerationMatch=${v1.generation}`)).status).toBe(412);
    expect((await gcs.get(BUCKET, "del/default.tflock")).status).toBe(200);
    const ok = await gcs.del(BUCKET, "del/default.tflock", `ifGenerationMatch=${v2.generation}`);
    expect([ok.status, ok.bytes.length]).toEqual([204, 0]);
    expect((await gcs.del(BUCKET, "del/default.tflock", `ifGenerationMatch=${v2.generation}`)).status).toBe(404);
  });

  it("lists with prefix and delimiter, folding sub-folders into prefixes, across pages", async () => {
    await gcs.createBucket(PROJECT, "list-bucket");
    for (const name of ["p/a.tfstate", "p/b.tflock", "p/b.tfstate", "p/sub/x", "p/sub/y", "p/sub2/z", "q/other"]) await gcs.put("list-bucket", name, name);
    const all = (await gcs.list("list-bucket", "prefix=p%2F&delimiter=%2F")).json();
    expect(all.items.map((i: { name: string }) => i.name)).toEqual(["p/a.tfstate", "p/b.tflock", "p/b.tfstate"]);
    expect(all.prefixes).toEqual(["p/sub/", "p/sub2/"]);
    expect(all.nextPageToken).toBeUndefined();

    const seen: string[] = [];
    let token = "";
    for (let pages = 0; pages < 10; pages++) {
      const page = (await gcs.list("list-bucket", `prefix=p%2F&delimiter=%2F&maxResults=2${token ? `&pageToken=${token}` : ""}`)).json();
      seen.push(...(page.items ?? []).map((i: { name: string }) => i.name), ...(page.prefixes ?? []));
      if (!page.nextPageToken) break;
      token = page.nextPageToken;
    }
    expect(seen.sort()).toEqual(["p/a.tfstate", "p/b.tflock", "p/b.tfstate", "p/sub/", "p/sub2/"]);
    expect((await gcs.list("list-bucket", "")).json().items).toHaveLength(7);
  });

  it("takes multipart and chunked resumable uploads, and rejects unauthenticated calls", async () => {
    const boundary = "emulator-test";
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ name: "mp/obj", metadata: { who: "test" } })}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nhello multipart\r\n--${boundary}--`),
    ]);
    const mp = await gcs.call("POST", `/upload/storage/v1/b/${BUCKET}/o?uploadType=multipart`, {
      body: multipart,
      headers: { "content-type": `multipart/related; boundary=${boundary}` },
    });
    expect(mp.json()).toMatchObject({ name: "mp/obj", contentType: "text/plain", metadata: { who: "test" }, size: "15" });

    const start = await gcs.call("POST", `/upload/storage/v1/b/${BUCKET}/o?uploadType=resumable&ifGenerationMatch=0`, {
      body: JSON.stringify({ name: "big/state" }),
      headers: { "content-type": "application/json", "x-upload-content-type": "application/octet-stream" },
    });
    const session = start.headers.get("location")!;
    expect(session).toContain("upload_id=");
    const data = Buffer.alloc(600_000, 7);
    const chunk = (from: number, to: number, total: string, no308: boolean) =>
      fetch(session, {
        method: no308 ? "POST" : "PUT",
        headers: { authorization: "Bearer t", "content-range": `bytes ${from}-${to - 1}/${total}`, ...(no308 ? { "x-guploader-no-308": "yes" } : {}) },
        body: data.subarray(from, to),
      });
    const c1 = await chunk(0, 262_144, "*", false);
    expect([c1.status, c1.headers.get("range")]).toEqual([308, "bytes=0-262143"]);
    const c2 = await chunk(262_144, 524_288, "*", true);
    expect([c2.status, c2.headers.get("x-http-status-code-override"), c2.headers.get("range")]).toEqual([200, "308", "bytes=0-524287"]);
    const done = await chunk(524_288, 600_000, "600000", true);
    expect(((await done.json()) as { size: string; md5Hash: string })).toMatchObject({ size: "600000", md5Hash: md5Base64(data) });
    expect(Buffer.compare((await gcs.media(BUCKET, "big/state")).bytes, data)).toBe(0);

    const anonymous = await fetch(`${emulator.url}/storage/v1/b/${BUCKET}/o`);
    expect(anonymous.status).toBe(401);
  });

  it("fails calls on demand through the emulator's faults, by discovery id and the bucket's project", async () => {
    await failNextCalls(emulator.pool, { method: "storage.objects.insert", project: PROJECT, error: "unavailable" });
    const failed = await gcs.put(BUCKET, "faulty/default.tfstate", "{}");
    expect([failed.status, failed.json().error.code]).toEqual([503, 503]);
    expect((await gcs.put(BUCKET, "faulty/default.tfstate", "{}")).status).toBe(200);
  });
});
