# One colour of a red/black deployment (BRIEF §7), in a state of its own: the data disk, the
# VM running Sourcegraph with Docker Compose, and the network endpoint group the instance's
# backend service points at when this colour serves. An upgrade builds the other colour
# from a snapshot of this one's disk, switches the backend service (../instance), then
# destroys this state.

locals {
  name   = "prod-${var.colour}"
  labels = { deployment = var.slug, colour = var.colour }
}

resource "google_compute_disk" "data" {
  project = var.project_id
  zone    = var.zone
  name    = "${local.name}-data"
  type    = "pd-ssd"
  size    = var.data_disk_size_gb
  labels  = local.labels

  snapshot = var.data_disk_snapshot == "" ? null : var.data_disk_snapshot

  # Destroying the old colour after a switch must drop its disk too; the data lives on in
  # the new colour's disk and the upgrade snapshot.
  lifecycle {
    prevent_destroy = false
  }
}

resource "google_compute_instance" "vm" {
  project      = var.project_id
  zone         = var.zone
  name         = local.name
  machine_type = var.machine_type
  labels       = local.labels

  # A machine-type change stops and restarts the VM instead of failing the apply.
  allow_stopping_for_update = true

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
      size  = 50
      type  = "pd-balanced"
    }
  }

  attached_disk {
    source      = google_compute_disk.data.self_link
    device_name = "docker-data"
  }

  # No access_config: no external IP. Egress goes through the instance's Cloud NAT,
  # operators come in through IAP.
  network_interface {
    network = "default"
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }

  # A metadata key, not metadata_startup_script: editing the script updates the VM in place
  # instead of recreating it (RUNBOOK "Instance is recreated when startup script changes").
  metadata = {
    startup-script          = templatefile("${path.module}/startup-script.sh.tftpl", { deploy_ref = var.deploy_ref })
    enable-guest-attributes = "TRUE"
    sourcegraph-version     = var.sourcegraph_version
    deploy-ref              = var.deploy_ref
    # The cron job the startup script installs: health reports as guest attributes (no SSH per check).
    sourcegraph-health-report = file("${path.module}/health-report.sh")
  }
}

resource "google_compute_network_endpoint_group" "neg" {
  project               = var.project_id
  zone                  = var.zone
  name                  = "${local.name}-neg"
  network               = "default"
  network_endpoint_type = "GCE_VM_IP_PORT"
  default_port          = 80
}

# Caddy on the VM's port 80 is the load balancer's endpoint.
resource "google_compute_network_endpoint" "vm" {
  project                = var.project_id
  zone                   = var.zone
  network_endpoint_group = google_compute_network_endpoint_group.neg.name
  instance               = google_compute_instance.vm.name
  ip_address             = google_compute_instance.vm.network_interface[0].network_ip
  port                   = 80
}
