export const ROLES = ["admin", "operator", "support", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/**
 * The role matrix (also in the README). Every route, page and action names the permission
 * it needs; the server checks it, the UI only hides what would be refused anyway.
 */
export const PERMISSIONS = {
  "fleet:read": ["admin", "operator", "support", "viewer"],
  "jobs:read": ["admin", "operator", "support", "viewer"],
  "ips:read": ["admin", "operator", "support"],
  "logs:read": ["admin", "operator", "support"],
  "audit:read": ["admin", "operator", "support"],
  "instances:create": ["admin", "operator"],
  "instances:upgrade": ["admin", "operator"],
  "jobs:run": ["admin", "operator"],
  "jobs:control": ["admin", "operator"],
  "tokens:own": ["admin", "operator", "support", "viewer"],
  "users:manage": ["admin"],
  "notifications:manage": ["admin"],
  "releases:manage": ["admin"],
  "backups:manage": ["admin"],
  /** The customer instance's `sourcegraph-admin` password: admins only, with a reason, audited. */
  "admin-password:reveal": ["admin"],
  /** A password-reset link for a user of a customer's instance, for support to send them. */
  "password-reset:create": ["admin", "operator", "support"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
