"use client";
import { CreateUserForm } from "./create-user-form";
import { UserTable } from "./user-table";
import { useUsers } from "./use-users";

/** `/admin/users`: add people and change roles (admins only; every change is audited). */
export function UserAdmin({ currentUserId }: { currentUserId: string }) {
  const { data, isPending, isError, error } = useUsers();
  return (
    <div>
      <CreateUserForm />
      <div className="rounded border border-slate-200 bg-white p-3">
        {isPending && <p className="text-sm text-slate-500">Loading users…</p>}
        {isError && <p className="text-sm text-red-700" role="alert">Could not load users: {error.message}</p>}
        {data && (data.items.length ? <UserTable users={data.items} currentUserId={currentUserId} /> : <p className="text-sm text-slate-500">No users yet.</p>)}
      </div>
    </div>
  );
}
