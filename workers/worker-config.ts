/**
 * The worker's configuration, parsed before anything else is loaded (workers/main.ts imports
 * this first): a malformed value, or (outside demo mode) a missing provisioning setting,
 * stops the worker here with every problem named, not a job an hour later.
 */
import { ConfigError, loadConfigAtStart, type Config } from "../lib/config/load-config";
import { workerStartupProblems } from "../lib/startup/worker-startup-problems";

function load(): Config {
  try {
    return loadConfigAtStart(workerStartupProblems);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`[worker] ${e.message}`);
    process.exit(1);
  }
}

export const settings = load();
