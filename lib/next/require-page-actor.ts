import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { authenticate } from "../auth/authenticate";
import type { Actor } from "../auth/actor";
import { can, type Permission } from "../auth/permissions";

/**
 * lib/next is the only part of lib that knows about Next: it turns the request of a page
 * into an Actor, sending anonymous visitors to sign-in and refusing the wrong role.
 */
export async function requirePageActor(permission: Permission, returnTo = "/"): Promise<Actor> {
  const actor = await authenticate(await headers()).catch(() => null);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!can(actor.role, permission)) forbidden();
  return actor;
}

export async function optionalPageActor(): Promise<Actor | null> {
  return authenticate(await headers()).catch(() => null);
}
