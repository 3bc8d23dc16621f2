/**
 * `npm run openapi`: writes lib/http/openapi-document.json from every route under app/api
 * (the same zod schemas that parse their input). lib/http/openapi.integration.test.ts fails
 * when a route is missing from it or it is stale.
 */
import { writeFileSync } from "node:fs";
import { currentOpenApiDocument, OPENAPI_DOCUMENT_FILE } from "../lib/http/current-openapi-document";

writeFileSync(OPENAPI_DOCUMENT_FILE, `${JSON.stringify(await currentOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${OPENAPI_DOCUMENT_FILE}`);
