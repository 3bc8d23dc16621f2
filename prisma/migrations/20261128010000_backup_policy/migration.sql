-- The backup policy (issue 14), fleet-wide and per instance. The fleet's is one row (id 1),
-- seeded with the handbook's figures: a scheduled snapshot every 7 days kept 90, upgrade
-- snapshots kept 365 days and at most the last 5 of them. An instance's override holds only
-- what differs (NULL: the fleet's value).
CREATE TABLE "fleet_backup_policy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "every_days" INTEGER NOT NULL,
    "retention_days" INTEGER NOT NULL,
    "upgrade_retention_days" INTEGER NOT NULL,
    "keep_upgrade_snapshots" INTEGER NOT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fleet_backup_policy_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "fleet_backup_policy_one_row" CHECK ("id" = 1)
);

INSERT INTO "fleet_backup_policy" ("id", "every_days", "retention_days", "upgrade_retention_days", "keep_upgrade_snapshots", "updated_by")
VALUES (1, 7, 90, 365, 5, 'seed');

CREATE TABLE "instance_backup_policy" (
    "instance_id" UUID NOT NULL,
    "every_days" INTEGER,
    "retention_days" INTEGER,
    "upgrade_retention_days" INTEGER,
    "keep_upgrade_snapshots" INTEGER,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "instance_backup_policy_pkey" PRIMARY KEY ("instance_id"),
    CONSTRAINT "instance_backup_policy_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
