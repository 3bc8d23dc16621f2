-- CreateEnum
CREATE TYPE "InstanceStatus" AS ENUM ('provisioning', 'active', 'upgrading', 'maintenance', 'failed', 'deleting', 'deleted');

-- CreateEnum
CREATE TYPE "AccessMode" AS ENUM ('public_sso', 'ip_allowlist');

-- CreateEnum
CREATE TYPE "HealthState" AS ENUM ('healthy', 'degraded', 'down', 'unknown');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "StepKind" AS ENUM ('automated', 'approval', 'human');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'skipped', 'waiting');

-- CreateEnum
CREATE TYPE "LogStream" AS ENUM ('stdout', 'stderr', 'system');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'operator', 'support', 'viewer');

-- CreateTable
CREATE TABLE "instance" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "gcp_project_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "machine_type" TEXT NOT NULL,
    "data_disk_size_gb" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "version_order" INTEGER NOT NULL,
    "status" "InstanceStatus" NOT NULL,
    "access_mode" "AccessMode" NOT NULL,
    "allowlist_cidrs" TEXT[],
    "domain" TEXT NOT NULL,
    "external_url" TEXT NOT NULL,
    "global_ip" TEXT,
    "nat_ips" TEXT[],
    "health" "HealthState" NOT NULL DEFAULT 'unknown',
    "health_checked_at" TIMESTAMPTZ(3),
    "health_since" TIMESTAMPTZ(3),
    "health_checks" JSONB NOT NULL DEFAULT '[]',
    "secret_refs" JSONB NOT NULL DEFAULT '{}',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job" (
    "id" UUID NOT NULL,
    "instance_id" UUID,
    "kind" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "params" JSONB NOT NULL DEFAULT '{}',
    "created_by" TEXT NOT NULL,
    "error" TEXT,
    "worker_id" TEXT,
    "queue_worker_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_seq" INTEGER NOT NULL DEFAULT 0,
    "cancel_requested_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_step" (
    "id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "StepKind" NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'pending',
    "detail" JSONB,
    "error" TEXT,
    "completed_by" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_log" (
    "id" BIGSERIAL NOT NULL,
    "job_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "stream" "LogStream" NOT NULL,
    "step_key" TEXT,
    "line" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_email" TEXT NOT NULL,
    "actor_role" "Role" NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "instance_slug" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "source_ip" TEXT,
    "via" TEXT NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeat" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "instance_slug_key" ON "instance"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "instance_gcp_project_id_key" ON "instance"("gcp_project_id");

-- CreateIndex
CREATE UNIQUE INDEX "instance_domain_key" ON "instance"("domain");

-- CreateIndex
CREATE INDEX "instance_status_idx" ON "instance"("status");

-- CreateIndex
CREATE INDEX "instance_health_idx" ON "instance"("health");

-- CreateIndex
CREATE INDEX "instance_version_idx" ON "instance"("version");

-- CreateIndex
CREATE INDEX "instance_version_order_idx" ON "instance"("version_order");

-- CreateIndex
CREATE INDEX "instance_global_ip_idx" ON "instance"("global_ip");

-- CreateIndex
CREATE INDEX "instance_nat_ips_idx" ON "instance" USING GIN ("nat_ips");

-- CreateIndex
CREATE INDEX "job_instance_id_created_at_idx" ON "job"("instance_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "job_status_idx" ON "job"("status");

-- CreateIndex
CREATE INDEX "job_kind_idx" ON "job"("kind");

-- CreateIndex
CREATE INDEX "job_created_at_idx" ON "job"("created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "job_step_job_id_key_key" ON "job_step"("job_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "job_step_job_id_position_key" ON "job_step"("job_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "job_log_job_id_seq_key" ON "job_log"("job_id", "seq");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at" DESC);

-- CreateIndex
CREATE INDEX "audit_event_instance_slug_at_idx" ON "audit_event"("instance_slug", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_event_action_idx" ON "audit_event"("action");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

-- AddForeignKey
ALTER TABLE "job" ADD CONSTRAINT "job_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_step" ADD CONSTRAINT "job_step_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_log" ADD CONSTRAINT "job_log_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in schema.prisma: at most one job holds an instance at a time
-- (running, or waiting on an approval / human task). The queue serializes by
-- instance too; this is the database's guard.
CREATE UNIQUE INDEX "job_one_active_per_instance" ON "job"("instance_id") WHERE "status" IN ('running', 'waiting');

-- Append-only audit trail: refuse UPDATE and DELETE at the database level.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER "audit_event_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
