import { config } from "@/lib/config/load-config";
import { SignInOptions } from "@/components/auth/sign-in-options";
import { listDemoUsers } from "@/lib/auth/list-demo-users";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = sp.callbackUrl?.startsWith("/") && !sp.callbackUrl.startsWith("//") ? sp.callbackUrl : "/instances";
  return (
    <div className="mx-auto max-w-lg py-10">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      {sp.error && <p className="mb-4 rounded bg-red-50 p-3 text-red-800">Sign-in failed. Try again, or ask an admin for access.</p>}
      <SignInOptions demoUsers={await listDemoUsers()} google={Boolean(config().GOOGLE_CLIENT_ID)} callbackUrl={callbackUrl} />
    </div>
  );
}
