/** Says the view is live, and when a refresh failed (the last figures stay on screen). */
export function LiveNote({ error, updatedAt }: { error: Error | null; updatedAt: number }) {
  return (
    <p className="text-xs text-slate-500" data-testid="live-note">
      {error ? <span className="text-amber-700" role="status">Could not refresh ({error.message}); showing figures from {new Date(updatedAt).toLocaleTimeString()}.</span> : "Updates every 2 seconds."}
    </p>
  );
}
