import { z } from "zod";
import { revealAdminPassword } from "@/lib/customer-access/reveal-admin-password";
import { revealAdminPasswordSchema } from "@/lib/customer-access/reason-schema";
import { route } from "@/lib/http/route";

export const POST = route(
  { permission: "admin-password:reveal", summary: "Reveal the instance's sourcegraph-admin password (admins; a reason is required and audited)", params: z.object({ slug: z.string() }), body: revealAdminPasswordSchema },
  async ({ actor, params, body }) => Response.json(await revealAdminPassword(actor, params.slug, body.reason), { headers: { "cache-control": "no-store" } }),
);
