# The interface is shared with emulators/terraform-fixtures/deployment: same output names.

output "vm_name" {
  description = "Name of the colour's VM (prod-<colour>)."
  value       = google_compute_instance.vm.name
}

output "data_disk" {
  description = "Name of the colour's data disk (prod-<colour>-data); upgrades snapshot it."
  value       = google_compute_disk.data.name
}

output "neg" {
  description = "Name of the colour's network endpoint group (prod-<colour>-neg)."
  value       = google_compute_network_endpoint_group.neg.name
}
