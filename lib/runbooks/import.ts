import { importSteps } from "../imports/import-steps";
import { implementRunbook } from "./implement-runbook";
import { importMetadata } from "./metadata/import";

/** Import a hand-built instance (issue 15): discover, dry run, approval, record. */
export const importRunbook = implementRunbook(importMetadata, { steps: () => importSteps });
