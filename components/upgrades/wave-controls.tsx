"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { WaveView } from "@/lib/waves/get-wave";
import { waveKeys } from "./query-keys";

const CONFIRM: Record<string, string | null> = {
  pause: null,
  resume: null,
  abort: "Abort the wave? Running upgrades finish; pending instances are skipped.",
};

/** Pause / resume / abort buttons of a wave; the answer updates the live views at once. */
export function WaveControls({ id, status }: { id: string; status: string }) {
  const qc = useQueryClient();
  const act = useMutation({
    mutationFn: (action: "pause" | "resume" | "abort") => apiFetch<{ wave: WaveView }>(`/api/waves/${id}/${action}`, { method: "POST" }),
    onSuccess: ({ wave }) => {
      qc.setQueryData(waveKeys.detail(id), wave);
      void qc.invalidateQueries({ queryKey: waveKeys.all });
    },
  });
  const button = (action: "pause" | "resume" | "abort", label: string) => (
    <button
      type="button"
      onClick={() => (!CONFIRM[action] || window.confirm(CONFIRM[action])) && act.mutate(action)}
      disabled={act.isPending}
      className="rounded border px-2 py-1 disabled:opacity-50"
    >
      {label}
    </button>
  );
  return (
    <div className="flex items-center gap-2 text-sm">
      {status === "running" && button("pause", "Pause")}
      {status === "paused" && button("resume", "Resume")}
      {(status === "running" || status === "paused") && button("abort", "Abort")}
      {act.error && <span className="text-red-700" role="alert">{act.error.message}</span>}
    </div>
  );
}
