/** GCP's rule for a snapshot's name (RFC 1035 label): what `restore {snapshot}` accepts. */
export const SNAPSHOT_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
