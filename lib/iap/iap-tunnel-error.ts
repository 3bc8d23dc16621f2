export type IapTunnelErrorKind =
  /** project, zone, VM or port not in GCP's own formats: nothing was spawned. */
  | "invalid-target"
  | "gcloud-missing"
  /** `instances.get` answered 404: no such VM in that project and zone. */
  | "not-found"
  /** IAP could not reach the port (4003: firewall, VM stopped or still booting, nothing listening). */
  | "unreachable"
  | "failed"
  | "timeout"
  | "cancelled";

/** Any failure to open an IAP tunnel, with the tail of gcloud's stderr for the job log. */
export class IapTunnelError extends Error {
  override readonly name = "IapTunnelError";
  constructor(
    readonly kind: IapTunnelErrorKind,
    message: string,
    readonly exitCode: number | null = null,
    readonly stderrTail: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
