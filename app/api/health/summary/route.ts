import { getHealthSummary } from "@/lib/health/health-summary";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ permission: "fleet:read" }, () => getHealthSummary());
