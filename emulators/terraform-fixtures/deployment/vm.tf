# The colour's VM. Named `vm` like the real module's google_compute_instance.vm, which
# lib/terraform/summarize-plan.ts recognises when a plan recreates it (downtime).

resource "terraform_data" "vm" {
  input = {
    create = {
      service = "compute"
      path    = "${local.zone_path}/instances"
      body = {
        name        = local.name
        machineType = "zones/${var.zone}/machineTypes/${var.machine_type}"
        labels      = local.labels
        disks = [
          {
            boot       = true
            autoDelete = true
            initializeParams = {
              sourceImage = "projects/debian-cloud/global/images/family/debian-12"
              diskSizeGb  = "50"
              diskType    = "zones/${var.zone}/diskTypes/pd-balanced"
            }
          },
          { source = terraform_data.data_disk.output.destroy.path, deviceName = "docker-data", mode = "READ_WRITE" },
        ]
        # No accessConfigs: no external IP (egress through the instance's Cloud NAT).
        networkInterfaces      = [{ network = "projects/${var.project_id}/global/networks/default" }]
        shieldedInstanceConfig = { enableSecureBoot = true, enableVtpm = true, enableIntegrityMonitoring = true }
        metadata               = { items = local.metadata_items }
      }
    }
    destroy = { service = "compute", path = local.vm_path }
  }
  # What forces a new VM in GCP. Machine type and metadata change in place (vm_settings).
  # Not the data disk: as with the real module, a new data disk under a running colour
  # fails (GCP will not delete a disk a VM uses); red/black builds a new colour instead.
  triggers_replace = [var.project_id, var.zone, var.colour]

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

# What the real module updates in place (allow_stopping_for_update = true): a new machine
# type is stop → setMachineType → start, new metadata is setMetadata with the current
# fingerprint. A terraform_data runs provisioners only on create, so this is replaced
# whenever those settings change, and its creation converges the VM (a no-op right after
# the VM was created with them). Nothing to undo on destroy.
resource "terraform_data" "vm_settings" {
  input = {
    create = {
      service     = "compute"
      path        = terraform_data.vm.output.destroy.path
      machineType = "zones/${var.zone}/machineTypes/${var.machine_type}"
      metadata    = local.metadata_items
    }
  }
  triggers_replace = [var.machine_type, local.metadata_items, terraform_data.vm.id, local.vm_settings_refresh]

  provisioner "local-exec" {
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "instance-settings"
    environment = { ARGS = jsonencode(self.input.create) }
  }
}
