# The interface is shared with terraform/modules/instance: same output names.

output "global_address" {
  description = "The load balancer's IP; <domain> must point here."
  value       = terraform_data.global_address.output.create.body.address
}

output "nat_ips" {
  description = "The two Cloud NAT egress IPs the customer allows on their code host."
  value       = [for a in terraform_data.nat_address : a.output.create.body.address]
}

output "backend_service" {
  description = "Name of the backend service the colours are switched on."
  value       = terraform_data.backend_service.output.create.body.name
}

output "security_policy" {
  description = "Name of the Cloud Armor allowlist policy, or \"\" for public_sso."
  value       = local.allowlisted ? terraform_data.security_policy[0].output.create.body.name : ""
}

output "certificate" {
  description = "Name of the Google-managed certificate."
  value       = terraform_data.certificate.output.create.body.name
}
