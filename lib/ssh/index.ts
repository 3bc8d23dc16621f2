/** The SSH adapter: commands on an instance's VM through `gcloud compute ssh` over IAP. */
export { gcloudSshArgs } from "./gcloud-ssh-args";
export { containersNotHealthy, describeContainer, judgeContainer, type ContainerVerdict } from "./container-rule";
export { listContainers } from "./list-containers";
export { moveToRelease } from "./move-to-release";
export { parseContainers, type ContainerHealth, type ContainerStatus } from "./parse-containers";
export { probeDatabaseWrite } from "./probe-database-write";
export { quoteRemoteArg, remoteCommandLine } from "./quote-remote-arg";
export * from "./remote-commands";
export { restartFrontend } from "./restart-frontend";
export { runOnVm, runOnVmChecked, type RunOnVmOptions, type VmCommandResult } from "./run-on-vm";
export { setDatabaseReadOnly } from "./set-database-read-only";
export { upgradeInPlace } from "./upgrade-in-place";
export type { VmCallOptions } from "./vm-call-options";
export { checkVmTarget, DEFAULT_VM, SshError, type SshErrorKind, type VmTarget } from "./vm-target";
export { growFilesystem, DATA_DEVICE } from "./grow-filesystem";
