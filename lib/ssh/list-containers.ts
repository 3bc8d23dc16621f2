import { parseContainers, type ContainerStatus } from "./parse-containers";
import { listContainersCommand } from "./remote-commands";
import { runOnVmChecked } from "./run-on-vm";
import type { VmCallOptions } from "./vm-call-options";

/** `docker ps --all` on the VM: every container, with its state and healthcheck result. */
export async function listContainers(options: VmCallOptions): Promise<ContainerStatus[]> {
  const result = await runOnVmChecked({ ...options, command: listContainersCommand() }, "list containers");
  return parseContainers(result.stdout);
}
