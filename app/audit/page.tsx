import { Suspense } from "react";
import { AuditBrowser } from "@/components/audit/audit-browser";
import { requirePageActor } from "@/lib/next/require-page-actor";

export default async function AuditPage() {
  await requirePageActor("audit:read", "/audit");
  return (
    <div>
      <h1 className="mb-4 text-xl font-semibold">Audit log</h1>
      <Suspense>
        <AuditBrowser />
      </Suspense>
    </div>
  );
}
