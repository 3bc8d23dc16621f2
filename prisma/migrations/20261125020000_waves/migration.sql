-- CreateEnum
CREATE TYPE "WaveStatus" AS ENUM ('running', 'paused', 'aborted', 'completed');

-- CreateEnum
CREATE TYPE "WaveInstanceState" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "wave" (
    "id" UUID NOT NULL,
    "target_version" TEXT NOT NULL,
    "strategy" TEXT NOT NULL DEFAULT 'red-black',
    "batch_size" INTEGER NOT NULL,
    "status" "WaveStatus" NOT NULL DEFAULT 'running',
    "window_start" TEXT,
    "window_end" TEXT,
    "paused_reason" TEXT,
    "driver_job_id" UUID,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "wave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wave_instance" (
    "id" UUID NOT NULL,
    "wave_id" UUID NOT NULL,
    "instance_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "batch" INTEGER NOT NULL,
    "state" "WaveInstanceState" NOT NULL DEFAULT 'pending',
    "from_version" TEXT NOT NULL,
    "job_id" UUID,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "wave_instance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "wave_created_at_idx" ON "wave"("created_at" DESC);

-- CreateIndex
CREATE INDEX "wave_instance_instance_id_idx" ON "wave_instance"("instance_id");

-- CreateIndex
CREATE UNIQUE INDEX "wave_instance_wave_id_instance_id_key" ON "wave_instance"("wave_id", "instance_id");

-- CreateIndex
CREATE UNIQUE INDEX "wave_instance_wave_id_position_key" ON "wave_instance"("wave_id", "position");

-- AddForeignKey
ALTER TABLE "wave_instance" ADD CONSTRAINT "wave_instance_wave_id_fkey" FOREIGN KEY ("wave_id") REFERENCES "wave"("id") ON DELETE CASCADE ON UPDATE CASCADE;
