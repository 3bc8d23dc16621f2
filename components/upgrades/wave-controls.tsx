"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "../api-client";

/** Pause / resume / abort buttons of a wave. */
export function WaveControls({ id, status }: { id: string; status: string }) {
  const router = useRouter();
  const act = useMutation({
    mutationFn: (action: "pause" | "resume" | "abort") => apiFetch(`/api/waves/${id}/${action}`, { method: "POST" }),
    onSuccess: () => router.refresh(),
  });
  const button = (action: "pause" | "resume" | "abort", label: string) => (
    <button type="button" onClick={() => act.mutate(action)} disabled={act.isPending} className="rounded border px-2 py-1 disabled:opacity-50">{label}</button>
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
