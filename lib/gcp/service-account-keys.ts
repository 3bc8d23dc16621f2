import { inspect } from "node:util";
import type { SecretRef, SecretStore } from "../secrets/secret-store";
import { callApi, restCallOptions } from "./call-api";
import { GcpError } from "./errors";
import { defaultProvisioningClients, type ProvisioningClients } from "./provisioning-clients";
import { iamTarget } from "./service-accounts";

export interface ServiceAccountKeyInfo {
  /** projects/<p>/serviceAccounts/<email>/keys/<keyId> */
  name: string;
  keyId: string;
  validAfterTime: string;
}

/**
 * A newly minted key. The private part is reachable only through the `privateKeyData` getter
 * and `keyFileJson()`: it is not an own property, so logging, spreading or JSON.stringify of
 * this object never includes it. Put it straight into a SecretStore (storeServiceAccountKey).
 */
export class ServiceAccountKeyMaterial implements ServiceAccountKeyInfo {
  readonly #privateKeyData: string;

  constructor(
    readonly name: string,
    readonly keyId: string,
    readonly validAfterTime: string,
    privateKeyData: string,
  ) {
    this.#privateKeyData = privateKeyData;
  }

  /** base64 of the JSON key file, as the IAM API returns it. */
  get privateKeyData(): string {
    return this.#privateKeyData;
  }

  /** The JSON key file the console's "Create new key > JSON" downloads (RUNBOOK step 3). */
  keyFileJson(): string {
    return Buffer.from(this.#privateKeyData, "base64").toString("utf8");
  }

  toJSON(): ServiceAccountKeyInfo {
    return { name: this.name, keyId: this.keyId, validAfterTime: this.validAfterTime };
  }

  [inspect.custom](): string {
    return `ServiceAccountKeyMaterial { name: ${this.name}, privateKeyData: [redacted] }`;
  }
}

const keysParent = (ref: { projectId: string; email: string }) => `projects/${ref.projectId}/serviceAccounts/${ref.email}`;

/**
 * Mints a JSON key for the service account. NOT idempotent: every call creates another key,
 * and GCP allows only 10 per account (then FAILED_PRECONDITION, an "invalid" GcpError). A
 * provisioning step should mint a key only when it has no stored secret ref yet, and use
 * storeServiceAccountKey so the key goes straight into the secret store.
 */
export async function createServiceAccountKey(
  ref: { projectId: string; email: string },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<ServiceAccountKeyMaterial> {
  const parent = keysParent(ref);
  const res = await callApi(iamTarget(clients), `${parent}/keys`, () =>
    clients.iam.projects.serviceAccounts.keys.create(
      { name: parent, requestBody: { privateKeyType: "TYPE_GOOGLE_CREDENTIALS_FILE", keyAlgorithm: "KEY_ALG_RSA_2048" } },
      restCallOptions(clients.callOptions),
    ),
  );
  const key = res.data;
  if (!key.name || !key.privateKeyData) throw new GcpError("failed", `${parent}/keys`, `GCP returned no key material for ${parent}`);
  return new ServiceAccountKeyMaterial(key.name, keyIdOf(key.name), key.validAfterTime ?? "", key.privateKeyData);
}

/**
 * Mints a key and stores its JSON key file under `secretName`, returning only the reference.
 * If storing fails the key is deleted again, so a failed attempt leaves no usable key behind.
 */
export async function storeServiceAccountKey(
  ref: { projectId: string; email: string; secretName: string },
  store: SecretStore,
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<{ secretRef: SecretRef; key: ServiceAccountKeyInfo }> {
  const key = await createServiceAccountKey(ref, clients);
  try {
    return { secretRef: await store.put(ref.secretName, key.keyFileJson()), key: key.toJSON() };
  } catch (err) {
    await deleteServiceAccountKey({ ...ref, keyId: key.keyId }, clients).catch(() => {});
    throw err;
  }
}

/** The account's user-managed keys (no private parts), oldest first: for finding keys a crashed run left behind. */
export async function listServiceAccountKeys(
  ref: { projectId: string; email: string },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<ServiceAccountKeyInfo[]> {
  const parent = keysParent(ref);
  const res = await callApi(iamTarget(clients), `${parent}/keys`, () =>
    clients.iam.projects.serviceAccounts.keys.list({ name: parent, keyTypes: ["USER_MANAGED"] }, restCallOptions(clients.callOptions)),
  );
  return (res.data.keys ?? []).map((k) => ({ name: k.name ?? "", keyId: keyIdOf(k.name ?? ""), validAfterTime: k.validAfterTime ?? "" }));
}

/** Deletes one key. Safe to run again: an already-deleted key returns `deleted: false`. */
export async function deleteServiceAccountKey(
  ref: { projectId: string; email: string; keyId: string },
  clients: ProvisioningClients = defaultProvisioningClients(),
): Promise<{ deleted: boolean }> {
  const name = `${keysParent(ref)}/keys/${ref.keyId}`;
  try {
    await callApi(iamTarget(clients), name, () => clients.iam.projects.serviceAccounts.keys.delete({ name }, restCallOptions(clients.callOptions)));
    return { deleted: true };
  } catch (err) {
    if (err instanceof GcpError && err.kind === "not-found") return { deleted: false };
    throw err;
  }
}

const keyIdOf = (name: string) => name.slice(name.lastIndexOf("/") + 1);
