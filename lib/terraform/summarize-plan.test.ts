import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  isVmResource,
  PlanJsonError,
  summarizePlan,
  VM_RECREATION_DOWNTIME_SECONDS,
} from "./summarize-plan";

/** Real `terraform show -json plan.bin` of fixtures/instance after changing startup_script. */
const replaceVmPlan: unknown = JSON.parse(
  readFileSync(new URL("./fixtures/show-plan-replace-vm.json", import.meta.url), "utf8"),
);

type Rc = {
  address: string;
  type?: string;
  name?: string;
  mode?: string;
  actions: string[];
  action_reason?: string;
  replace_paths?: Array<Array<string | number>>;
  importing?: unknown;
};

function plan(...changes: Rc[]) {
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    resource_changes: changes.map((c) => {
      const name = c.name ?? c.address.split(".").at(-1)!.replace(/\[.*\]$/, "");
      return {
        address: c.address,
        mode: c.mode ?? "managed",
        type: c.type ?? c.address.split(".").at(-2)!,
        name,
        change: {
          actions: c.actions,
          ...(c.replace_paths ? { replace_paths: c.replace_paths } : {}),
          ...(c.importing ? { importing: c.importing } : {}),
        },
        ...(c.action_reason ? { action_reason: c.action_reason } : {}),
      };
    }),
  };
}

describe("summarizePlan on a real show -json (startup script changed)", () => {
  const summary = summarizePlan(replaceVmPlan);

  it("counts a replacement as one add and one destroy, and lists it", () => {
    expect(summary.counts).toEqual({ add: 1, change: 0, destroy: 1, replace: 1, import: 0, forget: 0 });
    expect(summary.hasChanges).toBe(true);
    expect(summary.replaced).toHaveLength(1);
    expect(summary.replaced[0]).toMatchObject({
      address: "terraform_data.vm",
      action: "replace",
      reason: "replace_because_cannot_update",
      replacePaths: ["triggers_replace"],
      replaceOrder: "delete-then-create",
      isVm: true,
    });
    expect(summary.replaced[0]!.reasonText).toBe("triggers_replace changed and cannot be updated in place");
    expect(summary.deleted).toEqual([]);
    expect(summary.terraformVersion).toBe("1.11.4");
    expect(summary.errored).toBe(false);
  });

  it("requires approval and estimates the runbook's 8m40s VM recreation downtime", () => {
    expect(summary.requiresApproval).toBe(true);
    expect(summary.approvalReasons).toEqual([
      "terraform_data.vm will be replaced: triggers_replace changed and cannot be updated in place",
    ]);
    expect(summary.downtime?.seconds).toBe(520);
    expect(summary.downtime?.resources).toEqual(["terraform_data.vm"]);
    expect(summary.downtime?.text).toContain("8m40s");
    expect(summary.downtime?.text).toContain("6m destroying the network endpoint group");
    expect(summary.downtime?.text).toContain("2m creating the new instance");
  });

  it("accepts the JSON text as well as the parsed object", () => {
    expect(summarizePlan(JSON.stringify(replaceVmPlan))).toEqual(summary);
  });

  it("uses a configurable VM predicate and downtime", () => {
    const none = summarizePlan(replaceVmPlan, { isVm: () => false });
    expect(none.downtime).toBeNull();
    expect(none.requiresApproval).toBe(true); // a replacement still needs approval
    const custom = summarizePlan(replaceVmPlan, { vmRecreationSeconds: 60 });
    expect(custom.downtime?.seconds).toBe(60);
  });
});

