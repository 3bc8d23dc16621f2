# <domain>. → the global address, in the zone that holds the customer's hostname (RUNBOOK:
# "create a DNS entry" in the infrastructure repository). Only when both are configured:
# without the record the managed certificate never leaves PROVISIONING.
resource "google_dns_record_set" "domain" {
  count = local.dns_record ? 1 : 0

  project      = var.dns_project
  managed_zone = var.dns_managed_zone
  name         = "${var.domain}."
  type         = "A"
  ttl          = 300
  rrdatas      = [google_compute_global_address.default.address]
}
