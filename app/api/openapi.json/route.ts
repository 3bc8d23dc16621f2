import document from "@/lib/http/openapi-document.json";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "fleet:read", summary: "This document: the API in OpenAPI 3.1" }, async () => document);
