import { route } from "@/lib/http/route";
import { startImportSchema } from "@/lib/imports/import-schema";
import { startImport } from "@/lib/imports/start-import";

export const POST = route({ permission: "instances:create", body: startImportSchema }, async ({ actor, body }) =>
  Response.json(await startImport(actor, body.projectId, { sourcegraphToken: body.sourcegraphToken }), { status: 202 }),
);
