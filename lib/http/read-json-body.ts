import { AppError } from "../errors/app-error";

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body no larger than `limit` bytes, whatever Content-Length claims. An empty
 * body is `{}` whatever its Content-Type (`curl -X POST …/approve` sends none); a body with
 * content must say it is JSON. (Cookie-authenticated mutations are also checked for their
 * origin by the route wrapper: this is not the CSRF defence.)
 */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit) throw new AppError("payload_too_large", `request body is larger than ${limit} bytes`);
  const type = req.headers.get("content-type") ?? "";
  if (!req.body) return {};
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("payload_too_large", `request body is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) return {};
  if (!/^application\/json\b/i.test(type)) throw new AppError("bad_request", "Content-Type must be application/json");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "request body is not valid JSON");
  }
}
