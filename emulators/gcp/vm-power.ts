import type pg from "pg";
import { EmulatorError } from "./errors";
import { getOrNotFound } from "./lookup";
import { now, operationDoc, resourcePath, selfLink } from "./resources";
import { afterVmPower } from "./sourcegraph-hooks";
import { deleteResource, getResource, insertResource, patchResource, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

/** Where a power change ends, remembered under the operation's name until someone polls it. */
interface Transition {
  vm: ResourceKey;
  verb: "stop" | "start";
  final: "TERMINATED" | "RUNNING";
}

/**
 * instances.stop / instances.start as Compute Engine runs them (instance life cycle docs):
 * stop moves a RUNNING VM to STOPPING and answers with an operation still RUNNING; the VM is
 * TERMINATED when that operation is DONE. Start moves a TERMINATED VM to STAGING, then
 * RUNNING. Here the transition completes when the operation is polled (`get`/`wait`), so a
 * client that does not wait for its operation sees STOPPING / STAGING, as it would in GCP.
 * Stopping a stopped VM or starting a running one does nothing (an operation born DONE);
 * starting a VM that is still STOPPING is GCP's 400 resourceNotReady.
 */
export async function setPower(pool: pg.Pool, key: ResourceKey, verb: "stop" | "start"): Promise<Doc> {
  const vm = await getOrNotFound(pool, key);
  const final = verb === "stop" ? "TERMINATED" : "RUNNING";
  if (vm.status === final) return record(pool, key, verb, vm, null);
  if (verb === "start" && vm.status === "STOPPING") {
    throw new EmulatorError(400, "FAILED_PRECONDITION", "resourceNotReady", `The resource '${resourcePath(key.project, "instance", key.location, key.name)}' is not ready`);
  }
  const passing = verb === "stop" ? "STOPPING" : "STAGING";
  await patchResource(pool, key, { status: passing, ...(verb === "stop" ? { lastStopTimestamp: now() } : { lastStartTimestamp: now() }) });
  // The containers go down as soon as the VM starts stopping.
  if (verb === "stop") await afterVmPower(pool, key, "stop");
  return record(pool, key, verb, vm, { vm: key, verb, final });
}

/** Before an operation is read: a pending power change finishes (the VM reaches its final status). */
export async function completeTransition(pool: pg.Pool, operation: ResourceKey): Promise<void> {
  const key: ResourceKey = { ...operation, kind: "vmTransition" };
  const t = (await getResource(pool, key)) as unknown as Transition | undefined;
  if (!t || !(await deleteResource(pool, key))) return;
  await patchResource(pool, t.vm, { status: t.final });
  // GCE runs the startup script (`docker compose up -d`) on every boot.
  if (t.verb === "start") await afterVmPower(pool, t.vm, "start");
  await patchResource(pool, operation, { status: "DONE", progress: 100, endTime: now() });
}

async function record(pool: pg.Pool, key: ResourceKey, verb: string, vm: Doc, transition: Transition | null): Promise<Doc> {
  const op = operationDoc({ project: key.project, location: key.location, operationType: verb, targetLink: selfLink(key.project, key.kind, key.location, key.name), targetId: String(vm.id) });
  if (transition) Object.assign(op, { status: "RUNNING", progress: 0, endTime: undefined });
  const opKey: ResourceKey = { project: key.project, kind: "operation", location: key.location, name: String(op.name) };
  if (transition) await insertResource(pool, { ...opKey, kind: "vmTransition", data: transition as unknown as Doc });
  await insertResource(pool, { ...opKey, data: op });
  return op;
}
