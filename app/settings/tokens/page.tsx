import { TokenManager } from "@/components/settings/token-manager";
import { requirePageActor } from "@/lib/next/require-page-actor";

export default async function TokensPage() {
  await requirePageActor("tokens:own", "/settings/tokens");
  return (
    <div className="max-w-4xl">
      <h1 className="mb-1 text-xl font-semibold">API tokens</h1>
      <p className="mb-4 text-sm text-slate-600">
        Send a token as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. It acts with your role; every use is audited as &ldquo;api&rdquo;.
      </p>
      <TokenManager />
    </div>
  );
}
