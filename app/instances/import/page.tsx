import { ImportCandidates } from "@/components/imports/import-candidates";
import { requirePageActor } from "@/lib/next/require-page-actor";

export const dynamic = "force-dynamic";

export default async function ImportPage() {
  await requirePageActor("instances:create", "/instances/import");
  return (
    <div className="max-w-4xl">
      <h1 className="mb-1 text-xl font-semibold">Import a hand-built instance</h1>
      <p className="mb-4 text-sm text-slate-600">
        The import job reads the project (VM, disks, addresses, load balancer, certificate, running version), shows a dry run and waits for your approval. Then it records the instance and adopts its
        Terraform state: a deploy key and the state bucket (imported if it exists). Nothing users reach changes; the first red/black upgrade builds the instance&apos;s first colour beside its VM
        and adopts the front end. Give the instance&apos;s <span className="font-mono">managed-instances</span> access token so upgrades can put up the maintenance notice.
      </p>
      <ImportCandidates />
    </div>
  );
}
