"use client";
import { ShownOnceNotice } from "../ui/shown-once-notice";

/** The one time a generated signing key is shown: the receiver needs it to verify deliveries. */
export function NewSigningSecretNotice({ name, secret, onDismiss }: { name: string; secret: string; onDismiss: () => void }) {
  return (
    <ShownOnceNotice title={<>Copy the signing key of &ldquo;{name}&rdquo; now. It will not be shown again.</>} value={secret} label="signing key" testId="new-signing-secret" onDismiss={onDismiss}>
      Give it to the receiver: it verifies the X-Managed-Instances-Signature header with it (see the README).
    </ShownOnceNotice>
  );
}
