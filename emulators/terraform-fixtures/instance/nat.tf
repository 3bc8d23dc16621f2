# Cloud NAT: two static addresses and the router whose NAT egresses from them.

resource "terraform_data" "nat_address_identity" {
  count = 2

  input = [var.project_id, var.region]
}

resource "terraform_data" "nat_address" {
  count = 2

  input = {
    create = {
      service = "compute"
      path    = "${local.region_path}/addresses"
      body    = { name = local.nat_addresses[count.index], address = local.nat_ips[count.index] }
    }
    destroy = { service = "compute", path = "${local.region_path}/addresses/${local.nat_addresses[count.index]}" }
  }
  # What forces a new one in GCP. Not triggers_replace: an imported terraform_data has none
  # (its import sets only the id), so it would be replaced; see ../README.md, "Import".
  lifecycle {
    replace_triggered_by = [terraform_data.nat_address_identity[count.index]]
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

# The real module's google_compute_router + google_compute_router_nat, as GCP stores them:
# one router whose `nats` entry names the addresses. Destroyed before the addresses (it
# depends on them), which GCP requires: an address a NAT uses cannot be deleted.
resource "terraform_data" "router_identity" {
  input = [var.project_id, var.region]
}

resource "terraform_data" "router" {
  input = {
    create = {
      service = "compute"
      path    = "${local.region_path}/routers"
      body = {
        name    = "default-router"
        network = local.network
        nats = [{
          name                          = "default-nat"
          natIpAllocateOption           = "MANUAL_ONLY"
          natIps                        = [for a in terraform_data.nat_address : "${local.region_path}/addresses/${a.output.create.body.name}"]
          sourceSubnetworkIpRangesToNat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
          logConfig                     = { enable = true, filter = "ERRORS_ONLY" }
        }]
      }
    }
    destroy = { service = "compute", path = "${local.region_path}/routers/default-router" }
  }
  # What forces a new one in GCP. Not triggers_replace: an imported terraform_data has none
  # (its import sets only the id), so it would be replaced; see ../README.md, "Import".
  lifecycle {
    replace_triggered_by = [terraform_data.router_identity]
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
