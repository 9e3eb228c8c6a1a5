#!/usr/bin/env bash
# Installs Debian's nginx for the reloader e2e tests when it is missing.
# CI runs as root on a fresh machine; elsewhere, without root, it says what to do.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "nginx is not installed and this is not root: run 'apt-get install -y nginx-light'" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d keeps the package from starting a system nginx on port 80.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get install -y -qq nginx-light >/dev/null
