"use client";
import type { ApiTokenView as TokenView } from "@/lib/auth/api-tokens";

const day = (iso: string | null) => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) : "never");

export function TokenTable({ tokens, onRevoke, revoking }: { tokens: TokenView[]; onRevoke: (t: TokenView) => void; revoking: string | null }) {
  if (!tokens.length) return <p className="py-4 text-sm text-slate-500">You have no API tokens yet.</p>;
  return (
    <table className="min-w-full text-sm" data-testid="token-table">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 pr-3">Name</th>
          <th className="py-1 pr-3">Token</th>
          <th className="py-1 pr-3">Created</th>
          <th className="py-1 pr-3">Last used</th>
          <th className="py-1 pr-3">Status</th>
          <th className="py-1 pr-3" />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {tokens.map((t) => (
          <tr key={t.id} data-testid="token-row">
            <td className="py-1.5 pr-3">{t.name}</td>
            <td className="py-1.5 pr-3 font-mono text-xs">{t.prefix}…</td>
            <td className="py-1.5 pr-3 text-xs">{day(t.createdAt)}</td>
            <td className="py-1.5 pr-3 text-xs">{day(t.lastUsedAt)}</td>
            <td className="py-1.5 pr-3 text-xs">{t.revokedAt ? `revoked ${day(t.revokedAt)}` : "active"}</td>
            <td className="py-1.5 pr-3 text-right">
              {!t.revokedAt && (
                <button type="button" onClick={() => onRevoke(t)} disabled={revoking === t.id} className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-50">
                  {revoking === t.id ? "Revoking…" : "Revoke"}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
