/** The names Managed Instances' Terraform gives each deployment's resources. */
export const NAMES = {
  vm: "prod",
  globalAddress: "default-global-address",
  natAddress: (i: number) => `default-nat-manual-ip-${i}`,
  certificate: "default-ssl-cert",
  // Red/black upgrades (BRIEF §7): one group and one data disk per colour behind one backend service.
  backendService: "prod-backend-service",
  neg: (colour: string) => `prod-${colour}-neg`,
  dataDisk: (colour: string) => `prod-${colour}-data`,
} as const;
