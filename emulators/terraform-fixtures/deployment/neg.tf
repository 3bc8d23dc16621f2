# The colour's network endpoint group, with the VM's port 80 (Caddy) as its endpoint.

resource "terraform_data" "neg" {
  input = {
    create = {
      service = "compute"
      path    = "${local.zone_path}/networkEndpointGroups"
      body = {
        name                = "${local.name}-neg"
        networkEndpointType = "GCE_VM_IP_PORT"
        network             = "projects/${var.project_id}/global/networks/default"
        defaultPort         = 80
      }
    }
    destroy = { service = "compute", path = local.neg_path }
  }
  triggers_replace = [var.project_id, var.zone, var.colour]

  # Deleted before the VM, as the brief's order (and GCP's) wants: the group goes first.
  depends_on = [terraform_data.vm]

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

# google_compute_network_endpoint: attached on create, detached on destroy; a new VM (or
# group) means a new endpoint. No ipAddress: GCP uses the VM's primary internal IP.
resource "terraform_data" "network_endpoint" {
  input = {
    create = {
      service = "compute"
      path    = "${terraform_data.neg.output.destroy.path}/attachNetworkEndpoints"
      body    = { networkEndpoints = [{ instance = terraform_data.vm.output.create.body.name, port = 80 }] }
    }
    destroy = {
      service        = "compute"
      path           = "${terraform_data.neg.output.destroy.path}/detachNetworkEndpoints"
      body           = { networkEndpoints = [{ instance = terraform_data.vm.output.create.body.name, port = 80 }] }
      ignoreNotFound = true
    }
  }
  triggers_replace = [terraform_data.neg.id, terraform_data.vm.id]

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
