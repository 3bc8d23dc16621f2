/** Plain REST calls to a running emulator, for tests that check what GCP's API itself answers. */

// Tests read replies as loosely as JSON is, like the other *.test.ts files do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export interface RestReply {
  status: number;
  body: Json;
}

export function restClient(baseUrl: string) {
  const call = async (method: string, pathname: string, body?: unknown): Promise<RestReply> => {
    const res = await fetch(`${baseUrl}${pathname}`, {
      method,
      headers: { authorization: "Bearer test", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  return {
    call,
    /** GET that must succeed. */
    async get(pathname: string): Promise<Json> {
      const reply = await call("GET", pathname);
      if (reply.status !== 200) throw new Error(`GET ${pathname}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
  };
}

/** `[status, reason]` of a reply, the pair GCP's clients branch on. */
export const outcome = (r: RestReply) => [r.status, r.status === 200 ? "ok" : r.body.error?.errors?.[0]?.reason];
