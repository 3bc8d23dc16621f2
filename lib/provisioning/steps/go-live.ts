import { db } from "../../db/client";
import { recordAudit } from "../../audit/record-audit";
import { SYSTEM_ACTOR } from "../../auth/actor";
import { getCertificateStatus, upsertARecord } from "../../gcp";
import { secretStoreFromEnv } from "../../secrets";
import { StepError, type StepContext, type StepWork } from "../../runbooks/types";
import {
  checkHealthz,
  createAccessToken,
  MANAGED_INSTANCES_TOKEN_NOTE,
  setExternalUrl,
  setShowPatchUpdates,
  siteInit,
  SourcegraphError,
  sourcegraphBaseUrl,
} from "../../sourcegraph";
import { containersNotHealthy, describeContainer, listContainers, restartFrontend } from "../../ssh";
import { throughIap } from "../through-iap";
import { provisioningSettings } from "../settings";
import { instanceOf, saveSecretRef, secretName, secretRefOf, waitUntil } from "../step-helpers";

export const ADMIN_USERNAME = "sourcegraph-admin";
export const adminEmail = (slug: string) => `managed+${slug}@sourcegraph.com`;

/**
 * RUNBOOK steps 14–23: DNS, containers, frontend, first admin, site config, certificate, done.
 * Everything that talks to Sourcegraph before the managed certificate is ACTIVE (hours,
 * sometimes) goes to Caddy on the VM through an IAP tunnel, as the runbook's port-forward
 * does: the public URL fails its TLS handshake until then, and an allowlist refuses us.
 */
export const goLiveSteps: StepWork[] = [
  {
    key: "dns",
    async run(ctx) {
      const i = instanceOf(ctx);
      if (!i.globalIp) throw new StepError("the instance has no global IP yet", "Retry: the previous step reads it from GCP.");
      const s = provisioningSettings();
      const r = await upsertARecord({ dnsProject: s.dnsProject, managedZone: s.dnsManagedZone, name: i.domain, ip: i.globalIp });
      ctx.log(`A ${r.record.name} → ${r.record.ips.join(", ")} (${r.action}, zone ${s.dnsManagedZone} in ${s.dnsProject})`);
      return { detail: { record: r.record, action: r.action } };
    },
  },
  {
    key: "containers-healthy",
    async run(ctx) {
      const i = instanceOf(ctx);
      const s = provisioningSettings();
      let count = 0;
      await waitUntil(ctx, { what: "healthy containers", timeoutMs: s.bootTimeoutMs, everyMs: s.bootPollMs, remedy: "SSH to the VM (see Operator access), check `docker ps` and the startup script's log, then retry." }, async () => {
        const containers = await listContainers({ project: i.gcpProjectId, zone: i.zone, vm: i.vmName, signal: ctx.signal, timeoutMs: 120_000 });
        const bad = containersNotHealthy(containers);
        count = containers.length;
        return containers.length > 0 && bad.length === 0
          ? { done: true, progress: `${containers.length} containers healthy (one-shot ones completed)` }
          : { done: false, progress: containers.length ? `not yet healthy: ${bad.map(describeContainer).join(", ")}` : "no containers yet" };
      });
      return { detail: { containers: count } };
    },
  },
  {
    key: "frontend-health",
    async run(ctx) {
      await throughIap(ctx, (baseUrl) => waitForFrontend(ctx, baseUrl, "the frontend", "Check sourcegraph-frontend-0's logs on the VM, then retry."));
    },
  },
  {
    key: "site-admin",
    async run(ctx) {
      const i = instanceOf(ctx);
      if (secretRefOf(i, "sourcegraphToken")) {
        ctx.log("site admin and its managed-instances token already exist");
        return;
      }
      const passwordRef = secretRefOf(i, "adminPassword");
      if (!passwordRef) throw new StepError("no admin password stored", "Retry from the admin-password step (start a new provision job).");
      const store = secretStoreFromEnv();
      const password = await store.get(passwordRef);
      ctx.addSecret(password);
      return throughIap(ctx, (baseUrl) => createSiteAdmin(ctx, baseUrl, password));
    },
  },
  {
    key: "external-url",
    async run(ctx) {
      const i = instanceOf(ctx);
      const token = await tokenOf(ctx);
      const r = await throughIap(ctx, (baseUrl) => setExternalUrl(baseUrl, token, i.externalUrl, { signal: ctx.signal }));
      ctx.log(`externalURL = ${i.externalUrl} (${r.changed ? "changed" : "already set"})`);
      if (r.restartRequired) {
        ctx.log("Sourcegraph says a restart is needed: restarting the frontend");
        await restartFrontend({ project: i.gcpProjectId, zone: i.zone, vm: i.vmName, signal: ctx.signal, onLine: (_s, line) => ctx.log(line) });
      }
      return { detail: r };
    },
  },
  {
    key: "patch-updates",
    async run(ctx) {
      const token = await tokenOf(ctx);
      const r = await throughIap(ctx, async (baseUrl) => {
        // Right after a restart the frontend may still be coming back.
        await waitForFrontend(ctx, baseUrl, "the frontend after the restart", "Check the frontend on the VM, then retry.");
        return setShowPatchUpdates(baseUrl, token, false, { signal: ctx.signal });
      });
      ctx.log(`global settings: alerts.showPatchUpdates = false (${r.changed ? "changed" : "already set"})`);
      return { detail: r };
    },
  },
  {
    key: "certificate",
    async run(ctx) {
      const i = instanceOf(ctx);
      const s = provisioningSettings();
      const status = await waitUntil(
        ctx,
        {
          what: "the managed SSL certificate",
          timeoutMs: s.certificateTimeoutMs,
          everyMs: s.certificatePollMs,
          heartbeatMs: 5 * 60_000,
          remedy: `Check that ${i.domain} resolves to ${i.globalIp} and the load balancer's certificate in the GCP console (Network services > Load balancers); then retry. It took 1h41m once.`,
        },
        async () => {
          const st = await getCertificateStatus({ project: i.gcpProjectId });
          if (st.startsWith("PROVISIONING_FAILED")) throw new StepError(`the managed certificate is ${st}`, `Check DNS for ${i.domain} points at ${i.globalIp}, then retry.`);
          return { done: st === "ACTIVE" || st === "SELF_MANAGED", progress: `certificate ${st}` };
        },
      );
      return { detail: { status, publicUrl: await checkPublicUrl(ctx) } };
    },
  },
  {
    key: "mark-active",
    async run(ctx) {
      const i = instanceOf(ctx);
      await db.$transaction(async (tx) => {
        await tx.instance.update({ where: { id: i.id }, data: { status: "active" } });
        await recordAudit(tx, SYSTEM_ACTOR, { action: "instance.provisioned", targetType: "instance", targetId: i.id, instanceSlug: i.slug, params: { jobId: ctx.jobId } });
      });
      ctx.log(`${i.slug} is active: https://${i.domain}`);
    },
  },
];

