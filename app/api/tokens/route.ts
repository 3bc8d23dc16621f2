import { createApiToken, listApiTokens, tokenNameSchema } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "tokens:own" }, async ({ actor }) => ({ items: await listApiTokens(actor) }));

/** The plain token is in this response only; the database keeps its hash. */
export const POST = route({ permission: "tokens:own", body: tokenNameSchema }, async ({ actor, body }) =>
  Response.json(await createApiToken(actor, body), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
