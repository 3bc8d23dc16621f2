import { gcpRef, parseGcpRef } from "./secret-ref";
import { assertSecretName, assertSecretSize, SecretError, type SecretRef, type SecretStore } from "./secret-store";

/**
 * The narrow part of Secret Manager the store needs; lib/gcp's Secret Manager adapter
 * provides it in production, a fake in unit tests.
 */
export interface SecretManagerApi {
  /** Creates the secret; one that already exists counts as created (so `put` can run again). */
  createSecret(ref: { project: string; secretId: string; labels?: Record<string, string> }): Promise<void>;
  /** Adds a version and returns its number, e.g. "3". */
  addSecretVersion(ref: { project: string; secretId: string; data: Buffer }): Promise<{ version: string }>;
  accessSecretVersion(ref: { project: string; secretId: string; version: string }): Promise<Buffer>;
  /** Deletes the secret and every version; false when there was none. */
  deleteSecret(ref: { project: string; secretId: string }): Promise<boolean>;
}

/**
 * Production's secret store: each `put` adds a version in GCP Secret Manager and returns a
 * reference pinned to that version, so a stored reference keeps meaning the value it was given.
 */
export class GcpSecretStore implements SecretStore {
  constructor(
    private readonly api: SecretManagerApi,
    /** The project holding the control plane's secrets. */
    readonly project: string,
  ) {}

  async put(name: string, value: string): Promise<SecretRef> {
    assertSecretName(name);
    assertSecretSize(name, value);
    await this.api.createSecret({ project: this.project, secretId: name, labels: { "managed-by": "managed-instances" } });
    const { version } = await this.api.addSecretVersion({ project: this.project, secretId: name, data: Buffer.from(value, "utf8") });
    return gcpRef({ project: this.project, secret: name, version });
  }

  async get(ref: SecretRef): Promise<string> {
    const v = parseGcpRef(ref);
    if (v.project !== this.project) {
      // Refs from another project are readable in GCP, but a mismatch here means a misconfigured environment.
      throw new SecretError("invalid-ref", `Secret reference is for project ${v.project}, but this store uses ${this.project}`);
    }
    const data = await this.api.accessSecretVersion({ project: v.project, secretId: v.secret, version: v.version });
    return data.toString("utf8");
  }

  async delete(ref: SecretRef): Promise<{ deleted: boolean }> {
    const v = parseGcpRef(ref);
    return { deleted: await this.api.deleteSecret({ project: v.project, secretId: v.secret }) };
  }
}
