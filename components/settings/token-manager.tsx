"use client";
import { CreateTokenForm } from "./create-token-form";
import { NewTokenNotice } from "./new-token-notice";
import { TokenTable } from "./token-table";
import { useApiTokens } from "./use-api-tokens";
import { useCreateApiToken } from "./use-create-api-token";
import { useRevokeApiToken } from "./use-revoke-api-token";
import type { ApiTokenView as TokenView } from "@/lib/auth/api-tokens";

/** `/settings/tokens`: create (the value is shown once), list and revoke one's own API tokens. */
export function TokenManager() {
  const { data, isPending, isError, error } = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  function confirmRevoke(t: TokenView) {
    if (window.confirm(`Revoke "${t.name}"? Scripts using it will stop working at once.`)) revoke.mutate(t.id);
  }
  return (
    <div>
      {create.data && <NewTokenNotice name={create.data.item.name} token={create.data.token} onDismiss={() => create.reset()} />}
      <CreateTokenForm onCreate={(name) => create.mutate(name)} pending={create.isPending} error={create.error} />
      {revoke.error && <p className="mb-2 text-sm text-red-700" role="alert">Could not revoke: {revoke.error.message}</p>}
      <div className="rounded border border-slate-200 bg-white p-3">
        {isPending && <p className="text-sm text-slate-500">Loading tokens…</p>}
        {isError && <p className="text-sm text-red-700" role="alert">Could not load tokens: {error.message}</p>}
        {data && <TokenTable tokens={data.items} onRevoke={confirmRevoke} revoking={revoke.isPending ? (revoke.variables ?? null) : null} />}
      </div>
    </div>
  );
}
