import { route } from "@/lib/http/route";
import { previewWave } from "@/lib/waves/preview-wave";
import { createWaveBodySchema } from "@/lib/waves/wave-schema";

/** What `POST /api/waves` with this body would upgrade; creates nothing. */
export const POST = route({ permission: "instances:upgrade", body: createWaveBodySchema }, async ({ body }) => ({ preview: await previewWave(body) }));
