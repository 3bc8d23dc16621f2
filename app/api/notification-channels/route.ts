import { route } from "@/lib/http/route";
import { createChannel } from "@/lib/notify/create-channel";
import { createChannelBodySchema } from "@/lib/notify/channel-schemas";
import { listChannels } from "@/lib/notify/list-channels";

export const GET = route({ permission: "notifications:manage" }, () => listChannels());

export const POST = route({ permission: "notifications:manage", body: createChannelBodySchema }, async ({ actor, body }) =>
  Response.json(await createChannel(actor, body), { status: 201 }),
);
