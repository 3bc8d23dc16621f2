import type { RunOnVmOptions } from "./run-on-vm";

/** What every typed VM helper takes: the target plus cancellation, log sink and deadline. */
export type VmCallOptions = Omit<RunOnVmOptions, "command">;
