import type { WavePreview } from "@/lib/waves/preview-wave";

/** "12 instances in 3 batches", where they come from, the first batches, and which approvals a person gives. */
export function WavePreviewPanel({ preview, error, loading, approvals }: { preview: WavePreview | undefined; error: Error | null; loading: boolean; approvals: string }) {
  if (error) return <p className="text-sm text-red-700" role="alert" data-testid="wave-preview-error">{error.message}</p>;
  if (!preview) return <p className="text-sm text-slate-500">{loading ? "Working out which instances…" : "Choose instances to see the wave."}</p>;
  const batches = new Map<number, string[]>();
  for (const i of preview.instances) batches.set(i.batch, [...(batches.get(i.batch) ?? []), i.slug]);
  const shown = [...batches].slice(0, 4);
  return (
    <div className="space-y-1 text-sm" data-testid="wave-preview">
      <p className="font-medium">
        {preview.total} instance{preview.total === 1 ? "" : "s"} in {preview.batches} batch{preview.batches === 1 ? "" : "es"}
      </p>
      <p className="text-xs text-slate-600" data-testid="wave-preview-approvals">Approvals: {approvals}</p>
      <p className="text-xs text-slate-600">From {preview.fromVersions.map((v) => `${v.version} (${v.count})`).join(", ")}</p>
      <ol className="text-xs text-slate-600">
        {shown.map(([batch, slugs]) => (
          <li key={batch}>Batch {batch + 1}: <span className="font-mono">{slugs.join(", ")}</span></li>
        ))}
        {preview.batches > shown.length && <li>… and {preview.batches - shown.length} more batches</li>}
      </ol>
    </div>
  );
}
