import { z } from "zod";
import { deploymentsRepoFromEnv } from "@/lib/deployments/deployments-repo";
import { getInstanceDeployment } from "@/lib/deployments/get-instance-deployment";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "logs:read", params: z.object({ slug: z.string() }) }, ({ params }) =>
  getInstanceDeployment(params.slug, deploymentsRepoFromEnv()),
);
