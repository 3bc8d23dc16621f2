# Ingress to the VMs (network `default`, no external IPs): operators through IAP, and the
# load balancer's proxies and health checks.

# RUNBOOK "Port-forwarding": SSH, Caddy (80), Grafana (3370) and Jaeger (16686) through IAP
# TCP forwarding, whose traffic comes from 35.235.240.0/20; other ports stay closed.
resource "google_compute_firewall" "iap" {
  project       = var.project_id
  name          = "prod-allow-iap-tcp-ingress"
  network       = "default"
  direction     = "INGRESS"
  source_ranges = ["35.235.240.0/20"]

  allow {
    protocol = "tcp"
    ports    = ["22", "80", "3370", "16686"]
  }
}

# Google's front ends and health checkers reach the NEG's endpoints from these ranges.
resource "google_compute_firewall" "load_balancer" {
  project       = var.project_id
  name          = "prod-allow-lb-health-checks"
  network       = "default"
  direction     = "INGRESS"
  source_ranges = ["35.191.0.0/16", "130.211.0.0/22"]

  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
}
