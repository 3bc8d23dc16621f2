import type http from "node:http";

/**
 * A response the server writes as given. Most emulated APIs answer JSON with 200, which
 * `serve()` does for any plain value; Cloud Storage and the OAuth token endpoint also need raw
 * bytes, their own headers (x-goog-hash, Location, Range) and statuses like 204 and 308.
 */
export class RawReply {
  constructor(
    readonly status: number,
    readonly body: Buffer = Buffer.alloc(0),
    readonly headers: Record<string, string> = {},
  ) {}

  static json(status: number, value: unknown, headers: Record<string, string> = {}): RawReply {
    return new RawReply(status, Buffer.from(JSON.stringify(value)), { "content-type": "application/json; charset=UTF-8", ...headers });
  }

  static empty(status: number, headers: Record<string, string> = {}): RawReply {
    return new RawReply(status, Buffer.alloc(0), headers);
  }

  write(res: http.ServerResponse): void {
    res.writeHead(this.status, { ...this.headers, "content-length": this.body.length });
    res.end(this.body);
  }
}

/** Reads a whole request body as bytes, refusing more than `limit`. */
export async function readBytes(req: http.IncomingMessage, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
