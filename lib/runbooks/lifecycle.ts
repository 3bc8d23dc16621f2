import { changeAccessRunbook } from "./change-access";
import { deleteInstanceRunbook } from "./delete-instance";
import { resizeRunbook } from "./resize";
import { restoreRunbook } from "./restore";
import { resumeRunbook } from "./resume";
import { snapshotRunbook } from "./snapshot";
import { suspendRunbook } from "./suspend";

/** The runbooks of an instance's life after creation (README "Lifecycle"). */
export const LIFECYCLE_RUNBOOKS = [suspendRunbook, resumeRunbook, resizeRunbook, changeAccessRunbook, deleteInstanceRunbook, snapshotRunbook, restoreRunbook];
