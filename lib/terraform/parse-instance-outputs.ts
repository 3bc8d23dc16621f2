import { z } from "zod";
import type { TerraformOutputValue } from "./create-terraform-runner";

/** The outputs of an instance's Terraform module that the control plane records. */
export interface InstanceOutputs {
  /** Global load balancer address: the customer's DNS points here. */
  globalAddress: string;
  /** The two Cloud NAT egress addresses the customer allows on their code host. */
  natIps: [string, string];
}

const schema = z.object({
  global_address: z.object({ value: z.ipv4() }),
  nat_ips: z.object({ value: z.tuple([z.ipv4(), z.ipv4()]) }),
});

/**
 * Validates `terraform output -json` against what the instance module promises, so a module
 * change that breaks the contract fails the job here instead of storing garbage IPs that
 * support would then hand to a customer.
 */
export function parseInstanceOutputs(outputs: Record<string, TerraformOutputValue>): InstanceOutputs {
  const parsed = schema.safeParse(outputs);
  if (!parsed.success) {
    throw new Error(`Terraform outputs do not match the instance module: ${z.prettifyError(parsed.error)}`);
  }
  return {
    globalAddress: parsed.data.global_address.value,
    natIps: parsed.data.nat_ips.value,
  };
}
