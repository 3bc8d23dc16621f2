# Refresh: what the google provider reads back at plan time, read here from the GCP
# emulator's observed-state bucket (../README.md, "Refresh"). A data source is read during
# plan, so a change made behind Terraform's back (backendServices.patch, securityPolicies
# removeRule/patchRule, setSecurityPolicy) is in this plan. The in-place settings resources
# carry `*_refresh` in their triggers_replace: "in-sync" while the live resource matches the
# configuration, unknown until apply otherwise (the plan replaces the settings resource, whose
# creation converges the resource), and "in-sync" again once applied, so the next plan is clean.

data "terraform_remote_state" "observed_backend_service" {
  backend = "gcs"
  config  = { bucket = "goog-emulator-observed", prefix = local.backend_path }
}

data "terraform_remote_state" "observed_security_policy" {
  count   = local.allowlisted ? 1 : 0
  backend = "gcs"
  config  = { bucket = "goog-emulator-observed", prefix = local.policy_path }
}

locals {
  observed_backend_service = jsondecode(data.terraform_remote_state.observed_backend_service.outputs.resource)
  observed_backend_groups  = [for b in try(local.observed_backend_service.backends, []) : b.group]
  observed_policy          = try(jsondecode(data.terraform_remote_state.observed_security_policy[0].outputs.resource), {})

  # Rules compared by priority: action and source ranges (what the configuration sets).
  observed_rules = try(jsonencode({ for r in local.observed_policy.rules : tostring(r.priority) => [r.action, r.match.config.srcIpRanges] }), "unreadable")
  desired_rules  = jsonencode({ for r in local.allowlist_rules : tostring(r.priority) => [r.action, r.match.config.srcIpRanges] })

  serving_backend_in_sync = (data.terraform_remote_state.observed_backend_service.outputs.exists
  && length(local.observed_backend_groups) == 1 && endswith(try(local.observed_backend_groups[0], ""), local.serving_neg))
  allowlist_rules_in_sync = local.allowlisted && local.observed_rules == local.desired_rules
  security_policy_attachment_in_sync = (local.allowlisted
  && endswith(try(local.observed_backend_service.securityPolicy, ""), local.policy_path))

  # substr(timestamp(), 0, 0) is "" at apply and unknown at plan: "in-sync" either way once applied.
  serving_backend_refresh            = local.serving_backend_in_sync ? "in-sync" : "in-sync${substr(timestamp(), 0, 0)}"
  allowlist_rules_refresh            = local.allowlist_rules_in_sync ? "in-sync" : "in-sync${substr(timestamp(), 0, 0)}"
  security_policy_attachment_refresh = local.security_policy_attachment_in_sync ? "in-sync" : "in-sync${substr(timestamp(), 0, 0)}"
}
