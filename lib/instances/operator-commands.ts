import { GCP_PROJECT_ID } from "./slug";

export interface OperatorCommand {
  id: string;
  label: string;
  description: string;
  command: string;
}

const ZONE = /^[a-z]+-[a-z]+\d+-[a-z]$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const VM_NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The runbook's "Operation access" commands for one instance. Every value is checked
 * against its format again here (not only when it was stored), so a bad row can never
 * produce a command that does something else when pasted into a shell.
 */
export function operatorCommands(i: { gcpProjectId: string; zone: string; domain: string; vmName?: string }): OperatorCommand[] {
  const vm = i.vmName ?? "prod";
  if (!GCP_PROJECT_ID.test(i.gcpProjectId)) throw new Error(`invalid GCP project ID: ${JSON.stringify(i.gcpProjectId)}`);
  if (!ZONE.test(i.zone)) throw new Error(`invalid zone: ${JSON.stringify(i.zone)}`);
  if (!DOMAIN.test(i.domain)) throw new Error(`invalid domain: ${JSON.stringify(i.domain)}`);
  if (!VM_NAME.test(vm)) throw new Error(`invalid VM name: ${JSON.stringify(vm)}`);
  const zone = `--zone "${i.zone}"`;
  const project = `--project "${i.gcpProjectId}"`;
  const tunnel = (port: number, local: number) =>
    `gcloud compute start-iap-tunnel ${vm} ${port} --local-host-port=localhost:${local} ${zone} ${project}`;
  return [
    {
      id: "ssh",
      label: "SSH (IAP)",
      description: "Shell on the VM through the IAP TCP proxy.",
      command: `gcloud beta compute ssh ${zone} "${vm}" --tunnel-through-iap ${project}`,
    },
    { id: "caddy", label: "Port-forward Caddy (80)", description: "http://localhost:4444 reaches Caddy on the VM.", command: tunnel(80, 4444) },
    { id: "grafana", label: "Port-forward Grafana (3370)", description: "http://localhost:4445 reaches Grafana.", command: tunnel(3370, 4445) },
    { id: "jaeger", label: "Port-forward Jaeger (16686)", description: "http://localhost:4446 reaches Jaeger.", command: tunnel(16686, 4446) },
    {
      id: "socks",
      label: "SOCKS proxy through the instance (stops after 10 minutes)",
      description: `Then: curl --proxy socks5://localhost:5000 https://${i.domain}`,
      command: `bash -c '(gcloud beta compute ssh ${zone} --tunnel-through-iap ${project} ${vm} -- -N -p 22 -D localhost:5000) & sleep 600; kill $!'`,
    },
    {
      id: "docker-ps",
      label: "Containers (docker ps)",
      description: "Container health as Docker reports it.",
      command: `gcloud beta compute ssh ${zone} "${vm}" --tunnel-through-iap ${project} -- sudo docker ps`,
    },
  ];
}
