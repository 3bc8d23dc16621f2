import { z } from "zod";
import { route } from "@/lib/http/route";
import { instanceBackupPolicySchema } from "@/lib/lifecycle/backup-policy";
import { instanceBackupPolicyView, setInstanceBackupPolicy } from "@/lib/lifecycle/update-backup-policy";

const params = z.object({ slug: z.string() });

export const GET = route({ permission: "fleet:read", params }, ({ params }) => instanceBackupPolicyView(params.slug));

export const PUT = route(
  { permission: "instances:upgrade", summary: "Override the backup policy for one instance (null: the fleet's value)", params, body: instanceBackupPolicySchema },
  ({ actor, params, body }) => setInstanceBackupPolicy(actor, params.slug, body),
);
