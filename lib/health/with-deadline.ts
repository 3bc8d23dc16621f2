/** Thrown when a check does not finish in time. */
export class DeadlineError extends Error {
  override readonly name = "DeadlineError";
}

/**
 * Runs `fn` with an AbortSignal that fires after `ms`, and gives up waiting at that point even
 * if the adapter ignores the signal: a stuck call must never hold up the loop.
 */
export async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineError(`no result within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([fn(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
