"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { LogLine } from "@/lib/jobs/read-job-logs";
import { jobKeys } from "./query-keys";

export type StreamState = "connecting" | "live" | "reconnecting" | "ended";

/**
 * Follows a job's log over SSE. The browser's EventSource resends Last-Event-ID on its
 * own reconnects; if the stream is closed for good (e.g. the server restarted), we open a
 * new one with ?after=<last seq seen>, so no line is lost or shown twice.
 */
export function useLogStream(jobId: string) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [state, setState] = useState<StreamState>("connecting");
  const lastSeq = useRef(0);
  const qc = useQueryClient();

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let pending: LogLine[] = [];
    let frame: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const flush = () => {
      frame = null;
      const batch = pending;
      pending = [];
      if (batch.length) setLines((prev) => prev.concat(batch));
    };
    const open = () => {
      source = new EventSource(`/api/jobs/${jobId}/logs?after=${lastSeq.current}`);
      source.onopen = () => setState("live");
      source.addEventListener("log", (e) => {
        const line = JSON.parse((e as MessageEvent).data) as LogLine;
        if (line.seq <= lastSeq.current) return;
        lastSeq.current = line.seq;
        pending.push(line);
        frame ??= setTimeout(flush, 50);
      });
      source.addEventListener("end", () => {
        stopped = true;
        source?.close();
        flush();
        setState("ended");
        void qc.invalidateQueries({ queryKey: jobKeys.detail(jobId) });
        void qc.invalidateQueries({ queryKey: jobKeys.all });
      });
      source.onerror = () => {
        if (stopped) return;
        setState("reconnecting");
        if (source?.readyState === EventSource.CLOSED) {
          retry = setTimeout(open, 1_000);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      if (retry) clearTimeout(retry);
      if (frame) clearTimeout(frame);
    };
  }, [jobId, qc]);

  return { lines, state };
}
