import { z } from "zod";
import { route } from "@/lib/http/route";
import { approveWaveSteps, approveWaveStepsBodySchema } from "@/lib/waves/approve-wave-steps";

/** Approves one step on every upgrade of the wave waiting on it (or on the listed jobs); each is audited on its own. */
export const POST = route({ permission: "jobs:control", params: z.object({ id: z.string() }), body: approveWaveStepsBodySchema }, async ({ actor, params, body }) =>
  approveWaveSteps(actor, params.id, body),
);
