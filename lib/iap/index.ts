/**
 * The IAP adapter: a port of an instance's VM (Caddy, 80) reached through
 * `gcloud compute start-iap-tunnel`, as the runbook's port-forward does. Unlike the public URL
 * it needs neither the managed certificate nor a place on the Cloud Armor allowlist, so it is
 * how the control plane talks to an instance before its certificate is ACTIVE.
 */
export { IapTunnelError, type IapTunnelErrorKind } from "./iap-tunnel-error";
export { openIapTunnel, type IapTunnel, type OpenIapTunnelOptions } from "./open-iap-tunnel";
export { CADDY_PORT, checkIapTunnelTarget, parseTunnelLine, startIapTunnelArgs, type IapTunnelTarget } from "./start-iap-tunnel-args";
export { withIapTunnel } from "./with-iap-tunnel";
