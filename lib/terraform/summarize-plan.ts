import { z } from "zod";

/**
 * Summarises `terraform show -json plan.bin` for plan review and approval.
 *
 * Works on Terraform's machine-readable plan only, never the human text (Atlantis
 * regex-parses the human text and breaks on every wording change). Counting follows
 * Terraform's own "Plan: X to add, Y to change, Z to destroy": a replacement is one add AND
 * one destroy, and is also listed separately because it is what causes downtime.
 */

/** RUNBOOK "Impact of recreating the instance via Terraform": typically ~8m40s of downtime. */
export const VM_RECREATION_DOWNTIME_SECONDS = 8 * 60 + 40;

export const VM_RECREATION_DOWNTIME_TEXT =
  "Recreating the VM typically means about 8m40s of downtime (RUNBOOK: \"Impact of recreating " +
  "the instance via Terraform\"): about 6m destroying the network endpoint group, and about 2m " +
  "creating the new instance / installing software / launching Docker services. The existing " +
  "data disk is mounted back into the new VM, which is why the runbook calls this non-destructive.";

/** The resource identity a VM predicate looks at. */
export interface ResourceIdentity {
  address: string;
  type: string;
  name: string;
  mode: string;
}

/**
 * Which resources are "the VM" whose replacement means downtime. The real module's VM is a
 * `google_compute_instance`; the offline fixture models it as `terraform_data.vm`.
 */
export function isVmResource(resource: ResourceIdentity): boolean {
  if (resource.mode !== "managed") return false;
  if (resource.type === "google_compute_instance") return true;
  return (
    resource.type === "terraform_data" &&
    (resource.name === "vm" || /(^|\.)vm(\[[^\]]*\])?$/.test(resource.address))
  );
}

export type ChangeAction = "create" | "update" | "replace" | "delete" | "forget";

export interface ResourceChange extends ResourceIdentity {
  action: ChangeAction;
  /** Terraform's `action_reason`, e.g. "replace_because_cannot_update"; null when none given. */
  reason: string | null;
  /** A sentence saying why, for the review page. */
  reasonText: string | null;
  /** Attributes that force the replacement (`replace_paths`), rendered like `metadata["startup-script"]`. */
  replacePaths: string[];
  /** Replacement order: "delete-then-create" (Terraform's default) or "create-then-delete". */
  replaceOrder: "delete-then-create" | "create-then-delete" | null;
  /** Whether the summary's VM predicate matched this resource. */
  isVm: boolean;
  /** Imported into state by this plan (an `import` block). */
  importing: boolean;
}

export interface DowntimeEstimate {
  /** Expected downtime, or null when the VM is destroyed and nothing recreates it. */
  seconds: number | null;
  text: string;
  /** Addresses of the VM resources causing it. */
  resources: string[];
}

export interface PlanSummary {
  /** Same numbers as Terraform's "Plan:" line, plus replace (already in add and destroy), import and forget. */
  counts: { add: number; change: number; destroy: number; replace: number; import: number; forget: number };
  hasChanges: boolean;
  /** Every resource with something to do, in plan order. */
  changes: ResourceChange[];
  replaced: ResourceChange[];
  /** Pure deletions (not part of a replacement). */
  deleted: ResourceChange[];
  /** True when anything is deleted or replaced: a human must approve before apply. */
  requiresApproval: boolean;
  /** Why approval is required, one sentence each; empty when it is not. */
  approvalReasons: string[];
  /** Set when the plan recreates or removes the VM. */
  downtime: DowntimeEstimate | null;
  terraformVersion: string | null;
  /** `show -json` of a plan that failed part-way has `errored: true`; such a plan must not be applied. */
  errored: boolean;
}

export interface SummarizePlanOptions {
  /** Decides which resources are the VM; defaults to isVmResource. */
  isVm?: (resource: ResourceIdentity) => boolean;
  /** Downtime for a VM recreation; defaults to the runbook's 520 s. */
  vmRecreationSeconds?: number;
}

/** Only the fields we read; everything else in Terraform's JSON passes through untouched. */
const resourceChangeSchema = z.object({
  address: z.string(),
  mode: z.string().default("managed"),
  type: z.string(),
  name: z.string(),
  change: z.object({
    actions: z.array(z.string()).min(1),
    replace_paths: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
    importing: z.unknown().optional(),
  }),
  action_reason: z.string().optional(),
});

const showPlanSchema = z.object({
  format_version: z.string().refine((v) => v.startsWith("1."), {
    message: "unsupported plan JSON format_version (expected 1.x)",
  }),
  terraform_version: z.string().optional(),
  resource_changes: z.array(resourceChangeSchema).optional(),
  errored: z.boolean().optional(),
});

/** Thrown when the input is not `terraform show -json` of a saved plan. */
export class PlanJsonError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = "PlanJsonError";
  }
}

