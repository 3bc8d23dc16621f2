"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { ApprovalPolicy } from "@/lib/upgrades/upgrade-params";
import { ApprovalPolicyChoice, approvalsSummary } from "./approval-policy-choice";
import { Field, FieldErrors, fieldErrorsOf, generalErrorOf, inputClass } from "../ui/form-field";
import { InstancePicker } from "./instance-picker";
import { useStartWave, useWavePreview, type StartWaveBody } from "./use-start-wave";
import { WavePreviewPanel } from "./wave-preview";

/**
 * Starting an upgrade wave: the target, which instances (every active one behind it,
 * optionally only those on one version, or picked by hand), batch size, strategy, which
 * approvals a person gives, and an optional maintenance window. A live preview shows what
 * the wave would upgrade.
 */
export function StartWaveForm({ releases, fleetVersions, initialFromVersion = "" }: { releases: { version: string; inPlace: boolean }[]; fleetVersions: string[]; initialFromVersion?: string }) {
  const router = useRouter();
  const start = useStartWave();
  const [targetVersion, setTargetVersion] = useState(releases[releases.length - 1].version);
  const [mode, setMode] = useState<"filter" | "pick">("filter");
  const [fromVersion, setFromVersion] = useState(initialFromVersion);
  const [picked, setPicked] = useState<string[]>([]);
  const [batchSize, setBatchSize] = useState("5");
  const [strategy, setStrategy] = useState<"red-black" | "in-place">("red-black");
  const [approvalPolicy, setApprovalPolicy] = useState<ApprovalPolicy | null>(null);
  const [windowOn, setWindowOn] = useState(false);
  const [hours, setHours] = useState({ start: "22:00", end: "04:00" });

  const release = releases.find((r) => r.version === targetVersion);
  const effectiveStrategy = release?.inPlace ? strategy : "red-black";
  const size = batchSize.trim() === "" ? NaN : Number(batchSize);
  const body: StartWaveBody = {
    targetVersion,
    instances: mode === "pick" ? picked : fromVersion ? { version: fromVersion } : {},
    // An unparseable size goes to the server as null so its message appears beside the field.
    batchSize: Number.isFinite(size) ? size : (null as unknown as number),
    strategy: effectiveStrategy,
    // Not chosen goes to the server as null, so "choose one" appears beside the choice.
    ...(effectiveStrategy === "red-black" ? { approvalPolicy } : {}),
    ...(windowOn ? { window: hours } : {}),
  };
  // What the wave upgrades does not depend on its approvals: the preview is not asked again for them.
  const preview = useWavePreview({ ...body, approvalPolicy: undefined }, (mode === "filter" || picked.length > 0) && Number.isInteger(size) && size >= 1);
  const errors = fieldErrorsOf(start.error);
  const generalError = generalErrorOf(start.error);
  const olderVersions = fleetVersions.filter((v) => v !== targetVersion);

  function submit(e: FormEvent) {
    e.preventDefault();
    start.mutate(body, { onSuccess: ({ wave }) => router.push(`/upgrades/${wave.id}`) });
  }

  return (
    <form onSubmit={submit} noValidate className="grid max-w-4xl gap-6 md:grid-cols-2" aria-label="Start a wave">
      <div className="space-y-4">
        <Field name="targetVersion" label="Target version" errors={errors}>
          <select id="targetVersion" value={targetVersion} onChange={(e) => setTargetVersion(e.target.value)} className={`${inputClass} bg-white`}>
            {[...releases].reverse().map((r) => (
              <option key={r.version} value={r.version}>{r.version}{r.inPlace ? " (no database change)" : ""}</option>
            ))}
          </select>
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-xs font-medium text-slate-600">Instances</legend>
          <label className="mr-4 inline-flex items-center gap-1 text-sm">
            <input type="radio" name="mode" checked={mode === "filter"} onChange={() => setMode("filter")} /> Every active instance behind the target
          </label>
          <label className="inline-flex items-center gap-1 text-sm">
            <input type="radio" name="mode" checked={mode === "pick"} onChange={() => setMode("pick")} /> Pick instances
          </label>
          {mode === "filter" ? (
            <div>
              <label htmlFor="fromVersion" className="mb-1 block text-xs text-slate-600">Only instances now on</label>
              <select id="fromVersion" value={fromVersion} onChange={(e) => setFromVersion(e.target.value)} className={`${inputClass} bg-white`}>
                <option value="">any older version</option>
                {olderVersions.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </div>
          ) : (
            <InstancePicker targetVersion={targetVersion} picked={picked} onChange={setPicked} />
          )}
          <FieldErrors name="instances" errors={errors} />
        </fieldset>
        <Field name="batchSize" label="Batch size" errors={errors} hint="Instances upgraded at the same time; the handbook's rule of thumb is 5.">
          <input id="batchSize" inputMode="numeric" value={batchSize} onChange={(e) => setBatchSize(e.target.value)} className={inputClass} />
        </Field>
        <fieldset>
          <legend className="text-xs font-medium text-slate-600">Strategy</legend>
          <label className="mr-4 inline-flex items-center gap-1 text-sm">
            <input type="radio" name="strategy" value="red-black" checked={effectiveStrategy === "red-black"} onChange={() => setStrategy("red-black")} /> red/black
          </label>
          <label className={`inline-flex items-center gap-1 text-sm ${release?.inPlace ? "" : "text-slate-400"}`}>
            <input type="radio" name="strategy" value="in-place" disabled={!release?.inPlace} checked={effectiveStrategy === "in-place"} onChange={() => setStrategy("in-place")} /> in place
          </label>
          <p className="mt-0.5 text-xs text-slate-500">
            {effectiveStrategy === "red-black"
              ? "Each instance gets a new deployment from a snapshot; users see about 1m35s of errors when the load balancer switches. Before the switch and before the old deployment is destroyed, each upgrade waits for a person unless its approval policy gives that step."
              : "Read-only, snapshot, new version, restart; no approvals. Only when no release between an instance's version and the target changes the database (the preview says which instances that rules out)."}
          </p>
          <FieldErrors name="strategy" errors={errors} />
        </fieldset>
        <ApprovalPolicyChoice value={approvalPolicy} onChange={setApprovalPolicy} inPlace={effectiveStrategy === "in-place"} errors={errors} />
        <fieldset>
          <label className="inline-flex items-center gap-1 text-sm">
            <input type="checkbox" checked={windowOn} onChange={(e) => setWindowOn(e.target.checked)} /> Only start batches inside a maintenance window (UTC)
          </label>
          {windowOn && (
            <div className="mt-1 flex items-center gap-2 text-sm">
              <input aria-label="Window start" type="time" value={hours.start} onChange={(e) => setHours({ ...hours, start: e.target.value })} className="rounded border border-slate-300 px-2 py-1" />
              to
              <input aria-label="Window end" type="time" value={hours.end} onChange={(e) => setHours({ ...hours, end: e.target.value })} className="rounded border border-slate-300 px-2 py-1" />
            </div>
          )}
          <FieldErrors name="window" errors={errors} />
        </fieldset>
      </div>
      <div className="space-y-4">
        <section className="rounded border border-slate-200 bg-white p-3">
          <h2 className="mb-1 text-sm font-semibold">This wave</h2>
          <WavePreviewPanel preview={preview.data} error={preview.error} loading={preview.isFetching} approvals={approvalsSummary(effectiveStrategy, approvalPolicy)} />
        </section>
        <div className="flex items-center gap-3">
          <button type="submit" disabled={start.isPending} className="rounded bg-sky-700 px-4 py-1.5 text-sm text-white disabled:opacity-50">
            {start.isPending ? "Starting…" : "Start wave"}
          </button>
          {generalError && <span className="text-sm text-red-700" role="alert">{generalError}</span>}
        </div>
      </div>
    </form>
  );
}
