"use client";
import { CopyButton } from "../ui/copy-button";

/** The one time a token's value is shown: copy it now, it cannot be shown again. */
export function NewTokenNotice({ name, token, onDismiss }: { name: string; token: string; onDismiss: () => void }) {
  return (
    <div className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="status" data-testid="new-token">
      <p className="font-medium text-amber-900">Copy your new token &ldquo;{name}&rdquo; now. It will not be shown again.</p>
      <p className="mt-1 text-amber-900">Anyone holding it can act as you through the API; store it like a password.</p>
      <div className="mt-2 flex items-center">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-token-value">{token}</code>
        <CopyButton value={token} label="token" />
      </div>
      <button type="button" onClick={onDismiss} className="mt-2 text-xs text-amber-900 underline">I have copied it</button>
    </div>
  );
}