export function summarizePlan(showJson: unknown, options: SummarizePlanOptions = {}): PlanSummary {
  const isVm = options.isVm ?? isVmResource;
  const vmSeconds = options.vmRecreationSeconds ?? VM_RECREATION_DOWNTIME_SECONDS;

  let input = showJson;
  if (typeof input === "string") {
    try {
      input = JSON.parse(input);
    } catch (cause) {
      throw new PlanJsonError("plan JSON is not valid JSON", { cause });
    }
  }
  const parsed = showPlanSchema.safeParse(input);
  if (!parsed.success) {
    throw new PlanJsonError(`not a terraform show -json plan: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const plan = parsed.data;

  const changes: ResourceChange[] = [];
  let imports = 0;
  for (const rc of plan.resource_changes ?? []) {
    const importing = rc.change.importing !== undefined && rc.change.importing !== null;
    // Terraform counts "N to import" even when the imported resource needs no change.
    if (importing && rc.mode === "managed") imports++;
    const action = classify(rc.change.actions);
    // Data sources are read, not changed, and Terraform leaves them out of its counts too.
    if (action === null || rc.mode !== "managed") continue;
    const identity = { address: rc.address, type: rc.type, name: rc.name, mode: rc.mode };
    const reason = rc.action_reason ?? null;
    const replacePaths = (rc.change.replace_paths ?? []).map(formatPath);
    changes.push({
      ...identity,
      action,
      reason,
      reasonText: describeReason(action, reason, replacePaths),
      replacePaths,
      replaceOrder:
        action !== "replace"
          ? null
          : rc.change.actions[0] === "create"
            ? "create-then-delete"
            : "delete-then-create",
      isVm: isVm(identity),
      importing,
    });
  }

  const count = (a: ChangeAction) => changes.filter((c) => c.action === a).length;
  const replace = count("replace");
  const counts = {
    add: count("create") + replace,
    change: count("update"),
    destroy: count("delete") + replace,
    replace,
    import: imports,
    forget: count("forget"),
  };
  const replaced = changes.filter((c) => c.action === "replace");
  const deleted = changes.filter((c) => c.action === "delete");

  const approvalReasons = [
    ...replaced.map((c) => `${c.address} will be replaced${c.reasonText ? `: ${c.reasonText}` : ""}`),
    ...deleted.map((c) => `${c.address} will be destroyed${c.reasonText ? `: ${c.reasonText}` : ""}`),
  ];

  return {
    counts,
    hasChanges: changes.length > 0,
    changes,
    replaced,
    deleted,
    requiresApproval: approvalReasons.length > 0,
    approvalReasons,
    downtime: estimateDowntime(replaced, deleted, vmSeconds),
    terraformVersion: plan.terraform_version ?? null,
    errored: plan.errored ?? false,
  };
}

/** Maps Terraform's action list to one action; null for no-op and read. */
function classify(actions: string[]): ChangeAction | null {
  const key = actions.join(",");
  switch (key) {
    case "create":
      return "create";
    case "update":
      return "update";
    case "delete":
      return "delete";
    case "delete,create":
    case "create,delete":
      return "replace";
    case "forget":
      return "forget";
    case "no-op":
    case "read":
      return null;
    default:
      // A future action we do not know: treat it as destructive so a human looks at it.
      return actions.includes("delete") ? "delete" : "update";
  }
}

function estimateDowntime(
  replaced: ResourceChange[],
  deleted: ResourceChange[],
  vmSeconds: number,
): DowntimeEstimate | null {
  const removedVms = deleted.filter((c) => c.isVm).map((c) => c.address);
  if (removedVms.length > 0) {
    return {
      seconds: null,
      text:
        `The VM (${removedVms.join(", ")}) is destroyed and this plan does not recreate it: ` +
        "the instance is down until it is created again.",
      resources: removedVms,
    };
  }
  const recreatedVms = replaced.filter((c) => c.isVm);
  if (recreatedVms.length === 0) return null;
  const why = recreatedVms
    .map((c) => `${c.address} is replaced${c.reasonText ? ` because ${c.reasonText}` : ""}`)
    .join("; ");
  return {
    seconds: vmSeconds,
    text: `${why}. ${VM_RECREATION_DOWNTIME_TEXT}`,
    resources: recreatedVms.map((c) => c.address),
  };
}

function describeReason(action: ChangeAction, reason: string | null, paths: string[]): string | null {
  switch (reason) {
    case "replace_because_cannot_update":
      return paths.length > 0
        ? `${paths.join(", ")} changed and cannot be updated in place`
        : "a changed attribute cannot be updated in place";
    case "replace_because_tainted":
      return "it is tainted (an earlier create or update failed part-way)";
    case "replace_by_request":
      return "replacement was requested explicitly (-replace)";
    case "replace_by_triggers":
      return "a resource in its replace_triggered_by changed";
    case "delete_because_no_resource_config":
      return "its configuration was removed";
    case "delete_because_no_module":
      return "its module was removed";
    case "delete_because_wrong_repetition":
      return "count or for_each was added to or removed from it";
    case "delete_because_count_index":
      return "its count index is now out of range";
    case "delete_because_each_key":
      return "its for_each key no longer exists";
    case "delete_because_no_move_target":
      return "it was moved to an address that does not exist";
    case null:
      return action === "replace" && paths.length > 0 ? `${paths.join(", ")} changed` : null;
    default:
      return reason.replace(/_/g, " ");
  }
}

/** ["metadata", "startup-script"] → metadata["startup-script"]; ["disk", 0, "size"] → disk[0].size */
function formatPath(path: Array<string | number>): string {
  return path
    .map((step, i) => {
      if (typeof step === "number") return `[${step}]`;
      if (i === 0) return step;
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
    })
    .join("");
}
