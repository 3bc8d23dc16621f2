import { z } from "zod";
import { importSteps } from "../imports/import-steps";
import type { Runbook } from "./types";

/** Import a hand-built instance (issue 15): discover, dry run, approval, record. */
export const importRunbook: Runbook = {
  kind: "import",
  title: "Import a hand-built instance",
  needsInstance: true,
  params: z.object({}).strict(),
  steps: () => importSteps,
};
