# The interface is shared with emulators/terraform-fixtures/instance: same output names.

output "global_address" {
  description = "The load balancer's IP; <domain> must point here."
  value       = google_compute_global_address.default.address
}

output "nat_ips" {
  description = "The two Cloud NAT egress IPs the customer allows on their code host."
  value       = google_compute_address.nat[*].address
}

output "backend_service" {
  description = "Name of the backend service the colours are switched on."
  value       = google_compute_backend_service.default.name
}

output "security_policy" {
  description = "Name of the Cloud Armor allowlist policy, or \"\" for public_sso."
  value       = local.allowlisted ? google_compute_security_policy.allowlist[0].name : ""
}

output "certificate" {
  description = "Name of the Google-managed certificate."
  value       = google_compute_managed_ssl_certificate.default.name
}
