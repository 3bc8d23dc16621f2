"use client";
import { ROLES } from "@/lib/auth/permissions";
import type { UserView } from "@/lib/users/user-view";
import { useChangeUserRole } from "./use-change-user-role";

/** Every user with a role picker; the server refuses demoting the last admin and says so. */
export function UserTable({ users, currentUserId }: { users: UserView[]; currentUserId: string }) {
  const change = useChangeUserRole();
  return (
    <div>
      {change.error && <p className="mb-2 text-sm text-red-700" role="alert">Could not change the role: {change.error.message}</p>}
      <table className="min-w-full text-sm" data-testid="user-table">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1 pr-3">Email</th>
            <th className="py-1 pr-3">Name</th>
            <th className="py-1 pr-3">Role</th>
            <th className="py-1 pr-3">Active tokens</th>
            <th className="py-1 pr-3">Since</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <td className="py-1.5 pr-3">{u.email}{u.id === currentUserId && <span className="ml-1 text-xs text-slate-500">(you)</span>}</td>
              <td className="py-1.5 pr-3">{u.name}</td>
              <td className="py-1.5 pr-3">
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  disabled={change.isPending && change.variables?.id === u.id}
                  onChange={(e) => change.mutate({ id: u.id, role: e.target.value })}
                  className="rounded border border-slate-300 bg-white px-2 py-0.5 text-sm"
                >
                  {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
              </td>
              <td className="py-1.5 pr-3 text-xs">{u.activeTokens}</td>
              <td className="py-1.5 pr-3 text-xs text-slate-500">{u.createdAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
