import { z } from "zod";
import type { RunbookMetadata } from "./types";

const forceUnlockParams = z
  .object({
    root: z.enum(["gcp-tfstate", "infrastructure", "red", "black"], { error: "root must be gcp-tfstate, infrastructure, red or black" }),
    lockId: z.string({ error: "lockId is required" }).regex(/^[A-Za-z0-9._-]{1,64}$/, "lockId is the ID Terraform printed (letters, digits, . _ -)"),
  })
  .strict();
export type ForceUnlockParams = z.infer<typeof forceUnlockParams>;

/**
 * Releases a Terraform state lock that a dead run left in the instance's bucket (the
 * "Error acquiring the state lock" a step reported, with its ID). A person approves first:
 * unlocking under a run that is still alive would let two runs write one state.
 */
export const forceUnlockMetadata: RunbookMetadata<typeof forceUnlockParams> = {
  kind: "force-unlock",
  title: "Release a dead run's Terraform state lock",
  needsInstance: true,
  params: forceUnlockParams,
  steps: (p) => [
    {
      key: "approve-unlock",
      name: `Approve releasing lock ${p.lockId} on ${p.root}`,
      kind: "approval",
      destructive: true,
      instructions: `Only if the run holding lock ${p.lockId} on the ${p.root} state is dead (its job failed or its worker is gone): releasing a live run's lock lets two runs write one state.`,
    },
    { key: "force-unlock", name: `terraform force-unlock ${p.lockId} (${p.root})`, kind: "automated" },
  ],
};
