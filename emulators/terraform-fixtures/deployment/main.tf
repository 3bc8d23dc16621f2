# Offline stand-in for terraform/modules/deployment: the same interface, and one colour's
# data disk, VM and network endpoint group created in the GCP emulator through its REST
# API by ../gcp-rest.mjs, run from terraform_data provisioners (providers cannot be
# downloaded here). ../README.md explains the pattern.
#
# Destroy order follows the dependencies: the endpoint is detached, then the NEG deleted
# (it depends on the VM), then the VM (which auto-deletes its boot disk), then the data disk.
# A NEG the backend service still points at cannot be deleted: GCP's
# resourceInUseByAnotherResource, the RUNBOOK's FAQ error.

locals {
  name      = "prod-${var.colour}"
  zone_path = "projects/${var.project_id}/zones/${var.zone}"
  vm_path   = "${local.zone_path}/instances/${local.name}"
  neg_path  = "${local.zone_path}/networkEndpointGroups/${local.name}-neg"
  labels    = { deployment = var.slug, colour = var.colour }

  snapshot = (var.data_disk_snapshot == "" ? "" :
  strcontains(var.data_disk_snapshot, "/") ? var.data_disk_snapshot : "projects/${var.project_id}/global/snapshots/${var.data_disk_snapshot}")

  # The real module's startup script (a copy of its template, kept identical by
  # module-interfaces.test.ts), so the emulated VM's metadata is what production's would be.
  metadata_items = [
    { key = "startup-script", value = templatefile("${path.module}/startup-script.sh.tftpl", { deploy_ref = var.deploy_ref }) },
    { key = "enable-guest-attributes", value = "TRUE" },
    { key = "sourcegraph-version", value = var.sourcegraph_version },
    { key = "deploy-ref", value = var.deploy_ref },
    # The health report cron job's script (a copy of the real module's, kept identical by module-interfaces.test.ts).
    { key = "sourcegraph-health-report", value = file("${path.module}/health-report.sh") },
  ]
}

resource "terraform_data" "data_disk" {
  input = {
    create = {
      service = "compute"
      path    = "${local.zone_path}/disks"
      body = merge(
        {
          name   = "${local.name}-data"
          type   = "${local.zone_path}/diskTypes/pd-ssd"
          sizeGb = tostring(var.data_disk_size_gb)
          labels = local.labels
        },
        { for k, v in { sourceSnapshot = local.snapshot } : k => v if v != "" },
      )
    }
    destroy = { service = "compute", path = "${local.zone_path}/disks/${local.name}-data" }
  }
  # What forces a new disk in GCP; the size grows in place (data_disk_size below).
  triggers_replace = [var.project_id, var.zone, var.colour, local.snapshot]

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

# disks.resize when data_disk_size_gb changes (a no-op right after creation). GCP only grows
# disks: a smaller size fails with GCP's error.
resource "terraform_data" "data_disk_size" {
  input = {
    create = { service = "compute", path = terraform_data.data_disk.output.destroy.path, sizeGb = var.data_disk_size_gb }
  }
  triggers_replace = [var.data_disk_size_gb, terraform_data.data_disk.id, local.data_disk_size_refresh]

  provisioner "local-exec" {
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "resize-disk"
    environment = { ARGS = jsonencode(self.input.create) }
  }
}
