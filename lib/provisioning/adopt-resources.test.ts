import { describe, expect, it } from "vitest";
import { fillPlaceholders, importsForExisting, renderImportBlocks, type ImportManifest } from "./adopt-resources";

const manifest: ImportManifest = [
  { to: "terraform_data.global_address", id: "projects/{project_id}/global/addresses/default-global-address", resource: { service: "compute", path: "projects/{project_id}/global/addresses/default-global-address" } },
  { to: "terraform_data.router", id: "projects/{project_id}/regions/{region}/routers/default-router", resource: { service: "compute", path: "projects/{project_id}/regions/{region}/routers/default-router" } },
  { to: "terraform_data.security_policy[0]", id: "projects/{project_id}/global/securityPolicies/prod-allowlist", resource: { service: "compute", path: "projects/{project_id}/global/securityPolicies/prod-allowlist" }, when: "ip_allowlist" },
  { to: "terraform_data.dns_record[0]", id: "projects/{dns_project}/managedZones/z/rrsets/a./A", resource: { service: "dns", path: "projects/{dns_project}/managedZones/z/rrsets/a./A" }, when: "dns_record" },
];
const variables = { project_id: "sourcegraph-managed-acme", region: "us-central1", zone: "us-central1-f", bucket_name: "b" };

describe("adopting a hand-built deployment's resources", () => {
  it("imports what exists, leaves what does not for the plan to create, and skips what the configuration does not have", async () => {
    const asked: string[] = [];
    const exists = async (ref: { path: string }) => {
      asked.push(ref.path);
      return ref.path.endsWith("default-global-address");
    };
    const r = await importsForExisting(manifest, { moduleName: "instance", variables, accessMode: "public_sso" }, exists);
    expect(r.imports).toEqual([{ to: "module.instance.terraform_data.global_address", id: "projects/sourcegraph-managed-acme/global/addresses/default-global-address" }]);
    expect(r.absent).toEqual(["module.instance.terraform_data.router (projects/sourcegraph-managed-acme/regions/us-central1/routers/default-router)"]);
    // Not allowlisted: the policy is not in the configuration, so it is not even looked up; no DNS record either.
    expect(asked).toHaveLength(2);
  });

  it("looks up the allowlist policy of an allowlisted instance", async () => {
    const r = await importsForExisting(manifest, { moduleName: "instance", variables, accessMode: "ip_allowlist" }, async () => true);
    expect(r.imports.map((b) => b.to)).toContain("module.instance.terraform_data.security_policy[0]");
  });

  it("renders import blocks, and refuses an id that could break out of its string", () => {
    expect(renderImportBlocks([{ to: "module.instance.terraform_data.router", id: "projects/p/regions/r/routers/default-router" }])).toContain(
      'import {\n  to = module.instance.terraform_data.router\n  id = "projects/p/regions/r/routers/default-router"\n}',
    );
    expect(() => renderImportBlocks([{ to: "module.x.y", id: 'a"}\nresource "x" "y" {' }])).toThrow(/refusing/);
    expect(() => renderImportBlocks([{ to: "module.x.y", id: "${file(\"/etc/passwd\")}" }])).toThrow(/refusing/);
  });

  it("fails on a placeholder it has no value for, rather than importing the wrong id", () => {
    expect(() => fillPlaceholders("projects/{project}/x", variables)).toThrow("{project}");
  });
});
