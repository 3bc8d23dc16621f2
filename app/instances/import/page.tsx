import { ImportCandidates } from "@/components/imports/import-candidates";
import { requirePageActor } from "@/lib/next/require-page-actor";

export const dynamic = "force-dynamic";

export default async function ImportPage() {
  await requirePageActor("instances:create", "/instances/import");
  return (
    <div className="max-w-4xl">
      <h1 className="mb-1 text-xl font-semibold">Import a hand-built instance</h1>
      <p className="mb-4 text-sm text-slate-600">
        The import job reads the project (VM, disks, addresses, load balancer, certificate, running version), shows a dry run and waits for your approval before it records the instance. Nothing in GCP changes.
      </p>
      <ImportCandidates />
    </div>
  );
}
