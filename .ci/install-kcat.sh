#!/usr/bin/env bash
# Installs kcat (the librdkafka command-line client) for the kcat end-to-end test and the broker
# benchmark. Idempotent: does nothing when kcat is already on the PATH, and refreshes the apt
# package lists only when they are missing or too stale to install kcat.
set -euo pipefail

if command -v kcat >/dev/null 2>&1; then
  echo "kcat already installed: $(kcat -V 2>&1 | grep -m1 Version)"
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_kcat() {
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends kcat
}

# A fresh image has empty package lists (apt-cache knows no candidate); stale lists make the
# download fail with a 404. Either way one `apt-get update` and a retry fixes it.
if apt-cache policy kcat 2>/dev/null | grep -q 'Candidate: [0-9]' && install_kcat; then
  :
else
  run_as_root apt-get update
  install_kcat
fi

echo "kcat installed: $(kcat -V 2>&1 | grep -m1 Version)"
