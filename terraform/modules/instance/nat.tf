# Egress: the VMs have no external IP, so everything they send leaves through Cloud NAT
# from two static addresses the customer can allow on their code host.

resource "google_compute_address" "nat" {
  count = 2

  project = var.project_id
  region  = var.region
  name    = "default-nat-manual-ip-${count.index}"
}

resource "google_compute_router" "default" {
  project = var.project_id
  region  = var.region
  name    = "default-router"
  network = "default"
}

resource "google_compute_router_nat" "default" {
  project = var.project_id
  region  = var.region
  name    = "default-nat"
  router  = google_compute_router.default.name

  # MANUAL_ONLY keeps egress on exactly these addresses: an automatic one would be an IP
  # the customer never allowed.
  nat_ip_allocate_option             = "MANUAL_ONLY"
  nat_ips                            = google_compute_address.nat[*].self_link
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}
