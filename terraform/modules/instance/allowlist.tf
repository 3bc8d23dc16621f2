# access_mode = "ip_allowlist": a Cloud Armor policy on the backend service admits only the
# customer's networks and answers everyone else 403.

locals {
  # Cloud Armor takes at most 10 source ranges per rule.
  allowlist_chunks = chunklist(var.allowlist_cidrs, 10)
}

resource "google_compute_security_policy" "allowlist" {
  count = local.allowlisted ? 1 : 0

  project     = var.project_id
  name        = "prod-allowlist"
  description = "Managed instance ${var.slug}: only the customer's networks"

  dynamic "rule" {
    for_each = local.allowlist_chunks
    content {
      action      = "allow"
      priority    = 1000 + rule.key
      description = "customer networks, part ${rule.key + 1}"

      match {
        versioned_expr = "SRC_IPS_V1"
        config {
          src_ip_ranges = rule.value
        }
      }
    }
  }

  # The default rule (lowest priority) must exist; here it refuses everything not allowed above.
  rule {
    action      = "deny(403)"
    priority    = 2147483647
    description = "everyone else"

    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }
}
