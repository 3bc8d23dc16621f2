"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useImportCandidates } from "./use-import-candidates";
import { useStartImport } from "./use-start-import";

/** Hand-built projects under the fleet's folder that the control plane does not manage yet; importing one opens its job. */
export function ImportCandidates() {
  const router = useRouter();
  const { data, error, isLoading } = useImportCandidates();
  const start = useStartImport();
  // Per project: the managed-instances access token (1Password), sent once and kept in the secret store.
  const [tokens, setTokens] = useState<Record<string, string>>({});
  if (isLoading) return <p className="text-sm text-slate-500">Looking for projects…</p>;
  if (error) return <p className="text-sm text-red-700" role="alert">{error.message}</p>;
  if (data?.problem) return <p className="text-sm text-amber-700" role="alert">{data.problem}</p>;
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600">Under <span className="font-mono">{data?.parent}</span>:</p>
      {start.error && <p className="mb-2 text-sm text-red-700" role="alert">{start.error.message}</p>}
      {data?.candidates.length === 0 && <p className="text-sm text-slate-500">Every managed-looking project there is managed already.</p>}
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Import candidates">
        {data?.candidates.map((c) => (
          <li key={c.projectId} className="flex items-center gap-4 py-2">
            <span className="font-mono">{c.projectId}</span>
            <span className="text-slate-500">slug {c.slug}</span>
            <label className="ml-auto flex items-center gap-2 text-slate-600">
              <span>Access token</span>
              <input
                type="password"
                autoComplete="off"
                aria-label={`Access token for ${c.slug}`}
                placeholder="sgp_… (managed-instances, from 1Password)"
                value={tokens[c.projectId] ?? ""}
                onChange={(e) => setTokens((t) => ({ ...t, [c.projectId]: e.target.value }))}
                className="w-72 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
              />
            </label>
            <button
              type="button"
              disabled={start.isPending}
              onClick={() => start.mutate({ projectId: c.projectId, sourcegraphToken: tokens[c.projectId]?.trim() || undefined }, { onSuccess: ({ job }) => router.push(`/jobs/${job.id}`) })}
              className="rounded bg-sky-700 px-3 py-1 text-white disabled:opacity-50"
            >
              Import {c.slug}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