/** The first site admin and its managed-instances token, at Caddy's address `baseUrl`. */
async function createSiteAdmin(ctx: StepContext, baseUrl: string, password: string) {
  const i = instanceOf(ctx);
  const store = secretStoreFromEnv();
  const email = adminEmail(i.slug);
  let session: { sessionCookie: string };
  try {
    session = await siteInit(baseUrl, { email, username: ADMIN_USERNAME, password }, { signal: ctx.signal });
  } catch (e) {
    if (e instanceof SourcegraphError && e.kind === "already-initialized") {
      throw new StepError(
        "the instance already has a site admin, but no access token was stored for it",
        `Sign in as ${ADMIN_USERNAME} with the stored password, create an access token named "${MANAGED_INSTANCES_TOKEN_NOTE}", store it in the secret store and record its reference as sourcegraphToken; then retry.`,
      );
    }
    throw e;
  }
  ctx.log(`site admin ${ADMIN_USERNAME} <${email}> created`);
  const token = await createAccessToken(baseUrl, session, { signal: ctx.signal });
  ctx.addSecret(token.token);
  const ref = await store.put(secretName(i.slug, "sourcegraph-token"), token.token);
  await saveSecretRef(i.id, "sourcegraphToken", ref);
  ctx.log(`access token "${MANAGED_INSTANCES_TOKEN_NOTE}" stored as ${ref}`);
  return { detail: { email, username: ADMIN_USERNAME, tokenRef: ref } };
}

/**
 * Once the certificate is ACTIVE: the public URL as a user reaches it, through the load
 * balancer. An allowlisted instance refuses the control plane's address (that is the
 * allowlist working), so it is not asked.
 */
async function checkPublicUrl(ctx: StepContext): Promise<string> {
  const i = instanceOf(ctx);
  if (i.accessMode === "ip_allowlist") {
    ctx.log(`https://${i.domain} admits only ${i.allowlistCidrs.join(", ")}; not checked from here (the checks above went through IAP)`);
    return "not checked (IP allowlist)";
  }
  const h = await checkHealthz(sourcegraphBaseUrl(i), { signal: ctx.signal });
  ctx.log(`https://${i.domain}/healthz through the load balancer: ${h.ok ? "ok" : h.detail}`);
  if (!h.ok) throw new StepError(`the certificate is ACTIVE but https://${i.domain}/healthz answers ${h.detail}`, "Check the load balancer's backend (prod-backend-service → the serving colour's endpoint group) and Caddy on the VM, then retry.");
  return "ok";
}

/** Polls the frontend's /healthz at `baseUrl` until it answers (the boot timeout of the settings), logging progress. */
async function waitForFrontend(ctx: StepContext, baseUrl: string, what: string, remedy: string): Promise<void> {
  const s = provisioningSettings();
  await waitUntil(ctx, { what, timeoutMs: s.bootTimeoutMs, everyMs: s.bootPollMs, remedy }, async () => {
    const h = await checkHealthz(baseUrl, { signal: ctx.signal });
    return { done: h.ok, progress: `/healthz: ${h.detail}` };
  });
}

async function tokenOf(ctx: StepContext): Promise<string> {
  const ref = secretRefOf(instanceOf(ctx), "sourcegraphToken");
  if (!ref) throw new StepError("no Sourcegraph access token stored for this instance", "Retry from the site-admin step.");
  const token = await secretStoreFromEnv().get(ref);
  ctx.addSecret(token);
  return token;
}
