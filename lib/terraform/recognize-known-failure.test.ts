import { describe, expect, it } from "vitest";
import { recognizeKnownFailure } from "./recognize-known-failure";

/** Verbatim from RUNBOOK FAQ "googleapi: Error 400: The network_endpoint_group resource ... is already being used". */
const RUNBOOK_LINE =
  "Error: Error when reading or editing NetworkEndpointGroup: googleapi: Error 400: The network_endpoint_group resource 'projects/sourcegraph-managed-acme/zones/us-central1-f/networkEndpointGroups/prod-neg' is already being used by 'projects/sourcegraph-managed-acme/global/backendServices/prod-backend-service', resourceInUseByAnotherResource";

describe("recognizeKnownFailure", () => {
  it("recognises the runbook's NEG error and names both resources", () => {
    const failure = recognizeKnownFailure([
      "terraform_data.vm: Destroying...",
      RUNBOOK_LINE,
      "terraform apply finished: exit code 1",
    ]);
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe("neg_in_use");
    expect(failure!.title).toBe("Network endpoint group is still in use by another resource");
    expect(failure!.resource).toBe("projects/sourcegraph-managed-acme/zones/us-central1-f/networkEndpointGroups/prod-neg");
    expect(failure!.usedBy).toBe("projects/sourcegraph-managed-acme/global/backendServices/prod-backend-service");
    expect(failure!.line).toBe(RUNBOOK_LINE);
    expect(failure!.remedy).toMatch(/locate .* in GCP yourself/i);
    expect(failure!.remedy).toMatch(/delete it manually/);
    expect(failure!.remedy).toMatch(/terraform apply again/);
    expect(failure!.steps).toHaveLength(3);
  });

  it("sees through ANSI colours, the diagnostic frame and line wrapping", () => {
    const failure = recognizeKnownFailure([
      "\u001b[31m╷\u001b[0m",
      "\u001b[31m│\u001b[0m \u001b[1m\u001b[31mError: \u001b[0mError when reading or editing NetworkEndpointGroup: googleapi: Error 400: The",
      "\u001b[31m│\u001b[0m network_endpoint_group resource 'projects/p/zones/z/networkEndpointGroups/prod-neg' is already",
      "\u001b[31m│\u001b[0m being used by 'projects/p/global/backendServices/prod-backend-service',",
      "\u001b[31m│\u001b[0m resourceInUseByAnotherResource",
      "\u001b[31m╵\u001b[0m",
    ]);
    expect(failure?.code).toBe("neg_in_use");
    expect(failure?.resource).toBe("projects/p/zones/z/networkEndpointGroups/prod-neg");
    expect(failure?.usedBy).toBe("projects/p/global/backendServices/prod-backend-service");
    expect(failure?.line).toContain("resourceInUseByAnotherResource");
  });

  it("recognises the error from a rendered -json diagnostic (summary + indented detail)", () => {
    const failure = recognizeKnownFailure([
      "Error: Error when reading or editing NetworkEndpointGroup",
      "  with google_compute_network_endpoint_group.neg:",
      "  googleapi: Error 400: The network_endpoint_group resource 'projects/p/zones/z/networkEndpointGroups/n' is already being used by 'projects/p/global/backendServices/b', resourceInUseByAnotherResource",
    ]);
    expect(failure).toMatchObject({ code: "neg_in_use", resource: "projects/p/zones/z/networkEndpointGroups/n" });
  });

  it("still recognises the reason code when the sentence is shaped differently", () => {
    const failure = recognizeKnownFailure(["googleapi: Error 400: resource busy, resourceInUseByAnotherResource"]);
    expect(failure).toMatchObject({ code: "neg_in_use", resource: null, usedBy: null });
    expect(failure!.remedy).toContain("the network endpoint group named in the error");
  });

  it("words the title for other resources with the same ordering bug", () => {
    const failure = recognizeKnownFailure([
      "googleapi: Error 400: The backend_service resource 'projects/p/global/backendServices/b' is already being used by 'projects/p/global/urlMaps/u', resourceInUseByAnotherResource",
    ]);
    expect(failure?.code).toBe("neg_in_use");
    expect(failure?.title).toBe("A GCP backend service is still in use by another resource");
  });

  it("returns null for other failures and for an empty log", () => {
    expect(recognizeKnownFailure([])).toBeNull();
    expect(
      recognizeKnownFailure([
        "Error: Error creating Instance: googleapi: Error 409: The resource 'projects/p/zones/z/instances/vm' already exists, alreadyExists",
        "Error: Invalid value for variable",
      ]),
    ).toBeNull();
  });
});
