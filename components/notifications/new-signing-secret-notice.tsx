"use client";
import { CopyButton } from "../ui/copy-button";

/** The one time a generated signing key is shown: the receiver needs it to verify deliveries. */
export function NewSigningSecretNotice({ name, secret, onDismiss }: { name: string; secret: string; onDismiss: () => void }) {
  return (
    <div className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="status" data-testid="new-signing-secret">
      <p className="font-medium text-amber-900">Copy the signing key of &ldquo;{name}&rdquo; now. It will not be shown again.</p>
      <p className="mt-1 text-amber-900">Give it to the receiver: it verifies the X-Managed-Instances-Signature header with it (see the README).</p>
      <div className="mt-2 flex items-center">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-signing-secret-value">{secret}</code>
        <CopyButton value={secret} label="signing key" />
      </div>
      <button type="button" onClick={onDismiss} className="mt-2 text-xs text-amber-900 underline">I have copied it</button>
    </div>
  );
}
