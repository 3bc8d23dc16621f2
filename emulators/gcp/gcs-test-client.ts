import { createSign } from "node:crypto";

/**
 * Plain-HTTP calls for the Cloud Storage and OAuth tests: the emulator is driven the way any
 * client drives GCS (no helper reaches into its tables), so the tests see what clients see.
 */
export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function storageClient(baseUrl: string, token = "test-token") {
  const call = async (method: string, path: string, init: { body?: Buffer | string; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
      body: typeof init.body === "string" || init.body === undefined ? init.body : new Uint8Array(init.body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString("utf8")) };
  };
  const o = (name: string) => encodeURIComponent(name);
  return {
    call,
    createBucket: (project: string, name: string) => call("POST", `/storage/v1/b?project=${project}`, { body: JSON.stringify({ name }) }),
    /** A media upload; `query` adds preconditions such as `ifGenerationMatch=0`. */
    put: (bucket: string, name: string, body: Buffer | string, query = "") =>
      call("POST", `/upload/storage/v1/b/${bucket}/o?uploadType=media&name=${o(name)}${query ? `&${query}` : ""}`, {
        body,
        headers: { "content-type": "application/json" },
      }),
    get: (bucket: string, name: string, query = "") => call("GET", `/storage/v1/b/${bucket}/o/${o(name)}${query ? `?${query}` : ""}`),
    media: (bucket: string, name: string) => call("GET", `/storage/v1/b/${bucket}/o/${o(name)}?alt=media`),
    del: (bucket: string, name: string, query = "") => call("DELETE", `/storage/v1/b/${bucket}/o/${o(name)}${query ? `?${query}` : ""}`),
    list: (bucket: string, query: string) => call("GET", `/storage/v1/b/${bucket}/o?${query}`),
  };
}

export interface KeyFile {
  private_key_id: string;
  private_key: string;
  client_email: string;
  token_uri: string;
  [k: string]: string;
}

/** Creates a service account and a JSON key through the IAM REST API; returns the key file. */
export async function mintKeyFile(baseUrl: string, project: string, accountId: string): Promise<KeyFile> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { authorization: "Bearer test-token" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, string>;
  };
  const sa = await post(`/v1/projects/${project}/serviceAccounts`, { accountId });
  const key = await post(`/v1/projects/${project}/serviceAccounts/${sa.email}/keys`, {});
  return JSON.parse(Buffer.from(key.privateKeyData, "base64").toString("utf8")) as KeyFile;
}

/** An RS256 JWT signed with the key file's private key, as Google's client libraries sign them. */
export function signJwt(key: KeyFile, claims: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${b64({ alg: "RS256", typ: "JWT", kid: key.private_key_id })}.${b64(claims)}`;
  return `${input}.${createSign("RSA-SHA256").update(input).sign(key.private_key).toString("base64url")}`;
}
