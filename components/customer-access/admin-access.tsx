"use client";
import { Section } from "../ui/section";
import { PasswordResetLinkForm } from "./password-reset-link-form";
import { RevealAdminPasswordForm } from "./reveal-admin-password-form";

/** The instance page's "Admin access" panel: what each role may do is checked again by the server. */
export function AdminAccess({ slug, canReveal, canResetLink }: { slug: string; canReveal: boolean; canResetLink: boolean }) {
  if (!canReveal && !canResetLink) return null;
  return (
    <Section title="Admin access">
      <div className="grid gap-6 md:grid-cols-2">
        {canReveal ? (
          <RevealAdminPasswordForm slug={slug} />
        ) : (
          <p className="text-sm text-slate-600">Only admins can reveal the sourcegraph-admin password.</p>
        )}
        {canResetLink && <PasswordResetLinkForm slug={slug} />}
      </div>
    </Section>
  );
}
