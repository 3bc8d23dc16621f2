import { z } from "zod";
import { cidrListProblems } from "./cidr";
import { ACCESS_MODES } from "./options";

const MAX_CIDRS = 50;

/** How users reach an instance: the fields of the create form and of `change-access`. */
export const accessFields = {
  accessMode: z.enum(ACCESS_MODES, { error: "accessMode must be public_sso or ip_allowlist" }),
  allowlistCidrs: z
    .array(z.string({ error: "each allowlist entry must be a CIDR block" }).max(64, "a CIDR block is at most 64 characters"), {
      error: "allowlistCidrs must be a list of CIDR blocks",
    })
    .max(MAX_CIDRS, `at most ${MAX_CIDRS} CIDR blocks`)
    .default([]),
};

/** The rules between the two: valid CIDRs, an allowlist has some, a public instance has none. */
export function refineAccess(v: { accessMode: string; allowlistCidrs: string[] }, ctx: z.RefinementCtx): void {
  for (const message of cidrListProblems(v.allowlistCidrs)) ctx.addIssue({ code: "custom", path: ["allowlistCidrs"], message });
  if (v.accessMode === "ip_allowlist" && v.allowlistCidrs.length === 0) {
    ctx.addIssue({ code: "custom", path: ["allowlistCidrs"], message: "an IP allowlist needs at least one CIDR block" });
  }
  if (v.accessMode === "public_sso" && v.allowlistCidrs.length > 0) {
    ctx.addIssue({ code: "custom", path: ["allowlistCidrs"], message: "a public instance has no allowlist; choose IP allowlist or remove the blocks" });
  }
}
