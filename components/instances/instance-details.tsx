import type { InstanceView } from "@/lib/instances/instance-view";
import { Badge } from "../ui/badges";
import { CopyButton } from "../ui/copy-button";
import { Field, Section } from "../ui/section";

function when(iso: string | null) {
  return iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "never";
}

export function InstanceDetails({ i, canSeeIps }: { i: InstanceView; canSeeIps: boolean }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Section title="Network">
        <dl>
          <Field label="URL" testId="external-url">
            <a href={i.externalUrl} className="text-sky-800 underline" target="_blank" rel="noreferrer">{i.externalUrl}</a>
            <CopyButton value={i.externalUrl} label="URL" />
          </Field>
          {canSeeIps ? (
            <>
              <Field label="Global LB IP" testId="global-ip">
                {i.globalIp ? <><span className="font-mono">{i.globalIp}</span><CopyButton value={i.globalIp} label="global IP" /></> : "not yet assigned"}
              </Field>
              {[0, 1].map((n) => (
                <Field key={n} label={`NAT egress IP ${n + 1}`} testId={`nat-ip-${n}`}>
                  {i.natIps[n] ? <><span className="font-mono">{i.natIps[n]}</span><CopyButton value={i.natIps[n]} label={`NAT IP ${n + 1}`} /></> : "not yet assigned"}
                </Field>
              ))}
            </>
          ) : (
            <Field label="IPs">Your role cannot see IP addresses.</Field>
          )}
          <Field label="Access">
            {i.accessMode === "public_sso" ? "Public, protected by the customer's SSO" : "IP allowlist"}
            {i.accessMode === "ip_allowlist" && canSeeIps && (
              <ul className="mt-1 font-mono text-xs">{i.allowlistCidrs.map((c) => <li key={c}>{c}</li>)}</ul>
            )}
          </Field>
        </dl>
      </Section>
      <Section title="Deployment">
        <dl>
          <Field label="Status"><Badge value={i.status} /></Field>
          <Field label="Version"><span className="font-mono">{i.version}</span></Field>
          <Field label="Update check">
            <span data-testid="update-check">
              {!i.updateCheck
                ? "not read yet (Refresh reads it)"
                : i.updateCheck.errorMessage
                  ? `failed: ${i.updateCheck.errorMessage}`
                  : i.updateCheck.updateVersionAvailable
                    ? `${i.updateCheck.updateVersionAvailable} available`
                    : "up to date"}
              {i.updateCheck && <span className="text-slate-500"> · the instance checked {when(i.updateCheck.checkedAt)}, read {when(i.updateCheck.readAt)}</span>}
            </span>
          </Field>
          <Field label="GCP project">
            <span className="font-mono">{i.gcpProjectId}</span>
            <CopyButton value={i.gcpProjectId} label="GCP project ID" />
          </Field>
          <Field label="Region / zone">{i.region} / {i.zone}</Field>
          <Field label="Machine type">{i.machineType}</Field>
          <Field label="Serving VM"><span className="font-mono" data-testid="serving-vm">{i.vmName}</span></Field>
          <Field label="Data disk">{i.dataDiskSizeGb} GB</Field>
          <Field label="Created">{when(i.createdAt)} by {i.createdBy}</Field>
        </dl>
      </Section>
      <Section title="Health">
        <dl>
          <Field label="Overall"><Badge value={i.health} /></Field>
          <Field label="Since">{when(i.healthSince)}</Field>
          <Field label="Last checked">{when(i.healthCheckedAt)}</Field>
        </dl>
        <HealthChecks checks={i.healthChecks} />
      </Section>
    </div>
  );
}

interface CheckView {
  name: string;
  ok: boolean;
  message?: string;
  latencyMs?: number;
  checkedAt?: string;
}

function HealthChecks({ checks }: { checks: unknown }) {
  const list = Array.isArray(checks) ? (checks as CheckView[]) : [];
  if (!list.length) return <p className="mt-2 text-sm text-slate-500">No checks have run yet.</p>;
  return (
    <ul className="mt-2 divide-y divide-slate-100 text-sm">
      {list.map((c) => (
        <li key={c.name} className="flex items-center justify-between py-1">
          <span>{c.ok ? "✓" : "✗"} {c.name}</span>
          <span className="text-xs text-slate-500">{c.message}{c.latencyMs !== undefined ? ` · ${c.latencyMs} ms` : ""}</span>
        </li>
      ))}
    </ul>
  );
}
