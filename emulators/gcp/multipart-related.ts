/**
 * A `multipart/related` body as Google's upload protocol sends it (RFC 2387): part one is the
 * object's JSON metadata, part two its bytes. Parsed on Buffers, because the media part is
 * binary and must come out byte for byte.
 */
export interface RelatedPart {
  headers: Record<string, string>;
  body: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
  if (!/^multipart\/related\s*;/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** The parts between `--boundary` delimiters; undefined when the body is not well-formed. */
export function parseMultipartRelated(body: Buffer, boundary: string): RelatedPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: RelatedPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (;;) {
    at += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body.subarray(at, at + 2).toString() === "--") return parts;
    at = skipLineBreak(body, at);
    const next = body.indexOf(delimiter, at);
    if (next < 0) return undefined;
    // The line break before the next delimiter belongs to the delimiter, not to the content.
    let end = next;
    if (body[end - 1] === 0x0a) end -= body[end - 2] === 0x0d ? 2 : 1;
    const part = splitHeaders(body.subarray(at, Math.max(end, at)));
    if (!part) return undefined;
    parts.push(part);
    at = next;
  }
}

function skipLineBreak(body: Buffer, at: number): number {
  if (body[at] === 0x0d && body[at + 1] === 0x0a) return at + 2;
  if (body[at] === 0x0a) return at + 1;
  return at;
}

function splitHeaders(part: Buffer): RelatedPart | undefined {
  let split = part.indexOf("\r\n\r\n");
  let gap = 4;
  if (split < 0) {
    split = part.indexOf("\n\n");
    gap = 2;
  }
  // A part may have no headers at all: then it starts with the blank line.
  if (split < 0) return part.length === 0 ? { headers: {}, body: part } : undefined;
  const headers: Record<string, string> = {};
  for (const line of part.subarray(0, split).toString("latin1").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: part.subarray(split + gap) };
}
