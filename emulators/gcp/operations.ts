import type pg from "pg";
import { operationDoc, selfLink } from "./resources";
import { insertResource, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

/**
 * Records a DONE operation on `target` and returns it. Operations are stored so that
 * `zoneOperations/globalOperations.get|wait` on the returned name find them.
 */
export async function recordOperation(pool: pg.Pool, target: ResourceKey, operationType: string, targetId: string): Promise<Doc> {
  const op = operationDoc({
    project: target.project,
    location: target.location,
    operationType,
    targetLink: selfLink(target.project, target.kind, target.location, target.name),
    targetId,
  });
  await insertResource(pool, { project: target.project, kind: "operation", location: target.location, name: String(op.name), data: op });
  return op;
}
