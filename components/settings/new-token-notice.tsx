"use client";
import { ShownOnceNotice } from "../ui/shown-once-notice";

/** The one time a token's value is shown: copy it now, it cannot be shown again. */
export function NewTokenNotice({ name, token, onDismiss }: { name: string; token: string; onDismiss: () => void }) {
  return (
    <ShownOnceNotice title={<>Copy your new token &ldquo;{name}&rdquo; now. It will not be shown again.</>} value={token} label="token" testId="new-token" onDismiss={onDismiss}>
      Anyone holding it can act as you through the API; store it like a password.
    </ShownOnceNotice>
  );
}
