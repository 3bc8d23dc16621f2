import { z } from "zod";
import type { RunbookMetadata } from "./types";

const selftestParams = z.object({
  sleepSeconds: z.number().min(0).max(600).default(0),
  lines: z.number().int().min(0).max(1_000_000).default(3),
  failAt: z.string().optional(),
  /** The failure's message (proves errors are redacted before they are stored). */
  failMessage: z.string().max(500).optional(),
  /** A value the print step registers as secret, as a step that generates a password does. */
  secret: z.string().max(200).optional(),
  approval: z.boolean().default(false),
  human: z.boolean().default(false),
});
export type SelftestParams = z.infer<typeof selftestParams>;

/** The engine's own test (tests, the benchmark, a new worker machine): touches nothing outside. */
export const selftestMetadata: RunbookMetadata<typeof selftestParams> = {
  kind: "selftest",
  title: "Engine self-test",
  needsInstance: false,
  params: selftestParams,
  // Proves the engine runs a restore after a failure or cancel once "print" has run.
  restoreAfter: "print",
  steps: () => [
    { key: "print", name: "Print lines", kind: "automated" },
    { key: "sleep", name: "Sleep in a child process", kind: "automated" },
    { key: "approve", name: "Approve to continue", kind: "approval", instructions: "Approve to let the self-test finish." },
    { key: "human", name: "Tick when done", kind: "human", instructions: "A person marks this done." },
    { key: "finish", name: "Finish", kind: "automated" },
  ],
};
