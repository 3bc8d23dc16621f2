import { SourcegraphError } from "./sourcegraph-error";

/**
 * Read → edit → write with optimistic concurrency: Sourcegraph rejects a write whose lastID
 * is stale (someone saved in between), and then we simply read again and re-apply our edit,
 * which is a pure function of the text. An edit that changes nothing writes nothing, which
 * also makes every caller idempotent.
 */
export async function editWithRetry<R>(options: {
  read(): Promise<{ id: number | null; contents: string }>;
  edit(contents: string): string;
  write(lastID: number | null, contents: string): Promise<R>;
  attempts?: number;
}): Promise<{ changed: false } | { changed: true; result: R }> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const current = await options.read();
    const next = options.edit(current.contents);
    if (next === current.contents) return { changed: false };
    try {
      return { changed: true, result: await options.write(current.id, next) };
    } catch (error) {
      if (!(error instanceof SourcegraphError) || error.kind !== "conflict" || attempt >= attempts) throw error;
    }
  }
}
