import { z } from "zod";
import { VERSION_PATTERN } from "../instances/versions";

/** Schemas Sourcegraph's migrator knows (its stitched migration graph has one per database). */
export const DATABASE_SCHEMAS = ["frontend", "codeintel", "codeinsights"] as const;

const versionSchema = z
  .string({ error: "version is required" })
  .max(20, "version is at most 20 characters")
  .regex(VERSION_PATTERN, "version must be MAJOR.MINOR.PATCH, e.g. 5.11.0");

/** A deploy-sourcegraph-docker git ref: a tag or branch name, safe as one command-line argument. */
const deployRefSchema = z
  .string()
  .max(100, "deployRef is at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "deployRef must be a git ref (letters, digits, . _ / -), e.g. v5.11.0")
  .refine((r) => !r.includes("..") && !r.endsWith("/") && !r.endsWith(".lock"), "deployRef must be a valid git ref");

const editable = {
  deployRef: deployRefSchema,
  databaseChanges: z.boolean({ error: "databaseChanges must be true or false" }),
  changedSchemas: z.array(z.enum(DATABASE_SCHEMAS, { error: `changedSchemas entries must be ${DATABASE_SCHEMAS.join(", ")}` })).max(3),
  publishedAt: z.iso.date("publishedAt must be a date, YYYY-MM-DD").nullable(),
  notesUrl: z.url({ protocol: /^https$/, error: "notesUrl must be an https URL" }).max(500).nullable(),
};

/** `POST /api/releases`: deployRef defaults to `v<version>`, as deploy-sourcegraph-docker tags releases. */
export const createReleaseSchema = z
  .object({
    version: versionSchema,
    deployRef: editable.deployRef.optional(),
    databaseChanges: editable.databaseChanges,
    changedSchemas: editable.changedSchemas.default([]),
    publishedAt: editable.publishedAt.optional(),
    notesUrl: editable.notesUrl.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!r.databaseChanges && r.changedSchemas.length) ctx.addIssue({ code: "custom", path: ["changedSchemas"], message: "a release without database changes migrates no schema" });
  });

/** `PATCH /api/releases/{version}`: any editable field, or `retired` to retire (true) or restore (false) it. */
export const updateReleaseSchema = z
  .object({ ...editable, retired: z.boolean({ error: "retired must be true or false" }) })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "nothing to change: send at least one field" });

export const releaseParamsSchema = z.object({ version: versionSchema });

export type CreateReleaseBody = z.infer<typeof createReleaseSchema>;
export type UpdateReleaseBody = z.infer<typeof updateReleaseSchema>;
