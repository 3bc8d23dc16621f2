# Global external Application Load Balancer: HTTPS on the global address, a Google-managed
# certificate for the domain, one backend service pointing at the serving colour's NEG.

resource "google_compute_health_check" "default" {
  project = var.project_id
  name    = "prod-health-check"

  http_health_check {
    port_specification = "USE_SERVING_PORT"
    request_path       = "/healthz"
  }
}

resource "google_compute_backend_service" "default" {
  project               = var.project_id
  name                  = "prod-backend-service"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTP"
  port_name             = "http"
  health_checks         = [google_compute_health_check.default.id]

  # Only Cloud Armor can allowlist clients: behind a proxy the VM sees the proxy's address,
  # so firewall rules cannot (REALITY.md).
  security_policy = local.allowlisted ? google_compute_security_policy.allowlist[0].id : null

  # Switching colours edits this backend in place (one update, no replacement).
  backend {
    group                 = local.serving_neg
    balancing_mode        = "RATE"
    max_rate_per_endpoint = 1000
    capacity_scaler       = 1
  }
}

resource "google_compute_url_map" "default" {
  project         = var.project_id
  name            = "prod-url-map"
  default_service = google_compute_backend_service.default.id
}

# Stays PROVISIONING until DNS points the domain at the global address (the handbook saw 1h41m).
resource "google_compute_managed_ssl_certificate" "default" {
  project = var.project_id
  name    = "default-ssl-cert"

  managed {
    domains = [var.domain]
  }
}

resource "google_compute_target_https_proxy" "default" {
  project          = var.project_id
  name             = "prod-https-proxy"
  url_map          = google_compute_url_map.default.id
  ssl_certificates = [google_compute_managed_ssl_certificate.default.id]
}

resource "google_compute_global_forwarding_rule" "https" {
  project               = var.project_id
  name                  = "prod-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_protocol           = "TCP"
  port_range            = "443"
  ip_address            = google_compute_global_address.default.id
  target                = google_compute_target_https_proxy.default.id
}

# Plain HTTP on the same address only redirects to HTTPS.
resource "google_compute_url_map" "http_redirect" {
  project = var.project_id
  name    = "prod-http-redirect"

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }
}

resource "google_compute_target_http_proxy" "http_redirect" {
  project = var.project_id
  name    = "prod-http-proxy"
  url_map = google_compute_url_map.http_redirect.id
}

resource "google_compute_global_forwarding_rule" "http" {
  project               = var.project_id
  name                  = "prod-http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_protocol           = "TCP"
  port_range            = "80"
  ip_address            = google_compute_global_address.default.id
  target                = google_compute_target_http_proxy.http_redirect.id
}
