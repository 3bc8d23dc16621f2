/**
 * A fixed-window counter per key, in this process's memory. Enough to blunt brute force on
 * sign-in and token use; with several web processes each one counts on its own.
 */
const windows = new Map<string, { start: number; count: number }>();

export function rateLimit(key: string, limit: number, windowMs: number): boolean {
  const now = Date.now();
  const w = windows.get(key);
  if (!w || now - w.start >= windowMs) {
    windows.set(key, { start: now, count: 1 });
    if (windows.size > 50_000) prune(now, windowMs);
    return true;
  }
  w.count++;
  return w.count <= limit;
}

function prune(now: number, windowMs: number) {
  for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
}
