import type { ApprovalPolicy } from "@/lib/upgrades/upgrade-params";
import { APPROVAL_POLICY_TEXT, PLAN_ALWAYS_ASKS } from "@/lib/waves/approval-policies";
import { FieldErrors } from "../ui/form-field";

const CHOICES = Object.entries(APPROVAL_POLICY_TEXT) as [ApprovalPolicy, { label: string; explanation: string }][];

/**
 * Which approvals of the wave's upgrades a person gives: a required choice for red/black
 * (nothing is chosen for you, so a 100-instance wave's 200 approvals are asked for or
 * given knowingly); in place has none to give.
 */
export function ApprovalPolicyChoice({ value, onChange, inPlace, errors }: { value: ApprovalPolicy | null; onChange: (p: ApprovalPolicy) => void; inPlace: boolean; errors: Map<string, string[]> }) {
  return (
    <fieldset disabled={inPlace} className={inPlace ? "text-slate-500" : ""}>
      <legend className="text-xs font-medium text-slate-600">Approvals</legend>
      {CHOICES.map(([policy, text]) => (
        <label key={policy} className="flex items-start gap-2 py-0.5 text-sm">
          <input type="radio" name="approvalPolicy" value={policy} checked={!inPlace && value === policy} onChange={() => onChange(policy)} className="mt-1" />
          <span>
            {text.label}
            <span className="block text-xs text-slate-500">{text.explanation}</span>
          </span>
        </label>
      ))}
      <p className="mt-0.5 text-xs text-slate-500">{inPlace ? "In place upgrades have no approval steps." : PLAN_ALWAYS_ASKS}</p>
      <FieldErrors name="approvalPolicy" errors={errors} />
    </fieldset>
  );
}

/** The policy in one line, for the preview and the wave's page. */
export function approvalsSummary(strategy: string, policy: ApprovalPolicy | string | null): string {
  if (strategy === "in-place") return "none (in place)";
  const text = policy ? APPROVAL_POLICY_TEXT[policy as ApprovalPolicy] : undefined;
  return text ? `${text.label}: ${text.explanation}` : "not chosen yet";
}
