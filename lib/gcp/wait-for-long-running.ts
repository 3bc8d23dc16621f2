import { GcpError } from "./errors";
import { callApi, type ApiTarget } from "./call-api";

/** The part of google-gax's LROperation this needs (Resource Manager, Service Usage). */
interface LongRunning<T> {
  promise(): Promise<[T, ...unknown[]]>;
  removeAllListeners(): unknown;
}

/**
 * Waits for a google.longrunning Operation: `promise()` polls the API's operations endpoint
 * with backoff until it is done and rejects with the operation's error. These are not
 * compute Operations (wait-for-operation.ts), which are polled with zone/globalOperations.wait.
 * Polling stops when `maxWaitMs` passes, so a stuck operation fails the step instead of hanging it.
 */
export async function waitForLongRunning<T>(target: ApiTarget, resource: string, op: LongRunning<T>, what: string, maxWaitMs = 10 * 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      op.removeAllListeners(); // gax polls only while someone listens
      reject(new GcpError("timeout", resource, `GCP ${what} of ${resource} did not finish in ${Math.round(maxWaitMs / 1000)}s`));
    }, maxWaitMs);
  });
  try {
    const [result] = await Promise.race([callApi(target, resource, () => op.promise()), timeout]);
    return result;
  } finally {
    clearTimeout(timer);
  }
}
