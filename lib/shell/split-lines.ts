import { StringDecoder } from "node:string_decoder";

/**
 * Turns a byte stream into whole lines.
 *
 * Pipes deliver arbitrary chunks: a line can arrive in pieces, several lines can arrive in one
 * chunk, and a multi-byte UTF-8 character can be cut in half at a chunk boundary. The
 * StringDecoder keeps that half character until its other half arrives, and the pending
 * buffer keeps the unterminated tail of a line until its newline (or `flush()` at exit).
 * Windows-style CRLF endings lose their CR so the log never shows a stray `\r`.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private pending = "";

  /** Feeds a chunk; returns the lines it completed (without their line endings). */
  push(chunk: Buffer | string): string[] {
    const text = this.pending + (typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    const parts = text.split("\n");
    // The last part has no newline yet: keep it until more data or flush().
    this.pending = parts.pop() ?? "";
    return parts.map(stripCarriageReturn);
  }

  /** Returns the final unterminated line, if any (a process may exit without a last newline). */
  flush(): string[] {
    // decoder.end() yields U+FFFD for a character cut off by the exit, never a newline.
    const rest = this.pending + this.decoder.end();
    this.pending = "";
    const line = stripCarriageReturn(rest);
    return line === "" ? [] : [line];
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
