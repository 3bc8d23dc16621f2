import Link from "next/link";
import { Suspense } from "react";
import { FleetHealthSummary } from "@/components/health/fleet-health-summary";
import { InstanceTable } from "@/components/instances/instance-table";
import { VersionAdoption } from "@/components/upgrades/version-adoption";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/next/require-page-actor";

export default async function InstancesPage() {
  const actor = await requirePageActor("fleet:read", "/instances");
  return (
    <div>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-xl font-semibold">Fleet</h1>
        {can(actor.role, "instances:create") && (
          <Link href="/instances/new" className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800">Create instance</Link>
        )}
      </div>
      <Suspense>
        <FleetHealthSummary />
        <VersionAdoption canUpgrade={can(actor.role, "instances:upgrade")} />
        <InstanceTable canSeeIps={can(actor.role, "ips:read")} />
      </Suspense>
    </div>
  );
}
