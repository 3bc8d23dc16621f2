-- Notifications to people (lib/notify): channels an admin sets up, the events people may
-- want to hear about, one delivery row per event and channel (the settings page's log), and
-- the per-instance flap damping of health changes.

CREATE TYPE "NotificationChannelKind" AS ENUM ('slack', 'webhook');
CREATE TYPE "NotificationDeliveryStatus" AS ENUM ('pending', 'sending', 'delivered', 'failed');

CREATE TABLE "notification_channel" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "NotificationChannelKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "event_kinds" TEXT[],
    "instance_ids" UUID[],
    "url_hint" TEXT NOT NULL,
    "secret_refs" JSONB NOT NULL DEFAULT '{}',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "notification_channel_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "notification_event" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "instance_ids" UUID[],
    "payload" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notification_event_at_idx" ON "notification_event"("at" DESC);

CREATE TABLE "notification_delivery" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "status" "NotificationDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "worker_id" TEXT,
    "queue_worker_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    CONSTRAINT "notification_delivery_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "notification_delivery_event_id_channel_id_key" ON "notification_delivery"("event_id", "channel_id");
CREATE INDEX "notification_delivery_created_at_idx" ON "notification_delivery"("created_at" DESC);
CREATE INDEX "notification_delivery_channel_id_created_at_idx" ON "notification_delivery"("channel_id", "created_at" DESC);
CREATE INDEX "notification_delivery_status_idx" ON "notification_delivery"("status");
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "notification_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "health_notice" (
    "instance_id" UUID NOT NULL,
    "notified_state" "HealthState",
    "candidate_state" "HealthState",
    "streak" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "health_notice_pkey" PRIMARY KEY ("instance_id")
);

-- Records an event and fans it out, in the caller's transaction: one delivery per enabled
-- channel whose filters match (no kinds = every kind, no instances = every instance), each
-- put on the queue (task notify_deliver, lib/notify/deliver-notification.ts). The queue is
-- touched only when a channel matches.
CREATE FUNCTION "notification_record_event"(p_kind TEXT, p_instance_ids UUID[], p_payload JSONB) RETURNS UUID
LANGUAGE plpgsql AS $$
DECLARE
  ev UUID := gen_random_uuid();
  d RECORD;
BEGIN
  INSERT INTO notification_event (id, kind, instance_ids, payload) VALUES (ev, p_kind, COALESCE(p_instance_ids, '{}'), p_payload);
  FOR d IN
    INSERT INTO notification_delivery (id, event_id, channel_id)
    SELECT gen_random_uuid(), ev, c.id FROM notification_channel c
    WHERE c.enabled
      AND (cardinality(COALESCE(c.event_kinds, '{}')) = 0 OR p_kind = ANY (c.event_kinds))
      AND (cardinality(COALESCE(c.instance_ids, '{}')) = 0 OR c.instance_ids && COALESCE(p_instance_ids, '{}'))
    RETURNING id
  LOOP
    PERFORM graphile_worker.add_job('notify_deliver', json_build_object('deliveryId', d.id), job_key := d.id::text, max_attempts := 10);
  END LOOP;
  RETURN ev;
END;
$$;

-- A job that fails, or stops to wait for an approval or a person, is news: recorded by a
-- trigger so every path that changes a job's status (worker, sweeper, API) is covered, in
-- the same transaction as the change.
CREATE FUNCTION "job_status_notification"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  inst RECORD;
  step RECORD;
BEGIN
  SELECT slug, display_name INTO inst FROM instance WHERE id = NEW.instance_id;
  IF NEW.status = 'failed' THEN
    PERFORM notification_record_event('job.failed', array_remove(ARRAY[NEW.instance_id], NULL),
      jsonb_build_object('jobId', NEW.id, 'jobKind', NEW.kind, 'instanceSlug', inst.slug, 'instanceName', inst.display_name, 'error', NEW.error));
  ELSE
    SELECT key, name, kind::text AS kind INTO step FROM job_step WHERE job_id = NEW.id AND status = 'waiting' ORDER BY position LIMIT 1;
    PERFORM notification_record_event(CASE WHEN step.kind = 'human' THEN 'job.awaiting_task' ELSE 'job.awaiting_approval' END,
      array_remove(ARRAY[NEW.instance_id], NULL),
      jsonb_build_object('jobId', NEW.id, 'jobKind', NEW.kind, 'instanceSlug', inst.slug, 'instanceName', inst.display_name, 'stepKey', step.key, 'stepName', step.name));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "job_status_notification" AFTER UPDATE OF "status" ON "job"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" AND NEW."status" IN ('failed', 'waiting'))
  EXECUTE FUNCTION "job_status_notification"();

-- A wave that completes, is aborted or pauses (itself, after a failed upgrade, or by a person).
CREATE FUNCTION "wave_status_notification"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  counts JSONB;
  ids UUID[];
BEGIN
  SELECT COALESCE(jsonb_object_agg(state, n), '{}'::jsonb) INTO counts
    FROM (SELECT state::text AS state, count(*) AS n FROM wave_instance WHERE wave_id = NEW.id GROUP BY state) s;
  SELECT COALESCE(array_agg(instance_id), '{}') INTO ids FROM wave_instance WHERE wave_id = NEW.id;
  PERFORM notification_record_event('wave.' || NEW.status::text, ids,
    jsonb_build_object('waveId', NEW.id, 'targetVersion', NEW.target_version, 'status', NEW.status::text, 'pausedReason', NEW.paused_reason, 'counts', counts));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "wave_status_notification" AFTER UPDATE OF "status" ON "wave"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" AND NEW."status" IN ('paused', 'completed', 'aborted'))
  EXECUTE FUNCTION "wave_status_notification"();
