import type pg from "pg";
import { notFound } from "./errors";
import { resourcePath } from "./resources";
import { getResource, type ResourceKey } from "./store";

type Doc = Record<string, unknown>;

export async function requireProject(pool: pg.Pool, project: string): Promise<void> {
  const found = await getResource(pool, { project, kind: "project", location: "global", name: project });
  if (!found) throw notFound(resourcePath(project, "project", "global", project));
}

/** A missing resource in a missing project is reported as the project missing, as GCP does. */
export async function getOrNotFound(pool: pg.Pool, key: ResourceKey): Promise<Doc> {
  const doc = await getResource(pool, key);
  if (doc) return doc;
  await requireProject(pool, key.project);
  throw notFound(resourcePath(key.project, key.kind, key.location, key.name));
}
