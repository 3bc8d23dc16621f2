import { route } from "@/lib/http/route";
import { channelIdParamsSchema, updateChannelBodySchema } from "@/lib/notify/channel-schemas";
import { deleteChannel } from "@/lib/notify/delete-channel";
import { updateChannel } from "@/lib/notify/update-channel";

export const PATCH = route({ permission: "notifications:manage", params: channelIdParamsSchema, body: updateChannelBodySchema }, async ({ actor, params, body }) => ({
  channel: await updateChannel(actor, params.id, body),
}));

export const DELETE = route({ permission: "notifications:manage", params: channelIdParamsSchema }, ({ actor, params }) => deleteChannel(actor, params.id));
