-- AlterTable
ALTER TABLE "instance" ADD COLUMN     "next_health_check_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "health_event" (
    "id" BIGSERIAL NOT NULL,
    "instance_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" "HealthState" NOT NULL,
    "previous" "HealthState",
    "failing" TEXT[],

    CONSTRAINT "health_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "instance_next_health_check_at_idx" ON "instance"("next_health_check_at");

-- CreateIndex
CREATE INDEX "health_event_instance_id_at_idx" ON "health_event"("instance_id", "at" DESC);

-- AddForeignKey
ALTER TABLE "health_event" ADD CONSTRAINT "health_event_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
