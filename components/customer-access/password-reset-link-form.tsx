"use client";
import { fieldErrorsOf, FieldErrors, generalErrorOf, inputClass } from "../ui/form-field";
import { SecretDialog } from "./secret-dialog";
import { useCreatePasswordResetLink } from "./use-create-password-reset-link";

/** A reset link for a named user of the customer's instance, for support to send them. */
export function PasswordResetLinkForm({ slug }: { slug: string }) {
  const create = useCreatePasswordResetLink(slug);
  const errors = fieldErrorsOf(create.error);
  const general = generalErrorOf(create.error);
  return (
    <form
      className="space-y-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        create.mutate({ username: String(form.get("username") ?? ""), reason: String(form.get("reason") ?? "") });
      }}
    >
      <h3 className="font-medium text-slate-800">Password-reset link for a user</h3>
      <div>
        <label htmlFor="reset-username" className="mb-1 block text-xs font-medium text-slate-600">Username on the instance</label>
        <input id="reset-username" name="username" required maxLength={255} className={inputClass} autoComplete="off" data-testid="reset-username" />
        <FieldErrors name="username" errors={errors} />
      </div>
      <div>
        <label htmlFor="reset-reason" className="mb-1 block text-xs font-medium text-slate-600">Reason (recorded in the audit trail)</label>
        <input id="reset-reason" name="reason" required minLength={10} maxLength={500} className={inputClass} data-testid="reset-reason" />
        <FieldErrors name="reason" errors={errors} />
      </div>
      <button type="submit" disabled={create.isPending} className="rounded bg-sky-700 px-3 py-1 text-white disabled:opacity-50" data-testid="reset-submit">Create reset link</button>
      <p className="text-xs text-slate-500">The user&apos;s current password stops working at once; the link lets them set a new one.</p>
      {general && <p className="text-red-700" role="alert">{general}</p>}
      {create.data && (
        <SecretDialog
          title={`Reset link for ${create.data.username}`}
          note="Send it to the user over a private channel. It is not stored here and will not be shown again."
          label="the reset link"
          value={create.data.resetPasswordUrl}
          testId="reset-link"
          onClose={() => create.reset()}
        />
      )}
    </form>
  );
}
