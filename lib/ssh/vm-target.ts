import { GCP_PROJECT_ID } from "../instances/slug";

/** The VM a remote command runs on. Every instance's VM is called `prod` (the handbook's name). */
export interface VmTarget {
  project: string;
  zone: string;
  vm?: string;
}

export const DEFAULT_VM = "prod";
export const ZONE = /^[a-z]+-[a-z]+\d+-[a-z]$/;
/** GCE instance names: RFC 1035 labels, 1–63 characters. */
export const VM_NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Checks the target against GCP's own formats before anything is spawned. These values become
 * gcloud arguments; a value like `--impersonate-service-account=…` or `x;y` must never get
 * that far, whatever the database says.
 */
export function checkVmTarget(target: VmTarget): Required<VmTarget> {
  const vm = target.vm ?? DEFAULT_VM;
  if (typeof target.project !== "string" || !GCP_PROJECT_ID.test(target.project)) {
    throw new SshError("invalid-target", `invalid GCP project ID: ${JSON.stringify(target.project)}`);
  }
  if (typeof target.zone !== "string" || !ZONE.test(target.zone)) {
    throw new SshError("invalid-target", `invalid zone: ${JSON.stringify(target.zone)}`);
  }
  if (typeof vm !== "string" || !VM_NAME.test(vm)) throw new SshError("invalid-target", `invalid VM name: ${JSON.stringify(vm)}`);
  return { project: target.project, zone: target.zone, vm };
}

export type SshErrorKind = "invalid-target" | "gcloud-missing" | "unreachable" | "failed" | "timeout" | "cancelled";

/** Any failure of a remote command, with the tail of its stderr for the job log. */
export class SshError extends Error {
  override readonly name = "SshError";
  constructor(
    readonly kind: SshErrorKind,
    message: string,
    readonly exitCode: number | null = null,
    readonly stderrTail: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
