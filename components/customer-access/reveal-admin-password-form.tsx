"use client";
import { fieldErrorsOf, FieldErrors, generalErrorOf, inputClass } from "../ui/form-field";
import { SecretDialog } from "./secret-dialog";
import { useRevealAdminPassword } from "./use-reveal-admin-password";

/** Admins: the sourcegraph-admin password, for a reason that goes into the audit trail. */
export function RevealAdminPasswordForm({ slug }: { slug: string }) {
  const reveal = useRevealAdminPassword(slug);
  const errors = fieldErrorsOf(reveal.error);
  const general = generalErrorOf(reveal.error);
  return (
    <form
      className="space-y-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        reveal.mutate(String(new FormData(e.currentTarget).get("reason") ?? ""));
      }}
    >
      <h3 className="font-medium text-slate-800">Reveal the sourcegraph-admin password</h3>
      <div>
        <label htmlFor="reveal-reason" className="mb-1 block text-xs font-medium text-slate-600">Reason (recorded in the audit trail)</label>
        <input id="reveal-reason" name="reason" required minLength={10} maxLength={500} className={inputClass} placeholder="e.g. ticket 4711: the customer's admin is locked out" data-testid="reveal-reason" />
        <FieldErrors name="reason" errors={errors} />
      </div>
      <button type="submit" disabled={reveal.isPending} className="rounded bg-amber-700 px-3 py-1 text-white disabled:opacity-50" data-testid="reveal-submit">Reveal once</button>
      {general && <p className="text-red-700" role="alert">{general}</p>}
      {reveal.data && (
        <SecretDialog
          title={`${reveal.data.username} on ${slug}`}
          note="Shown this once: copy it now. Closing this dialog forgets it; revealing it again is audited again."
          label="the password"
          value={reveal.data.password}
          testId="admin-password"
          onClose={() => reveal.reset()}
        />
      )}
    </form>
  );
}
