/**
 * The Sourcegraph emulator's state, usable without HTTP: demo mode, the benchmark and tests
 * seed instances, inject faults and read back what the control plane did to them. The HTTP
 * server and the fake `gcloud` read and write the same tables.
 */
export { CONTAINER_NAMES, freshContainers, imageOf, type ContainerHealth, type ContainerRecord, type ContainerState } from "./containers";
export { hasCredential, issueCredential, listTokenNotes, storeCredential } from "./credentials";
export { SITE_ID, ADMIN_USER_ID } from "./defaults";
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
  restartContainers,
  setContainer,
  setDatabaseReadOnly,
  setFaults,
  slugForProject,
  withInstanceLock,
} from "./instance-state";
export { ensureSchema } from "./schema";
export { seedInstance, seedInstances, type InstanceSeed } from "./seed-instances";
