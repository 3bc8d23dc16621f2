import { statusText } from "../fake-gcloud/docker-output";
import { caddyListening, effectiveContainers, frontendServing, reportedVersion, type EmulatedInstance } from "./instance-record";

/**
 * What the deployment module's health report cron job (terraform/modules/deployment/
 * health-report.sh) publishes on a VM running this deployment, key by key, in the guest
 * attribute namespace `sourcegraph`: the values the script's commands would print here.
 * The cron runs every minute, so `reported-at` is the start of the current minute.
 */
export const HEALTH_REPORT_NAMESPACE = "sourcegraph";

export function vmHealthReport(instance: EmulatedInstance, now = new Date()): Record<string, string> {
  // docker ps --all --format '{"Names":"{{.Names}}","Status":"{{.Status}}"}'
  const containers = effectiveContainers(instance)
    .map((c) => JSON.stringify({ Names: c.name, Status: statusText(c, now) }))
    .join("\n");
  // curl -s -o /dev/null -w '%{http_code}' http://localhost/healthz: Caddy answers 502 for a frontend that is down.
  const healthz = !caddyListening(instance) ? "000" : frontendServing(instance) ? "200" : "502";
  // curl -fsS http://localhost/__version: empty unless it answered 2xx.
  const version = healthz === "200" ? reportedVersion(instance) : "";
  const reportedAt = String(Math.floor(now.getTime() / 60_000) * 60);
  return { containers: containers.slice(0, 4000), healthz, version, "reported-at": reportedAt };
}
