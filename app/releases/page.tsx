import { AddReleaseForm } from "@/components/releases/add-release-form";
import { ReleaseTable } from "@/components/releases/release-table";
import { SyncReleasesButton } from "@/components/releases/sync-releases-button";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/next/require-page-actor";

export default async function ReleasesPage() {
  const actor = await requirePageActor("fleet:read", "/releases");
  const canManage = can(actor.role, "releases:manage");
  return (
    <div className="max-w-6xl">
      <h1 className="mb-1 text-xl font-semibold">Sourcegraph releases</h1>
      <p className="mb-4 text-sm text-slate-600">
        What upgrades and waves may target. In place is allowed only when no release on the way changes the database. A retired release is no longer offered; one an instance runs cannot be retired.
      </p>
      {canManage && <SyncReleasesButton />}
      {canManage && <AddReleaseForm />}
      <ReleaseTable canManage={canManage} />
    </div>
  );
}
