#!/usr/bin/env node
// The offline fixtures' only way to reach "GCP": one REST call (plus the operation wait),
// made the way the google provider makes it, against the endpoints the provider itself would
// use. Providers cannot be downloaded here, so the fixture modules run this from
// `terraform_data` provisioners:
//
//   interpreter = ["node", "${path.module}/rest-call.mjs"], command = "<verb>",
//   environment = { ARGS = jsonencode(...) }
//
// (rest-call.mjs, one per module, only imports this file; see why there.)
// Values travel as JSON in ARGS and are never parsed by a shell. Dependency-free (node:* and
// the global fetch) so it runs wherever Terraform runs.
//
// Verbs (ARGS fields):
//   insert {service, path, body}                POST a new resource. A name already taken is
//                                               GCP's 409 alreadyExists, a failure: never "adopt"
//                                               an existing resource, the provider doesn't.
//   delete {service, path}                      DELETE; 404 counts as done, as for the provider.
//   post   {service, path, body, ignoreNotFound} POST a custom verb (attachNetworkEndpoints, ...).
//   patch  {service, path, body}                read the resource, PATCH the fields with its
//                                               current fingerprint (retried on 412).
// In-place changes, each a no-op when the resource already matches (as the provider's diff):
//   resize-disk {service, path, sizeGb}         disks.resize (disks only grow).
//   instance-settings {service, path, machineType, metadata}
//                                               stop → setMachineType → start when the type
//                                               differs; setMetadata when the items differ.
//   security-policy-rules {service, path, rules} addRule / patchRule / removeRule until the
//                                               policy has exactly `rules`.
// `service` is compute, storage or dns; `path` is relative to that API's base URL.
//
// Environment, as the google provider reads it:
//   GOOGLE_COMPUTE_CUSTOM_ENDPOINT, GOOGLE_STORAGE_CUSTOM_ENDPOINT, GOOGLE_DNS_CUSTOM_ENDPOINT
//     e.g. http://127.0.0.1:4010/compute/v1/ — required: without one this refuses to run
//     rather than reach the real Google.
//   GOOGLE_OAUTH_ACCESS_TOKEN (used as is), else a service-account key (JSON, or a path to
//   it) in GOOGLE_CREDENTIALS, GOOGLE_CLOUD_KEYFILE_JSON, GCLOUD_KEYFILE_JSON or
//   GOOGLE_APPLICATION_CREDENTIALS, traded for a token at the key's token_uri (RFC 7523).

import { createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import process from "node:process";

const ENDPOINT_VARS = { compute: "GOOGLE_COMPUTE_CUSTOM_ENDPOINT", storage: "GOOGLE_STORAGE_CUSTOM_ENDPOINT", dns: "GOOGLE_DNS_CUSTOM_ENDPOINT" };
const KEY_VARS = ["GOOGLE_CREDENTIALS", "GOOGLE_CLOUD_KEYFILE_JSON", "GCLOUD_KEYFILE_JSON", "GOOGLE_APPLICATION_CREDENTIALS"];
const SCOPE = "https://www.googleapis.com/auth/cloud-platform";
const OPERATION_TIMEOUT_MS = 10 * 60_000;

class Failure extends Error {}

async function main() {
  const verb = process.argv[2];
  const args = parseArgs(process.env.ARGS);
  const api = await client(args.service);
  switch (verb) {
    case "insert":
      return api.call("POST", args.path, args.body);
    case "delete":
      return api.call("DELETE", args.path, undefined, { ignoreNotFound: true });
    case "post":
      return api.call("POST", args.path, args.body, { ignoreNotFound: args.ignoreNotFound === true });
    case "patch":
      return patchWithFingerprint(api, args.path, args.body);
    case "resize-disk":
      return resizeDisk(api, args.path, args.sizeGb);
    case "instance-settings":
      return instanceSettings(api, args.path, args.machineType, args.metadata);
    case "security-policy-rules":
      return securityPolicyRules(api, args.path, args.rules);
    default:
      throw new Failure(`unknown verb ${JSON.stringify(verb)}`);
  }
}

function parseArgs(raw) {
  if (!raw) throw new Failure("ARGS is not set: pass the call as JSON in the ARGS environment variable");
  let args;
  try {
    args = JSON.parse(raw);
  } catch {
    throw new Failure("ARGS is not valid JSON");
  }
  if (!args || typeof args.path !== "string" || !args.path) throw new Failure("ARGS.path is required");
  return args;
}

async function client(service) {
  const variable = ENDPOINT_VARS[service];
  if (!variable) throw new Failure(`unknown service ${JSON.stringify(service)} (compute, storage or dns)`);
  const base = process.env[variable]?.trim();
  if (!base) {
    throw new Failure(`${variable} is not set: the offline fixtures only talk to a GCP emulator (e.g. ${variable}=http://127.0.0.1:4010/${service === "dns" ? "dns" : service}/v1/)`);
  }
  const token = await accessToken();
  const url = (path) => `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;

  async function request(method, path, body) {
    const res = await fetch(url(path), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { raw: text };
    }
    return { status: res.status, json };
  }

  async function call(method, path, body, { ignoreNotFound = false } = {}) {
    const { status, json } = await request(method, path, body);
    if (status === 404 && ignoreNotFound) {
      log(`${method} ${path}: already gone`);
      return json;
    }
    if (status < 200 || status > 299) throw new Failure(describeError(status, json));
    log(`${method} ${path}: ${status}`);
    if (service === "compute" && json.kind === "compute#operation") await waitForOperation(json);
    return json;
  }

  // Compute answers with an Operation; the change is done (or failed) only when it is DONE.
  async function waitForOperation(op) {
    const deadline = Date.now() + OPERATION_TIMEOUT_MS;
    while (op.status !== "DONE") {
      if (Date.now() > deadline) throw new Failure(`operation ${op.name} did not finish within ${OPERATION_TIMEOUT_MS / 60_000} minutes`);
      const scope = /\/projects\/([^/]+)\/(global|zones\/[^/]+|regions\/[^/]+)\/operations\//.exec(String(op.selfLink ?? ""));
      if (!scope) throw new Failure(`operation ${op.name} has no usable selfLink`);
      const { status, json } = await request("POST", `projects/${scope[1]}/${scope[2]}/operations/${op.name}/wait`);
      if (status < 200 || status > 299) throw new Failure(describeError(status, json));
      op = json;
    }
    if (op.error?.errors?.length) {
      const first = op.error.errors[0];
      throw new Failure(`googleapi: Error in operation ${op.name}: ${op.error.errors.map((e) => e.message).join("; ")}, ${first.code ?? ""}`);
    }
  }

  return { call, request };
}

async function patchWithFingerprint(api, path, body) {
  for (let attempt = 1; ; attempt++) {
    const current = await api.request("GET", path);
    if (current.status !== 200) throw new Failure(describeError(current.status, current.json));
    try {
      return await api.call("PATCH", path, { ...body, fingerprint: current.json.fingerprint });
    } catch (err) {
      // 412: someone changed it between our read and write; read again, like the provider.
      if (attempt >= 5 || !(err instanceof Failure) || !/Error 412/.test(err.message)) throw err;
    }
  }
}

async function read(api, path) {
  const { status, json } = await api.request("GET", path);
  if (status !== 200) throw new Failure(describeError(status, json));
  return json;
}

async function resizeDisk(api, path, sizeGb) {
  const disk = await read(api, path);
  if (Number(disk.sizeGb) === Number(sizeGb)) return log(`${path}: already ${sizeGb} GB`);
  await api.call("POST", `${path}/resize`, { sizeGb: String(sizeGb) });
}

async function instanceSettings(api, path, machineType, items) {
  let vm = await read(api, path);
  const typeName = (ref) => String(ref ?? "").split("/").pop();
  if (typeName(vm.machineType) !== typeName(machineType)) {
    // allow_stopping_for_update: GCP changes the machine type of a stopped VM only.
    const wasRunning = vm.status !== "TERMINATED";
    if (wasRunning) await api.call("POST", `${path}/stop`);
    await api.call("POST", `${path}/setMachineType`, { machineType });
    if (wasRunning) await api.call("POST", `${path}/start`);
    vm = await read(api, path);
  }
  const asMap = (list) => JSON.stringify(Object.fromEntries((list ?? []).map((i) => [i.key, i.value]).sort(([a], [b]) => (a < b ? -1 : 1))));
  if (asMap(vm.metadata?.items) !== asMap(items)) {
    await api.call("POST", `${path}/setMetadata`, { fingerprint: vm.metadata?.fingerprint, items });
  } else {
    log(`${path}: settings already match`);
  }
}

async function securityPolicyRules(api, path, rules) {
  const policy = await read(api, path);
  const current = new Map((policy.rules ?? []).map((r) => [Number(r.priority), r]));
  const wanted = new Map(rules.map((r) => [Number(r.priority), r]));
  const essence = (r) => JSON.stringify([r.action, r.description ?? "", r.match?.versionedExpr, r.match?.config?.srcIpRanges ?? []]);
  let changed = false;
  for (const [priority, rule] of wanted) {
    if (!current.has(priority)) await api.call("POST", `${path}/addRule`, rule);
    else if (essence(current.get(priority)) !== essence(rule)) await api.call("POST", `${path}/patchRule?priority=${priority}`, rule);
    else continue;
    changed = true;
  }
  for (const priority of current.keys()) {
    if (wanted.has(priority)) continue;
    await api.call("POST", `${path}/removeRule?priority=${priority}`);
    changed = true;
  }
  if (!changed) log(`${path}: rules already match`);
}

async function accessToken() {
  const token = process.env.GOOGLE_OAUTH_ACCESS_TOKEN?.trim();
  if (token) return token;
  const found = KEY_VARS.map((name) => ({ name, value: process.env[name]?.trim() })).find((v) => v.value);
  if (!found) throw new Failure(`no credentials: set GOOGLE_OAUTH_ACCESS_TOKEN or a service-account key in ${KEY_VARS.join(", ")}`);
  const key = readKey(found);
  return exchangeKey(key);
}

function readKey({ name, value }) {
  let text = value;
  if (!value.startsWith("{")) {
    try {
      text = readFileSync(value, "utf8");
    } catch (err) {
      throw new Failure(`${name}: cannot read the key file: ${err.message}`);
    }
  }
  let key;
  try {
    key = JSON.parse(text);
  } catch {
    throw new Failure(`${name}: not a JSON key`);
  }
  if (key.type !== "service_account" || !key.client_email || !key.private_key) {
    throw new Failure(`${name}: not a service-account key (type, client_email and private_key are required)`);
  }
  return key;
}

// Google's JWT-bearer flow: an RS256 assertion signed with the key, traded at token_uri.
async function exchangeKey(key) {
  const tokenUri = key.token_uri || "https://oauth2.googleapis.com/token";
  const now = Math.floor(Date.now() / 1000);
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const header = { alg: "RS256", typ: "JWT", ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const input = `${b64(header)}.${b64({ iss: key.client_email, scope: SCOPE, aud: tokenUri, iat: now, exp: now + 3600 })}`;
  const assertion = `${input}.${createSign("RSA-SHA256").update(input).sign(key.private_key).toString("base64url")}`;
  const res = await fetch(tokenUri, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || typeof json.access_token !== "string") {
    throw new Failure(`oauth2: cannot fetch token from ${tokenUri}: ${res.status} ${json.error ?? ""} ${json.error_description ?? ""}`.trim());
  }
  return json.access_token;
}

// The provider's wording (googleapi's Error.Error()), so log readers and
// lib/terraform/recognize-known-failure.ts see what they would see from the real provider.
function describeError(status, json) {
  const e = json?.error;
  if (e && typeof e === "object") {
    const reasons = (e.errors ?? []).map((x) => x.reason).filter(Boolean);
    return `googleapi: Error ${status}: ${e.message ?? ""}${reasons.length ? `, ${reasons.join(", ")}` : ""}`;
  }
  return `googleapi: got HTTP response code ${status} with body: ${JSON.stringify(json).slice(0, 500)}`;
}

function log(line) {
  process.stdout.write(`gcp-rest: ${line}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`gcp-rest: ${err instanceof Failure ? err.message : err?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