describe("summarizePlan hand cases", () => {
  it("creates only: no approval, no downtime", () => {
    const s = summarizePlan(
      plan({ address: "google_compute_instance.vm", actions: ["create"] }, { address: "google_compute_address.nat[0]", actions: ["create"] }),
    );
    expect(s.counts).toMatchObject({ add: 2, change: 0, destroy: 0, replace: 0 });
    expect(s.requiresApproval).toBe(false);
    expect(s.approvalReasons).toEqual([]);
    expect(s.downtime).toBeNull();
  });

  it("ignores no-op resources and data-source reads, like Terraform's own counts", () => {
    const s = summarizePlan(
      plan(
        { address: "terraform_data.a", actions: ["no-op"] },
        { address: "data.google_project.p", type: "google_project", name: "p", mode: "data", actions: ["read"] },
      ),
    );
    expect(s.counts).toMatchObject({ add: 0, change: 0, destroy: 0 });
    expect(s.hasChanges).toBe(false);
    expect(s.changes).toEqual([]);
  });

  it("an in-place update of the VM needs no approval and has no downtime estimate", () => {
    const s = summarizePlan(plan({ address: "google_compute_instance.vm", actions: ["update"] }));
    expect(s.counts.change).toBe(1);
    expect(s.requiresApproval).toBe(false);
    expect(s.downtime).toBeNull();
  });

  it("a deletion requires approval and is listed with its reason", () => {
    const s = summarizePlan(
      plan({
        address: "google_compute_firewall.old",
        actions: ["delete"],
        action_reason: "delete_because_no_resource_config",
      }),
    );
    expect(s.counts).toMatchObject({ add: 0, destroy: 1, replace: 0 });
    expect(s.deleted.map((c) => c.address)).toEqual(["google_compute_firewall.old"]);
    expect(s.requiresApproval).toBe(true);
    expect(s.approvalReasons).toEqual(["google_compute_firewall.old will be destroyed: its configuration was removed"]);
  });

  it("replacing a google_compute_instance (startup script) estimates 520 s, create-before-destroy too", () => {
    const s = summarizePlan(
      plan(
        {
          address: "module.instance.google_compute_instance.default",
          type: "google_compute_instance",
          name: "default",
          actions: ["create", "delete"],
          action_reason: "replace_because_cannot_update",
          replace_paths: [["metadata_startup_script"], ["metadata", "startup-script"]],
        },
        { address: "google_compute_network_endpoint_group.neg", actions: ["update"] },
      ),
    );
    expect(s.counts).toMatchObject({ add: 1, change: 1, destroy: 1, replace: 1 });
    expect(s.replaced[0]).toMatchObject({
      replaceOrder: "create-then-delete",
      replacePaths: ["metadata_startup_script", 'metadata["startup-script"]'],
      isVm: true,
    });
    expect(s.downtime?.seconds).toBe(VM_RECREATION_DOWNTIME_SECONDS);
    expect(s.downtime?.text).toMatch(/^module\.instance\.google_compute_instance\.default is replaced because metadata_startup_script/);
  });

  it("a tainted resource explains why it is replaced", () => {
    const s = summarizePlan(
      plan({ address: "terraform_data.vm", actions: ["delete", "create"], action_reason: "replace_because_tainted" }),
    );
    expect(s.replaced[0]!.reasonText).toMatch(/tainted/);
  });

  it("a destroyed VM that is not recreated has unknown downtime", () => {
    const s = summarizePlan(plan({ address: "terraform_data.vm", actions: ["delete"] }));
    expect(s.downtime).toMatchObject({ seconds: null, resources: ["terraform_data.vm"] });
    expect(s.downtime?.text).toMatch(/down until it is created again/);
  });

  it("counts imports and forgets separately; forget alone needs no approval", () => {
    const s = summarizePlan(
      plan(
        { address: "google_iap_brand.b", actions: ["no-op"], importing: { id: "x" } },
        { address: "google_kms_key_ring.k", actions: ["forget"] },
      ),
    );
    // Like Terraform's "1 to import": counted even when the import changes nothing else.
    expect(s.counts).toMatchObject({ import: 1, forget: 1, destroy: 0, change: 0 });
    const withUpdate = summarizePlan(
      plan({ address: "google_iap_brand.b", actions: ["update"], importing: { id: "x" } }),
    );
    expect(withUpdate.counts).toMatchObject({ import: 1, change: 1 });
    expect(withUpdate.changes[0]!.importing).toBe(true);
    expect(s.requiresApproval).toBe(false);
  });

  it("treats an unknown action containing delete as destructive", () => {
    const s = summarizePlan(plan({ address: "x_y.z", actions: ["delete", "something-new"] }));
    expect(s.requiresApproval).toBe(true);
  });

  it("reports an errored plan", () => {
    const s = summarizePlan({ ...plan(), errored: true });
    expect(s.errored).toBe(true);
  });

  it("rejects input that is not show -json of a plan", () => {
    expect(() => summarizePlan("not json")).toThrow(PlanJsonError);
    expect(() => summarizePlan({ hello: "world" })).toThrow(PlanJsonError);
    expect(() => summarizePlan({ format_version: "2.0" })).toThrow(/format_version/);
    expect(() =>
      summarizePlan({ format_version: "1.2", resource_changes: [{ address: "a.b" }] }),
    ).toThrow(PlanJsonError);
  });
});

describe("isVmResource", () => {
  it("matches google_compute_instance and the fixture's terraform_data.vm", () => {
    const id = (address: string, type: string, name: string, mode = "managed") => ({ address, type, name, mode });
    expect(isVmResource(id("google_compute_instance.default", "google_compute_instance", "default"))).toBe(true);
    expect(isVmResource(id("terraform_data.vm", "terraform_data", "vm"))).toBe(true);
    expect(isVmResource(id("module.x.terraform_data.vm[0]", "terraform_data", "vm"))).toBe(true);
    expect(isVmResource(id("terraform_data.nat_ip[0]", "terraform_data", "nat_ip"))).toBe(false);
    expect(isVmResource(id("google_compute_address.vm", "google_compute_address", "vm"))).toBe(false);
    expect(isVmResource(id("data.google_compute_instance.x", "google_compute_instance", "x", "data"))).toBe(false);
  });
});
