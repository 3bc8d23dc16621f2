"use client";
import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

/** The one time a secret value is shown (a new API token, a generated signing key): copy it now. */
export function ShownOnceNotice({ title, children, value, label, testId, onDismiss }: { title: ReactNode; children: ReactNode; value: string; label: string; testId: string; onDismiss: () => void }) {
  return (
    <div className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="status" data-testid={testId}>
      <p className="font-medium text-amber-900">{title}</p>
      <p className="mt-1 text-amber-900">{children}</p>
      <div className="mt-2 flex items-center">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid={`${testId}-value`}>{value}</code>
        <CopyButton value={value} label={label} />
      </div>
      <button type="button" onClick={onDismiss} className="mt-2 text-xs text-amber-900 underline">I have copied it</button>
    </div>
  );
}
