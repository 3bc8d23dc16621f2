import { NotificationSettings } from "@/components/notifications/notification-settings";
import { requirePageActor } from "@/lib/next/require-page-actor";
import { notifyConfig } from "@/lib/notify/notify-config";

export default async function NotificationsPage() {
  await requirePageActor("notifications:manage", "/settings/notifications");
  return (
    <div className="max-w-6xl">
      <h1 className="mb-1 text-xl font-semibold">Notifications</h1>
      <p className="mb-4 text-sm text-slate-600">
        Tell Slack or a webhook when an instance goes down, degrades or recovers, a job fails or waits for a person, or a wave finishes or pauses. Failed deliveries are retried with backoff.
      </p>
      <NotificationSettings healthConsecutiveChecks={notifyConfig().healthConsecutiveChecks} />
    </div>
  );
}
