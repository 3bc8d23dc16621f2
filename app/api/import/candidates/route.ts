import { route } from "@/lib/http/route";
import { listImportCandidates } from "@/lib/imports/list-import-candidates";

export const GET = route({ permission: "instances:create" }, async () => listImportCandidates());
