import { z } from "zod";
import { nameSchema } from "../auth/name-schema";
import { slugSchema } from "../instances/slug";
import { VERSION_PATTERN } from "../instances/versions";
import { accessFields, refineAccess } from "./access-schema";
import { DEFAULT_DISK_GB, MACHINE_TYPES, MAX_DISK_GB, MIN_DISK_GB, ZONES } from "./options";
import { provisioningSettings } from "./settings";

/**
 * `POST /api/instances` and the create form. `zone` (the configured default zone),
 * `dataDiskSizeGb` (500) and `allowlistCidrs` ([], for public access) may be omitted; every
 * other field is required, and unknown fields are refused, so a typo never silently becomes
 * a default.
 */
export const createInstanceSchema = z
  .object({
    slug: slugSchema,
    displayName: nameSchema("displayName", 80),
    version: z
      .string({ error: "version is required" })
      .max(20)
      // Whether it is a release (not retired) is checked against the `release` table (create-instance.ts).
      .refine((v) => v === "latest" || VERSION_PATTERN.test(v), `version must be "latest" or a release version, MAJOR.MINOR.PATCH`),
    machineType: z.enum(MACHINE_TYPES, { error: `machineType must be one of ${MACHINE_TYPES.join(", ")}` }),
    dataDiskSizeGb: z
      .number({ error: "dataDiskSizeGb must be a number of GB" })
      .int("dataDiskSizeGb must be a whole number of GB")
      .min(MIN_DISK_GB, `dataDiskSizeGb must be at least ${MIN_DISK_GB}`)
      .max(MAX_DISK_GB, `dataDiskSizeGb must be at most ${MAX_DISK_GB}`)
      .default(DEFAULT_DISK_GB),
    zone: z.enum(ZONES, { error: `zone must be one of ${ZONES.join(", ")}` }).default(() => provisioningSettings().defaultZone),
    ...accessFields,
  })
  .strict()
  .superRefine(refineAccess);

export type CreateInstanceInput = z.infer<typeof createInstanceSchema>;
