"use client";
import { useState } from "react";
import { useStartLifecycleJob } from "./use-start-lifecycle-job";

/** Delete: the slug typed back enables the button; the job still waits for an approval. */
export function DeleteInstanceForm({ slug }: { slug: string }) {
  const [typed, setTyped] = useState("");
  const start = useStartLifecycleJob(slug);
  return (
    <form className="space-y-2 text-sm" onSubmit={(e) => { e.preventDefault(); start.mutate({ kind: "delete", confirm: typed }); }}>
      <p className="text-slate-600">
        A final snapshot is kept; the VM, disks, load balancer, DNS record, secrets and deploy key are deleted, and the GCP project is
        scheduled for deletion (GCP keeps it 30 days, then purges it with everything in it).
      </p>
      <label className="block">Type <span className="font-mono">{slug}</span> to confirm{" "}
        <input value={typed} onChange={(e) => setTyped(e.target.value)} className="rounded border px-2 py-1 font-mono" data-testid="delete-confirm" autoComplete="off" />
      </label>
      <button type="submit" disabled={typed !== slug || start.isPending} className="rounded bg-red-700 px-3 py-1 text-white disabled:opacity-50">Delete instance</button>
      {start.error && <span className="ml-2 text-red-700" role="alert">{start.error.message}</span>}
    </form>
  );
}
