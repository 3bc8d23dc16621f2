# The managed certificate and the backend service; which colour serves is an attachment of
# its own (below), so switching colours changes the backend service in place.

resource "terraform_data" "certificate_identity" {
  input = [var.project_id, var.domain]
}

resource "terraform_data" "certificate" {
  input = {
    create = {
      service = "compute"
      path    = "${local.project_path}/global/sslCertificates"
      body    = { name = "default-ssl-cert", type = "MANAGED", managed = { domains = [var.domain] } }
    }
    destroy = { service = "compute", path = "${local.project_path}/global/sslCertificates/default-ssl-cert" }
  }
  # A managed certificate's domains cannot change: a new domain is a new certificate.
  # What forces a new one in GCP. Not triggers_replace: an imported terraform_data has none
  # (its import sets only the id), so it would be replaced; see ../README.md, "Import".
  lifecycle {
    replace_triggered_by = [terraform_data.certificate_identity]
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

resource "terraform_data" "backend_service_identity" {
  input = [var.project_id]
}

resource "terraform_data" "backend_service" {
  input = {
    create = {
      service = "compute"
      path    = "${local.project_path}/global/backendServices"
      body = {
        name                = "prod-backend-service"
        loadBalancingScheme = "EXTERNAL_MANAGED"
        protocol            = "HTTP"
        portName            = "http"
      }
    }
    destroy = { service = "compute", path = local.backend_path }
  }
  # What forces a new one in GCP. Not triggers_replace: an imported terraform_data has none
  # (its import sets only the id), so it would be replaced; see ../README.md, "Import".
  lifecycle {
    replace_triggered_by = [terraform_data.backend_service_identity]
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

# Which colour's NEG the backend service sends users to. The real module changes its
# `backend` block in place (one PATCH of the backend service). A terraform_data cannot run a
# provisioner on update, only on create, so the attachment is its own resource replaced
# whenever serving_colour changes: its creation PATCHes `backends` (with the current
# fingerprint, as the provider does), which is that same in-place change. Destroying it does
# nothing: the next attachment's PATCH replaces the list, and destroying the whole front end
# deletes the backend service itself. The NEG must already exist (apply the colour's
# deployment first): GCP refuses a backend whose group does not.
resource "terraform_data" "serving_backend" {
  input = {
    create = {
      service = "compute"
      path    = terraform_data.backend_service.output.destroy.path
      body = {
        backends = [{
          group              = local.serving_neg
          balancingMode      = "RATE"
          maxRatePerEndpoint = 1000
          capacityScaler     = 1
        }]
      }
    }
  }
  triggers_replace = [var.serving_colour, terraform_data.backend_service.id, local.serving_backend_refresh]

  provisioner "local-exec" {
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "patch"
    environment = { ARGS = jsonencode(self.input.create) }
  }
}
