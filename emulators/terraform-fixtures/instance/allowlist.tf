# access_mode = "ip_allowlist": the Cloud Armor policy, its rules, and its attachment to the
# backend service (the provider creates the service, then calls setSecurityPolicy).

locals {
  # Cloud Armor takes at most 10 source ranges per rule.
  allowlist_rules = concat(
    [for i, chunk in chunklist(var.allowlist_cidrs, 10) : {
      priority    = 1000 + i
      action      = "allow"
      description = "customer networks, part ${i + 1}"
      match       = { versionedExpr = "SRC_IPS_V1", config = { srcIpRanges = chunk } }
    }],
    [{
      priority    = 2147483647
      action      = "deny(403)"
      description = "everyone else"
      match       = { versionedExpr = "SRC_IPS_V1", config = { srcIpRanges = ["*"] } }
    }],
  )
}

resource "terraform_data" "security_policy_identity" {
  count = local.allowlisted ? 1 : 0

  input = [var.project_id]
}

resource "terraform_data" "security_policy" {
  count = local.allowlisted ? 1 : 0

  input = {
    create = {
      service = "compute"
      path    = "${local.project_path}/global/securityPolicies"
      body = {
        name        = "prod-allowlist"
        description = "Managed instance ${var.slug}: only the customer's networks"
        rules       = local.allowlist_rules
      }
    }
    destroy = { service = "compute", path = local.policy_path }
  }
  # New CIDRs change the rules in place (below), never the policy.
  # What forces a new one in GCP. Not triggers_replace: an imported terraform_data has none
  # (its import sets only the id), so it would be replaced; see ../README.md, "Import".
  lifecycle {
    replace_triggered_by = [terraform_data.security_policy_identity[count.index]]
  }

  provisioner "local-exec" {
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "insert"
    environment = { ARGS = jsonencode(self.input.create) }
  }

  provisioner "local-exec" {
    when        = destroy
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "delete"
    environment = { ARGS = jsonencode(self.input.destroy) }
  }
}

# The provider's in-place rule update: addRule / patchRule / removeRule until the policy has
# exactly these rules. Replaced (re-run) whenever the rules change; a no-op right after the
# policy was created with them. Nothing to undo on destroy.
resource "terraform_data" "allowlist_rules" {
  count = local.allowlisted ? 1 : 0

  input = {
    create = { service = "compute", path = terraform_data.security_policy[0].output.destroy.path, rules = local.allowlist_rules }
  }
  triggers_replace = [local.allowlist_rules, terraform_data.security_policy[0].id, local.allowlist_rules_refresh]

  provisioner "local-exec" {
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "security-policy-rules"
    environment = { ARGS = jsonencode(self.input.create) }
  }
}

# Destroyed before the policy and the backend service (it depends on both), detaching the
# policy first: GCP refuses to delete a policy a backend service uses.
resource "terraform_data" "security_policy_attachment" {
  count = local.allowlisted ? 1 : 0

  input = {
    create = {
      service = "compute"
      path    = "${terraform_data.backend_service.output.destroy.path}/setSecurityPolicy"
      body    = { securityPolicy = terraform_data.security_policy[0].output.destroy.path }
    }
    destroy = {
      service        = "compute"
      path           = "${terraform_data.backend_service.output.destroy.path}/setSecurityPolicy"
      body           = {}
      ignoreNotFound = true
    }
  }
  triggers_replace = [terraform_data.security_policy[0].id, terraform_data.backend_service.id, local.security_policy_attachment_refresh]

  provisioner "local-exec" {
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "post"
    environment = { ARGS = jsonencode(self.input.create) }
  }

  provisioner "local-exec" {
    when        = destroy
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "post"
    environment = { ARGS = jsonencode(self.input.destroy) }
  }
}
