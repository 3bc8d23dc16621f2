"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";

interface DemoUser {
  email: string;
  name: string;
  role: string;
}

export function SignInOptions({ demoUsers, google, callbackUrl }: { demoUsers: DemoUser[]; google: boolean; callbackUrl: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      {google && (
        <button type="button" onClick={() => signIn("google", { callbackUrl })} className="w-full rounded bg-slate-900 px-4 py-2 text-white">
          Sign in with Google
        </button>
      )}
      {demoUsers.length > 0 && (
        <div>
          <h2 className="mb-2 text-sm font-semibold text-slate-700">Demo mode: sign in as a seeded user</h2>
          <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
            {demoUsers.map((u) => (
              <li key={u.email} className="flex items-center justify-between px-3 py-2">
                <span>
                  <span className="font-medium">{u.name}</span> <span className="text-slate-500">{u.email}</span>
                </span>
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => {
                    setBusy(u.email);
                    void signIn("dev", { email: u.email, callbackUrl });
                  }}
                  className="rounded bg-sky-700 px-3 py-1 text-sm text-white disabled:opacity-50"
                >
                  {busy === u.email ? "Signing in…" : `Sign in as ${u.role}`}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!google && demoUsers.length === 0 && (
        <p className="text-red-700">No sign-in method is configured. Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (see README).</p>
      )}
    </div>
  );
}
