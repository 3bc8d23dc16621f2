import { route } from "@/lib/http/route";
import { deliveriesQuerySchema } from "@/lib/notify/channel-schemas";
import { listDeliveries } from "@/lib/notify/list-deliveries";

export const GET = route({ permission: "notifications:manage", query: deliveriesQuerySchema }, ({ query }) => listDeliveries(query));
