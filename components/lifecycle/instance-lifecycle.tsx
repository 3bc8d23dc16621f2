"use client";
import type { InstanceView } from "@/lib/instances/instance-view";
import { Section } from "../ui/section";
import { InstanceBackupPolicyForm } from "../backups/instance-backup-policy-form";
import { ChangeAccessForm } from "./change-access-form";
import { DeleteInstanceForm } from "./delete-instance-form";
import { ResizeForm } from "./resize-form";
import { SnapshotList } from "./snapshot-list";
import { useStartLifecycleJob } from "./use-start-lifecycle-job";

/** The instance page's lifecycle operations (README "Lifecycle"); the server checks every one again. */
export function InstanceLifecycle({ instance: i, canChange, canSnapshot, canSeeSnapshots }: { instance: InstanceView; canChange: boolean; canSnapshot: boolean; canSeeSnapshots: boolean }) {
  const start = useStartLifecycleJob(i.slug);
  if (i.status === "deleted" || i.status === "provisioning") return null;
  const live = i.status === "active" || i.status === "suspended";
  return (
    <>
      {canChange && live && (
        <Section title="Lifecycle">
          <div className="space-y-3">
            <div className="flex items-center gap-2 text-sm">
              {i.status === "active" && <button type="button" className="rounded border px-3 py-1" onClick={() => start.mutate({ kind: "suspend" })}>Suspend (stop the VM, keep the data)</button>}
              {i.status === "suspended" && <button type="button" className="rounded border px-3 py-1" onClick={() => start.mutate({ kind: "resume" })}>Resume</button>}
              {start.error && <span className="text-red-700" role="alert">{start.error.message}</span>}
            </div>
            <ResizeForm slug={i.slug} machineType={i.machineType} dataDiskSizeGb={i.dataDiskSizeGb} />
            <ChangeAccessForm slug={i.slug} accessMode={i.accessMode} allowlistCidrs={i.allowlistCidrs} />
            <details>
              <summary className="cursor-pointer text-sm text-red-800">Delete this instance…</summary>
              <DeleteInstanceForm slug={i.slug} />
            </details>
          </div>
        </Section>
      )}
      {canSeeSnapshots && (
        <Section
          title="Snapshots"
          actions={canSnapshot && live ? <button type="button" className="rounded border px-2 py-0.5 text-xs" onClick={() => start.mutate({ kind: "snapshot" })}>Take a snapshot</button> : undefined}
        >
          <div className="space-y-3">
            <SnapshotList slug={i.slug} onRestore={canChange && i.status === "active" ? (snapshot) => start.mutate({ kind: "restore", snapshot }) : undefined} />
            <InstanceBackupPolicyForm slug={i.slug} canEdit={canChange} />
          </div>
        </Section>
      )}
    </>
  );
}
