import { route } from "@/lib/http/route";
import { fleetBackupPolicySchema } from "@/lib/lifecycle/backup-policy";
import { readFleetBackupPolicy } from "@/lib/lifecycle/read-backup-policy";
import { updateFleetBackupPolicy } from "@/lib/lifecycle/update-backup-policy";

export const GET = route({ permission: "fleet:read" }, async () => ({ policy: await readFleetBackupPolicy() }));

export const PUT = route({ permission: "backups:manage", summary: "Set the fleet's backup policy", body: fleetBackupPolicySchema }, async ({ actor, body }) => ({
  policy: await updateFleetBackupPolicy(actor, body),
}));
