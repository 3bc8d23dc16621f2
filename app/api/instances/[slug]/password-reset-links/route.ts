import { z } from "zod";
import { createPasswordResetLink } from "@/lib/customer-access/create-password-reset-link";
import { passwordResetLinkSchema } from "@/lib/customer-access/reason-schema";
import { route } from "@/lib/http/route";

export const POST = route(
  { permission: "password-reset:create", summary: "Create a password-reset link for a user of the customer's instance (Sourcegraph's randomizeUserPassword)", params: z.object({ slug: z.string() }), body: passwordResetLinkSchema },
  async ({ actor, params, body }) => Response.json(await createPasswordResetLink(actor, params.slug, body), { status: 201, headers: { "cache-control": "no-store" } }),
);
