export const provisioningKeys = {
  all: ["provisioning"] as const,
  activeJobs: (slug: string) => ["provisioning", "active-jobs", slug] as const,
};
