#!/usr/bin/env bash
# Installs a Java 17+ runtime and Maven for the Apache Kafka runner (tools/kafka: `npm run kafka`,
# `npm run kafka:tool` and their tests). Idempotent: does nothing when both are on the PATH, and
# refreshes the apt package lists only when they are missing or too stale to install from.
set -euo pipefail

java_ok() {
  command -v java >/dev/null 2>&1 || return 1
  # "17.0.15" → 17; "1.8.0_402" → 1 (too old either way).
  local major
  major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  [ -n "$major" ] && [ "$major" -ge 17 ]
}

packages=()
java_ok || packages+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)

if [ "${#packages[@]}" -eq 0 ]; then
  echo "java and maven already installed: $(java -version 2>&1 | head -n 1); $(mvn -v 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g" | head -n 1)"
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
}

# As in install-kcat.sh: empty lists (a fresh image) or stale ones (a 404) need one update.
if apt-cache policy "${packages[@]}" 2>/dev/null | grep -q 'Candidate: [0-9]' && install_packages; then
  :
else
  run_as_root apt-get update
  install_packages
fi

echo "installed ${packages[*]}: $(java -version 2>&1 | head -n 1); $(mvn -v 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g" | head -n 1)"
