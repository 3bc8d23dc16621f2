# Offline stand-in for terraform/modules/instance: the same interface, and the front end's
# resources created in the GCP emulator through its REST API by ../gcp-rest.mjs, run from
# terraform_data provisioners (providers cannot be downloaded here). ../README.md explains
# the pattern: `input.create` is the call that creates a resource, `input.destroy` the one
# that deletes it; `triggers_replace` holds what forces a new resource in GCP, and changes
# GCP makes in place are separate terraform_data resources that run the in-place call.
#
# Not created here (the emulator does not model them): health check, URL maps, proxies,
# forwarding rules and firewall rules.

locals {
  allowlisted = var.access_mode == "ip_allowlist"
  dns_record  = var.dns_project != "" && var.dns_managed_zone != ""

  project_path  = "projects/${var.project_id}"
  region_path   = "${local.project_path}/regions/${var.region}"
  backend_path  = "${local.project_path}/global/backendServices/prod-backend-service"
  policy_path   = "${local.project_path}/global/securityPolicies/prod-allowlist"
  network       = "${local.project_path}/global/networks/default"
  serving_neg   = "${local.project_path}/zones/${var.zone}/networkEndpointGroups/prod-${var.serving_colour}-neg"
  nat_addresses = [for i in range(2) : "default-nat-manual-ip-${i}"]

  # GCP picks these addresses. A provisioner cannot hand a value back to Terraform, so the
  # fixture reserves addresses of its own choosing (derived from the project, so stable) and
  # the emulator, like GCP for an address one owns, keeps the one requested.
  global_ip = local.derived_ip["global"]
  nat_ips   = [for i in range(2) : local.derived_ip["nat-${i}"]]
  derived_ip = {
    for k, first in { global = 34, "nat-0" = 35, "nat-1" = 35 } : k => join(".", [
      first,
      parseint(substr(sha256("${var.project_id}/${k}"), 0, 2), 16),
      parseint(substr(sha256("${var.project_id}/${k}"), 2, 2), 16),
      parseint(substr(sha256("${var.project_id}/${k}"), 4, 2), 16) % 254 + 1,
    ])
  }
}

resource "terraform_data" "global_address_identity" {
  input = [var.project_id]
}

resource "terraform_data" "global_address" {
  input = {
    create = {
      service = "compute"
      path    = "${local.project_path}/global/addresses"
      body    = { name = "default-global-address", address = local.global_ip }
    }
    destroy = { service = "compute", path = "${local.project_path}/global/addresses/default-global-address" }
  }
  # What forces a new one in GCP. Not triggers_replace: an imported terraform_data has none
  # (its import sets only the id), so it would be replaced; see ../README.md, "Import".
  lifecycle {
    replace_triggered_by = [terraform_data.global_address_identity]
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
