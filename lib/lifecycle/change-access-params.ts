import { z } from "zod";
import { accessFields, refineAccess } from "../provisioning/access-schema";

/** `change-access {accessMode, allowlistCidrs}`: the create form's rules. */
export const changeAccessParams = z.object(accessFields).strict().superRefine(refineAccess);
export type ChangeAccessParams = z.infer<typeof changeAccessParams>;
