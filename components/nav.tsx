import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { SignOutButton } from "./sign-out-button";

export function Nav({ actor }: { actor: Actor | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3 text-sm">
        <Link href="/instances" className="font-semibold text-slate-900">
          Managed Instances
        </Link>
        {actor && (
          <>
            <Link href="/instances" className="text-slate-600 hover:text-slate-900">Fleet</Link>
            <Link href="/jobs" className="text-slate-600 hover:text-slate-900">Jobs</Link>
            <Link href="/upgrades" className="text-slate-600 hover:text-slate-900">Upgrades</Link>
            <Link href="/releases" className="text-slate-600 hover:text-slate-900">Releases</Link>
            {can(actor.role, "audit:read") && <Link href="/audit" className="text-slate-600 hover:text-slate-900">Audit</Link>}
            <Link href="/settings/backups" className="text-slate-600 hover:text-slate-900">Backups</Link>
            <Link href="/settings/tokens" className="text-slate-600 hover:text-slate-900">API tokens</Link>
            {can(actor.role, "users:manage") && <Link href="/admin/users" className="text-slate-600 hover:text-slate-900">Users</Link>}
            {can(actor.role, "notifications:manage") && <Link href="/settings/notifications" className="text-slate-600 hover:text-slate-900">Notifications</Link>}
            <span className="ml-auto text-slate-500" data-testid="current-user">
              {actor.email} · <span className="font-medium">{actor.role}</span>
            </span>
            <SignOutButton />
          </>
        )}
      </nav>
    </header>
  );
}
