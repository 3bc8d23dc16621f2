import type { OperatorCommand } from "@/lib/instances/operator-commands";
import { CopyButton } from "../ui/copy-button";

export function OperatorAccess({ commands }: { commands: OperatorCommand[] }) {
  return (
    <ul className="space-y-3">
      {commands.map((c) => (
        <li key={c.id}>
          <div className="flex items-center justify-between">
            <span className="text-sm font-medium">{c.label}</span>
            <CopyButton value={c.command} label={`${c.label} command`} />
          </div>
          <pre tabIndex={0} className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid={`command-${c.id}`}>{c.command}</pre>
          <p className="mt-0.5 text-xs text-slate-500">{c.description}</p>
        </li>
      ))}
    </ul>
  );
}
