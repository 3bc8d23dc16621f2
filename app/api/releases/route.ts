import { route } from "@/lib/http/route";
import { createRelease } from "@/lib/releases/create-release";
import { listReleases } from "@/lib/releases/list-releases";
import { createReleaseSchema } from "@/lib/releases/release-schema";

export const GET = route({ permission: "fleet:read" }, async () => ({ releases: await listReleases() }));

export const POST = route({ permission: "releases:manage", body: createReleaseSchema }, async ({ actor, body }) =>
  Response.json({ release: await createRelease(actor, body) }, { status: 201 }),
);
