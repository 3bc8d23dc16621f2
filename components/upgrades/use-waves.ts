"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import type { WaveSummaryView, WaveView } from "@/lib/waves/get-wave";
import { waveKeys } from "./query-keys";

/** How often the manager views refresh a wave's progress. */
const LIVE_MS = 2_000;

/** Every wave with its counts, refreshed while the page is open (server-rendered first). */
export function useWaves(initial: WaveSummaryView[]) {
  return useQuery({
    queryKey: waveKeys.list(),
    queryFn: async () => (await apiFetch<{ waves: WaveSummaryView[] }>("/api/waves")).waves,
    initialData: initial,
    refetchInterval: LIVE_MS,
  });
}

/** One wave, refreshed until it has ended. */
export function useWave(initial: WaveView) {
  return useQuery({
    queryKey: waveKeys.detail(initial.id),
    queryFn: async () => (await apiFetch<{ wave: WaveView }>(`/api/waves/${initial.id}`)).wave,
    initialData: initial,
    refetchInterval: (q) => (q.state.data && ENDED.includes(q.state.data.status) ? false : LIVE_MS),
  });
}

const ENDED = ["completed", "aborted"];
