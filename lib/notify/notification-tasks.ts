import type { TaskList } from "graphile-worker";
import { deliverNotification, DELIVER_TASK } from "./deliver-notification";

/** The queue tasks of notifications, for a worker's task list (workers/main.ts). */
export function notificationTasks(workerId: string): TaskList {
  return {
    [DELIVER_TASK]: async (payload, helpers) => {
      const deliveryId = (payload as { deliveryId?: string }).deliveryId;
      if (deliveryId) await deliverNotification(deliveryId, { workerId, queueWorkerId: helpers.job.locked_by ?? "unknown" });
    },
  };
}
