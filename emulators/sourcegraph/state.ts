/**
 * The Sourcegraph emulator's state, usable without HTTP: demo mode, the benchmark and tests
 * seed instances, inject faults and read back what the control plane did to them. The HTTP
 * server and the fake `gcloud` read and write the same tables.
 *
 * Legacy instances are seeded by slug (`seedInstance`); VM-built ones (red/black colours)
 * boot when the GCP emulator creates their VM (deployment-ref.ts explains the model). The
 * slug helpers address the deployment the slug's public URL reaches; the `…Deployment` ones
 * take a ref (one VM) or a database key (one disk).
 */
export { CONTAINER_NAMES, freshContainers, imageOf, type ContainerHealth, type ContainerRecord, type ContainerState } from "./containers";
export { COMPOSE_DIR, COMPOSE_FILE, composeFileText, DEPLOY_DIR, releaseOfTag } from "./compose-file";
export { hasCredential, issueCredential, listTokenNotes, storeCredential } from "./credentials";
export { SITE_ID, ADMIN_USER_ID } from "./defaults";
export {
  dataDiskOf,
  databaseForSlug,
  deploymentForSlug,
  deploymentOfVm,
  type DatabaseKey,
  type DeploymentRef,
  type VmAddress,
} from "./deployment-ref";
export {
  effectiveContainers,
  frontendServing,
  reportedVersion,
  type Db,
  type EffectiveContainer,
  type EmulatedInstance,
  type Faults,
} from "./instance-record";
export {
  clearFaults,
  deleteInstance,
  deployVersion,
  getInstance,
  loadDeployment,
  restartContainers,
  setContainer,
  setDatabaseReadOnly,
  setFaults,
  slugForProject,
  withDeploymentLock,
  withInstanceLock,
} from "./instance-state";
export { ensureSchema } from "./schema";
export { seedInstance, seedInstances, type InstanceSeed } from "./seed-instances";
