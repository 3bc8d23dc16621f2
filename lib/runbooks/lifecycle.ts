import { changeAccessRunbook } from "./change-access";
import { deleteInstanceRunbook } from "./delete-instance";
import { resizeRunbook } from "./resize";
import { restoreRunbook } from "./restore";
import { resumeRunbook } from "./resume";
import { snapshotRunbook } from "./snapshot";
import { suspendRunbook } from "./suspend";
import type { Runbook } from "./types";

/** The runbooks of an instance's life after creation (README "Lifecycle"). */
export const LIFECYCLE_RUNBOOKS: Runbook[] = [suspendRunbook, resumeRunbook, resizeRunbook as Runbook, changeAccessRunbook as Runbook, deleteInstanceRunbook as Runbook, snapshotRunbook as Runbook, restoreRunbook as Runbook];
