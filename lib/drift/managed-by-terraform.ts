import { colourOfVm } from "../instances/colours";

/**
 * Built by the control plane (VM `prod-red` / `prod-black`, one Terraform root per colour
 * beside `infrastructure`). A hand-built instance (VM `prod`) has no roots of ours: its drift
 * status is `not_managed`, never `failed`.
 */
export function managedByTerraform(instance: { vmName: string }): boolean {
  return colourOfVm(instance.vmName) !== null;
}
