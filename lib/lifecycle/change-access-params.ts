import { z } from "zod";
import { accessFields, refineAccess } from "../provisioning/access-schema";

/** `change-access {accessMode, allowlistCidrs}`: the create form's rules. */
export const changeAccessParams = z.object(accessFields).strict().superRefine(refineAccess);
export type ChangeAccessParams = z.infer<typeof changeAccessParams>;

/** "IP allowlist 203.0.113.0/24" or "public, with the customer's SSO": for step names and commits. */
export const describeAccess = (p: ChangeAccessParams) => (p.accessMode === "ip_allowlist" ? `IP allowlist ${p.allowlistCidrs.join(", ")}` : "public, with the customer's SSO");
