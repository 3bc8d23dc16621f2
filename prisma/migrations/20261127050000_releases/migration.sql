-- Sourcegraph releases are data (issue 15): upgrade and wave validation, the in-place rule and
-- the version-adoption view read this table, and admins add, edit and retire releases without a
-- deploy. Seeded with the list lib/instances/versions.ts used to hard-code (SEED_RELEASES there),
-- so every database starts with today's releases.
CREATE TABLE "release" (
    "version" TEXT NOT NULL,
    "version_order" INTEGER NOT NULL,
    "deploy_ref" TEXT NOT NULL,
    "database_changes" BOOLEAN NOT NULL,
    "changed_schemas" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "published_at" TIMESTAMPTZ(3),
    "notes_url" TEXT,
    "retired_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_pkey" PRIMARY KEY ("version")
);

CREATE UNIQUE INDEX "release_version_order_key" ON "release"("version_order");

INSERT INTO "release" ("version", "version_order", "deploy_ref", "database_changes", "created_by") VALUES
    ('5.6.0',  5006000, 'v5.6.0',  TRUE,  'seed'),
    ('5.6.1',  5006001, 'v5.6.1',  FALSE, 'seed'),
    ('5.7.0',  5007000, 'v5.7.0',  TRUE,  'seed'),
    ('5.7.1',  5007001, 'v5.7.1',  FALSE, 'seed'),
    ('5.8.0',  5008000, 'v5.8.0',  TRUE,  'seed'),
    ('5.8.1',  5008001, 'v5.8.1',  FALSE, 'seed'),
    ('5.9.0',  5009000, 'v5.9.0',  TRUE,  'seed'),
    ('5.9.1',  5009001, 'v5.9.1',  FALSE, 'seed'),
    ('5.10.0', 5010000, 'v5.10.0', TRUE,  'seed'),
    ('5.10.1', 5010001, 'v5.10.1', FALSE, 'seed'),
    ('5.10.2', 5010002, 'v5.10.2', FALSE, 'seed');
