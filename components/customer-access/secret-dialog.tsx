"use client";
import { useEffect, useRef } from "react";
import { CopyButton } from "../ui/copy-button";

/** A modal that shows one secret once; closing it forgets the value (the caller resets its mutation). */
export function SecretDialog({ title, note, label, value, testId, onClose }: { title: string; note: string; label: string; value: string; testId: string; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby={`${testId}-title`} className="w-full max-w-lg rounded bg-white p-4 shadow-lg" data-testid={testId}>
        <h2 id={`${testId}-title`} className="text-base font-semibold text-slate-900">{title}</h2>
        <p className="mt-1 text-sm text-slate-700">{note}</p>
        <div className="mt-3 flex items-center">
          <code className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-900" data-testid={`${testId}-value`}>{value}</code>
          <CopyButton value={value} label={label} />
        </div>
        <button ref={close} type="button" onClick={onClose} className="mt-4 rounded bg-slate-800 px-3 py-1 text-sm text-white">Done: forget it</button>
      </div>
    </div>
  );
}
