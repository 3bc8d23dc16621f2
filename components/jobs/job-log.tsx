"use client";
import Convert from "ansi-to-html";
import { useEffect, useMemo, useRef, useState } from "react";
import type { LogLine } from "@/lib/jobs/read-job-logs";
import { useLogStream } from "./use-log-stream";

/**
 * ANSI colours lightened for the dark log background: each has a contrast of at least 4.5:1
 * on #0f172a (WCAG AA for small text; ansi-to-html's defaults, e.g. #00A blue, do not).
 */
const ANSI_PALETTE = {
  0: "#94a3b8", 1: "#f87171", 2: "#4ade80", 3: "#facc15", 4: "#60a5fa", 5: "#e879f9", 6: "#22d3ee", 7: "#e2e8f0",
  8: "#94a3b8", 9: "#fca5a5", 10: "#86efac", 11: "#fde047", 12: "#93c5fd", 13: "#f0abfc", 14: "#67e8f9", 15: "#f8fafc",
};
const ansi = new Convert({ escapeXML: true, newline: false, fg: "#e2e8f0", bg: "#0f172a", colors: ANSI_PALETTE });
const STREAM_COLORS = { stdout: "text-slate-100", stderr: "text-amber-300", system: "text-sky-300" };

function Line({ l }: { l: LogLine }) {
  const hasAnsi = l.line.includes("\u001b[");
  return (
    <div className={`whitespace-pre-wrap break-all ${STREAM_COLORS[l.stream]}`} data-seq={l.seq}>
      <span className="mr-3 select-none text-slate-400">{l.at.slice(11, 19)}</span>
      {/* ansi-to-html escapes the text (escapeXML) before adding colour spans. */}
      {hasAnsi ? <span dangerouslySetInnerHTML={{ __html: ansi.toHtml(l.line) }} /> : <span>{l.line}</span>}
    </div>
  );
}

export function JobLog({ jobId }: { jobId: string }) {
  const { lines, state } = useLogStream(jobId);
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState("");
  const box = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? lines.filter((l) => l.line.toLowerCase().includes(q)) : lines;
  }, [lines, search]);

  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [shown, follow]);

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="log-state" className={state === "live" ? "text-emerald-700" : state === "ended" ? "text-slate-600" : "text-amber-700"}>
          {state === "live" ? "● live" : state === "ended" ? "job ended" : state === "reconnecting" ? "reconnecting…" : "connecting…"}
        </span>
        <span className="text-slate-500">{lines.length} lines</span>
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search the log"
          aria-label="Search the log"
          className="rounded border border-slate-300 px-2 py-1"
        />
        {search && <span className="text-slate-500">{shown.length} match{shown.length === 1 ? "" : "es"}</span>}
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <a href={`/api/jobs/${jobId}/logs?format=text`} className="text-sky-700 underline">Download raw log</a>
      </div>
      <div
        ref={box}
        onScroll={(e) => {
          const el = e.currentTarget;
          const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          if (!atBottom && follow) setFollow(false);
        }}
        className="h-[28rem] overflow-y-auto rounded bg-slate-900 p-3 font-mono text-xs leading-5"
        data-testid="job-log"
        role="log"
        aria-label="Job log"
        // Scrollable: keyboard users must be able to focus it to scroll.
        tabIndex={0}
        aria-live="off"
      >
        {shown.map((l) => <Line key={l.seq} l={l} />)}
        {lines.length === 0 && <div className="text-slate-400">No output yet.</div>}
      </div>
    </div>
  );
}
