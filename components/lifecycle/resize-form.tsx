"use client";
import { useState } from "react";
import { MACHINE_TYPES } from "@/lib/provisioning/options";
import { useStartLifecycleJob } from "./use-start-lifecycle-job";

/** Resize: a new machine type (downtime: the VM is stopped) and/or a bigger data disk (online; disks only grow). */
export function ResizeForm({ slug, machineType, dataDiskSizeGb }: { slug: string; machineType: string; dataDiskSizeGb: number }) {
  const [type, setType] = useState(machineType);
  const [disk, setDisk] = useState(String(dataDiskSizeGb));
  const start = useStartLifecycleJob(slug);
  const body = { kind: "resize", ...(type !== machineType ? { machineType: type } : {}), ...(Number(disk) !== dataDiskSizeGb ? { dataDiskSizeGb: Number(disk) } : {}) };
  return (
    <form className="flex flex-wrap items-center gap-2 text-sm" onSubmit={(e) => { e.preventDefault(); start.mutate(body); }}>
      <label>Machine type <select value={type} onChange={(e) => setType(e.target.value)} className="rounded border px-2 py-1" data-testid="resize-machine-type">
        {MACHINE_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
      </select></label>
      <label>Data disk (GB) <input type="number" value={disk} min={dataDiskSizeGb} onChange={(e) => setDisk(e.target.value)} className="w-24 rounded border px-2 py-1" data-testid="resize-disk" /></label>
      <button type="submit" disabled={start.isPending} className="rounded bg-sky-700 px-3 py-1 text-white disabled:opacity-50">Resize</button>
      {type !== machineType && <span className="text-amber-700">the VM is stopped for a few minutes</span>}
      {start.error && <span className="text-red-700" role="alert">{start.error.message}</span>}
    </form>
  );
}
