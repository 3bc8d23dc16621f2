#!/usr/bin/env bash
# Installed by the startup script as a cron job (every minute, /etc/cron.d/sourcegraph-health-report).
# Publishes what the control plane's health checks need as guest attributes of this VM, in the
# namespace "sourcegraph", so they are read with instances.getGuestAttributes: no SSH per check,
# and no need to reach the public URL (an IP allowlist refuses the control plane there).
#   containers   one JSON object per line: {"Names":…,"Status":…} (`docker ps --all`)
#   healthz      the HTTP status of GET /healthz on Caddy (port 80), 000 when nothing answers
#   version      the body of GET /__version on Caddy (the running release), empty when none
#   reported-at  when this report was made (Unix seconds): a stale report means the cron stopped
set -uo pipefail

GUEST_ATTRIBUTES=http://metadata.google.internal/computeMetadata/v1/instance/guest-attributes/sourcegraph

publish() {
  curl -fsS -m 5 -X PUT -H 'Metadata-Flavor: Google' --data-binary "$2" "$GUEST_ATTRIBUTES/$1" >/dev/null
}

containers=$(docker ps --all --format '{"Names":"{{.Names}}","Status":"{{.Status}}"}' 2>/dev/null | head -c 4000)
healthz=$(curl -s -o /dev/null -m 5 -w '%{http_code}' http://localhost/healthz)
version=$(curl -fsS -m 5 http://localhost/__version 2>/dev/null | head -c 100)

publish containers "$containers"
publish healthz "${healthz:-000}"
publish version "$version"
publish reported-at "$(date -u +%s)"
