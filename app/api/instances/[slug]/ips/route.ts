import { z } from "zod";
import { getInstance } from "@/lib/instances/get-instance";
import { route } from "@/lib/http/route";

export const GET = route({ permission: "ips:read", params: z.object({ slug: z.string() }) }, async ({ params }) => {
  const { globalIp, natIps } = await getInstance(params.slug, { includeIps: true });
  return { globalIp, natIps };
});
