import { config } from "../config/load-config";
import { advanceWave } from "../waves/advance-wave";
import { implementRunbook } from "./implement-runbook";
import { waveMetadata } from "./metadata/wave";

const pollMs = () => config().WAVE_POLL_MS;

/**
 * Drives an upgrade wave. A job rather than a loop in the worker: it gets the engine's
 * log, cancel and crash recovery (a lost worker's driver resumes elsewhere) for free, and
 * it ends whenever the wave stops (paused, aborted, completed) so it holds no slot then.
 * All progress lives in the wave tables; each tick is safe to repeat.
 */
export const upgradeWaveRunbook = implementRunbook(waveMetadata, {
  steps: (p) => [
    {
      key: "drive",
      async run(ctx) {
        while (!ctx.signal.aborted) {
          if ((await advanceWave(p.waveId, ctx.log)) === "stop") return;
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, pollMs());
            ctx.signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
          });
        }
      },
    },
  ],
});
