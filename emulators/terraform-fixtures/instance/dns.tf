# <domain>. → the global address in Cloud DNS, only when both the project and zone are set.
resource "terraform_data" "dns_record_identity" {
  count = local.dns_record ? 1 : 0

  input = [var.dns_project, var.dns_managed_zone, var.domain, local.global_ip]
}

resource "terraform_data" "dns_record" {
  count = local.dns_record ? 1 : 0

  input = {
    create = {
      service = "dns"
      path    = "projects/${var.dns_project}/managedZones/${var.dns_managed_zone}/rrsets"
      body = {
        name    = "${var.domain}."
        type    = "A"
        ttl     = 300
        rrdatas = [terraform_data.global_address.output.create.body.address]
      }
    }
    destroy = { service = "dns", path = "projects/${var.dns_project}/managedZones/${var.dns_managed_zone}/rrsets/${var.domain}./A" }
  }
  # What forces a new one in GCP. Not triggers_replace: an imported terraform_data has none
  # (its import sets only the id), so it would be replaced; see ../README.md, "Import".
  lifecycle {
    replace_triggered_by = [terraform_data.dns_record_identity[count.index]]
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
