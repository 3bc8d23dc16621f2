# The interface is shared with terraform/modules/deployment: same output names.

output "vm_name" {
  description = "Name of the colour's VM (prod-<colour>)."
  value       = terraform_data.vm.output.create.body.name
}

output "data_disk" {
  description = "Name of the colour's data disk (prod-<colour>-data); upgrades snapshot it."
  value       = terraform_data.data_disk.output.create.body.name
}

output "neg" {
  description = "Name of the colour's network endpoint group (prod-<colour>-neg)."
  value       = terraform_data.neg.output.create.body.name
}
