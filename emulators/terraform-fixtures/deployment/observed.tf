# Refresh: what the google provider reads back at plan time, read here from the GCP
# emulator's observed-state bucket (../README.md, "Refresh"). A data source is read during
# plan, so a change made behind Terraform's back (setMachineType, setMetadata, disks.resize)
# is in this plan. The in-place settings resources carry `*_refresh` in their
# triggers_replace: "in-sync" while the live resource matches the configuration, unknown
# until apply otherwise (so the plan replaces the settings resource, whose creation converges
# the resource), and "in-sync" again once applied, so the next plan is clean.

data "terraform_remote_state" "observed_vm" {
  backend = "gcs"
  config  = { bucket = "goog-emulator-observed", prefix = local.vm_path }
}

data "terraform_remote_state" "observed_data_disk" {
  backend = "gcs"
  config  = { bucket = "goog-emulator-observed", prefix = "${local.zone_path}/disks/${local.name}-data" }
}

locals {
  observed_vm        = jsondecode(data.terraform_remote_state.observed_vm.outputs.resource)
  observed_data_disk = jsondecode(data.terraform_remote_state.observed_data_disk.outputs.resource)
  observed_metadata  = { for item in try(local.observed_vm.metadata.items, []) : item.key => item.value }

  vm_settings_in_sync = (data.terraform_remote_state.observed_vm.outputs.exists
    && endswith(try(local.observed_vm.machineType, ""), "/machineTypes/${var.machine_type}")
  && alltrue([for item in local.metadata_items : lookup(local.observed_metadata, item.key, null) == item.value]))
  data_disk_size_in_sync = (data.terraform_remote_state.observed_data_disk.outputs.exists
  && try(tonumber(local.observed_data_disk.sizeGb), -1) == var.data_disk_size_gb)

  # substr(timestamp(), 0, 0) is "" at apply and unknown at plan: "in-sync" either way once applied.
  vm_settings_refresh    = local.vm_settings_in_sync ? "in-sync" : "in-sync${substr(timestamp(), 0, 0)}"
  data_disk_size_refresh = local.data_disk_size_in_sync ? "in-sync" : "in-sync${substr(timestamp(), 0, 0)}"
}
