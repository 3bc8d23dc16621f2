import { route } from "@/lib/http/route";
import { releaseParamsSchema, updateReleaseSchema } from "@/lib/releases/release-schema";
import { updateRelease } from "@/lib/releases/update-release";

export const PATCH = route({ permission: "releases:manage", params: releaseParamsSchema, body: updateReleaseSchema }, async ({ actor, params, body }) => ({
  release: await updateRelease(actor, params.version, body),
}));
