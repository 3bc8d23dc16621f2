import { notFound } from "next/navigation";
import { InstanceAuditTrail } from "@/components/audit/instance-audit-trail";
import { AdminAccess } from "@/components/customer-access/admin-access";
import { InstanceDeployment } from "@/components/deployment/instance-deployment";
import { InstanceDrift } from "@/components/drift/instance-drift";
import { InstanceHealth } from "@/components/health/instance-health";
import { InstanceJobs } from "@/components/instances/instance-jobs";
import { InstanceLifecycle } from "@/components/lifecycle/instance-lifecycle";
import { InstanceDetails } from "@/components/instances/instance-details";
import { OperatorAccess } from "@/components/instances/operator-access";
import { ProvisioningProgress } from "@/components/provisioning/provisioning-progress";
import { Badge } from "@/components/ui/badges";
import { Section } from "@/components/ui/section";
import { InstanceUpgrade } from "@/components/upgrades/instance-upgrade";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { getInstance } from "@/lib/instances/get-instance";
import { operatorCommands } from "@/lib/instances/operator-commands";
import { requirePageActor } from "@/lib/next/require-page-actor";

export default async function InstancePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requirePageActor("fleet:read", `/instances/${encodeURIComponent(slug)}`);
  const canSeeIps = can(actor.role, "ips:read");
  const instance = await getInstance(slug, { includeIps: canSeeIps }).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-semibold" data-testid="instance-name">{instance.displayName}</h1>
        <span className="font-mono text-sm text-slate-500">{instance.slug}</span>
        <Badge value={instance.status} />
        <Badge value={instance.health} />
        {instance.status === "provisioning" && <ProvisioningProgress slug={instance.slug} />}
      </div>
      <InstanceDetails i={instance} canSeeIps={canSeeIps} />
      <InstanceHealth slug={instance.slug} canRun={can(actor.role, "jobs:run")} />
      <InstanceDrift instance={instance} canCheck={can(actor.role, "jobs:run")} canReconcile={can(actor.role, "instances:upgrade")} />
      <InstanceUpgrade instance={instance} role={actor.role} />
      <InstanceLifecycle instance={instance} canChange={can(actor.role, "instances:upgrade")} canSnapshot={can(actor.role, "jobs:run")} canSeeSnapshots={can(actor.role, "logs:read")} />
      {instance.status === "active" && (
        <AdminAccess slug={instance.slug} canReveal={can(actor.role, "admin-password:reveal")} canResetLink={can(actor.role, "password-reset:create")} />
      )}
      {canSeeIps && (
        <Section title="Operator access">
          <OperatorAccess commands={operatorCommands(instance)} />
        </Section>
      )}
      <Section title="Jobs">
        <InstanceJobs slug={instance.slug} canRun={can(actor.role, "jobs:run")} />
      </Section>
      {can(actor.role, "logs:read") && (
        <Section title="Deployment (git)">
          <InstanceDeployment slug={instance.slug} />
        </Section>
      )}
      {can(actor.role, "audit:read") && (
        <Section title="Audit trail">
          <InstanceAuditTrail slug={instance.slug} />
        </Section>
      )}
    </div>
  );
}
