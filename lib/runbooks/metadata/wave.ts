import { z } from "zod";
import type { RunbookMetadata } from "./types";

const waveParams = z.object({ waveId: z.string().uuid() }).strict();
export type WaveParams = z.infer<typeof waveParams>;

/** Drives an upgrade wave batch by batch (lib/waves); one step that ends when the wave stops. */
export const waveMetadata: RunbookMetadata<typeof waveParams> = {
  kind: "wave",
  title: "Upgrade wave",
  needsInstance: false,
  params: waveParams,
  steps: () => [{ key: "drive", name: "Upgrade batch by batch", kind: "automated" }],
};
