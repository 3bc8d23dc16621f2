"use client";
import type { ChannelView } from "@/lib/notify/channel-view";
import { Section } from "../ui/section";
import { ChannelForm } from "./channel-form";
import { ChannelTable } from "./channel-table";
import { DeliveryLog } from "./delivery-log";
import { NewSigningSecretNotice } from "./new-signing-secret-notice";
import { useCreateChannel } from "./use-create-channel";
import { useDeleteChannel } from "./use-delete-channel";
import { useNotificationChannels } from "./use-notification-channels";
import { useUpdateChannel } from "./use-update-channel";

/** `/settings/notifications`: channels (admins only; every change audited) and the delivery log. */
export function NotificationSettings({ healthConsecutiveChecks }: { healthConsecutiveChecks: number }) {
  const channels = useNotificationChannels();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const remove = useDeleteChannel();
  const confirmDelete = (c: ChannelView) => window.confirm(`Delete "${c.name}" and its delivery log?`) && remove.mutate(c.id);
  return (
    <div className="space-y-4">
      {create.data?.signingSecret && <NewSigningSecretNotice name={create.data.channel.name} secret={create.data.signingSecret} onDismiss={() => create.reset()} />}
      <ChannelForm onCreate={(c, done) => create.mutate(c, { onSuccess: done })} pending={create.isPending} error={create.error} />
      <Section title="Channels">
        <p className="mb-2 text-xs text-slate-500">
          A health change is told once it held for {healthConsecutiveChecks} consecutive checks (NOTIFY_HEALTH_CONSECUTIVE_CHECKS).
        </p>
        {(update.error || remove.error) && <p className="mb-2 text-sm text-red-700" role="alert">{(update.error ?? remove.error)!.message}</p>}
        {channels.isPending && <p className="text-sm text-slate-500">Loading channels…</p>}
        {channels.isError && <p className="text-sm text-red-700" role="alert">Could not load channels: {channels.error.message}</p>}
        {channels.data && <ChannelTable channels={channels.data.items} onToggle={(c) => update.mutate({ id: c.id, enabled: !c.enabled })} onDelete={confirmDelete} />}
      </Section>
      <Section title="Delivery log">
        <DeliveryLog />
      </Section>
    </div>
  );
}
