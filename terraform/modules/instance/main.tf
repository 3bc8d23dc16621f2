# The instance's front end, one state for the instance's whole life: the addresses the
# customer configures (the load balancer's IP in DNS, the NAT IPs on their code host), the
# HTTPS load balancer with its certificate and optional Cloud Armor allowlist, and the
# firewall rules. The red and black deployments (../deployment) each have their own state;
# the backend service reaches the serving one by its network endpoint group's name, so this
# state never depends on theirs. Apply a deployment first: GCP refuses a backend whose
# group does not exist.

locals {
  allowlisted = var.access_mode == "ip_allowlist"
  dns_record  = var.dns_project != "" && var.dns_managed_zone != ""

  # Built as a string, not a reference: the NEG belongs to the colour's own state.
  serving_neg = "projects/${var.project_id}/zones/${var.zone}/networkEndpointGroups/prod-${var.serving_colour}-neg"
}

# The address <domain> points at (RUNBOOK "Finding the external IPs": default-global-address).
resource "google_compute_global_address" "default" {
  project = var.project_id
  name    = "default-global-address"
}
