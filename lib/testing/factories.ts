import { randomBytes } from "node:crypto";
import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import type { Role } from "../auth/permissions";
import { projectIdForSlug, domainForSlug } from "../instances/slug";
import { versionOrder } from "../instances/versions";

/** A user of the given role, as an Actor. */
export async function makeActor(role: Role = "operator", via: Actor["via"] = "api"): Promise<Actor> {
  const email = `${role}-${randomBytes(3).toString("hex")}@example.com`;
  const u = await db.user.create({ data: { email, name: `Test ${role}`, role } });
  return { userId: u.id, email, name: u.name, role, via, sourceIp: "127.0.0.1" };
}

export async function makeInstance(over: Partial<{ slug: string; displayName: string; version: string; status: "active" | "provisioning" | "failed"; globalIp: string | null; natIps: string[] }> = {}) {
  const slug = over.slug ?? `inst-${randomBytes(3).toString("hex")}`;
  const version = over.version ?? "5.9.0";
  return db.instance.create({
    data: {
      slug,
      displayName: over.displayName ?? `Customer ${slug}`,
      gcpProjectId: projectIdForSlug(slug),
      region: "us-central1",
      zone: "us-central1-f",
      machineType: "n1-standard-8",
      dataDiskSizeGb: 500,
      version,
      versionOrder: versionOrder(version),
      status: over.status ?? "active",
      accessMode: "public_sso",
      allowlistCidrs: [],
      domain: domainForSlug(slug),
      externalUrl: `https://${domainForSlug(slug)}`,
      globalIp: over.globalIp === undefined ? null : over.globalIp,
      natIps: over.natIps ?? [],
      createdBy: "test@example.com",
    },
  });
}
