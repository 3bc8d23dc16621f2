import Link from "next/link";
import { CreateInstanceForm } from "@/components/provisioning/create-instance-form";
import { requirePageActor } from "@/lib/next/require-page-actor";
import { targetVersions } from "@/lib/releases/list-releases";

export default async function NewInstancePage() {
  await requirePageActor("instances:create", "/instances/new");
  return (
    <div>
      <h1 className="mb-1 text-xl font-semibold">Create instance</h1>
      <p className="mb-4 text-sm text-slate-600">Launches a provision job that follows the runbook step by step; you will be taken to it. Built by hand already? <Link href="/instances/import" className="text-sky-700 underline">Import it</Link>.</p>
      <CreateInstanceForm versions={await targetVersions()} />
    </div>
  );
}
