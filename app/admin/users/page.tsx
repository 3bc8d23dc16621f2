import { UserAdmin } from "@/components/admin/user-admin";
import { requirePageActor } from "@/lib/next/require-page-actor";

export default async function UsersPage() {
  const actor = await requirePageActor("users:manage", "/admin/users");
  return (
    <div className="max-w-5xl">
      <h1 className="mb-1 text-xl font-semibold">Users and roles</h1>
      <p className="mb-4 text-sm text-slate-600">Roles take effect on the user&rsquo;s next request. See the README for what each role may do.</p>
      <UserAdmin currentUserId={actor.userId} />
    </div>
  );
}
