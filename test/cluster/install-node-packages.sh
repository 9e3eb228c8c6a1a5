#!/usr/bin/env bash
# Installs, from Debian's packages, what the real node of the local cluster
# needs besides the binaries build.sh makes (ADR 0040): runc, the CNI
# plugins (bridge, host-local, loopback) and nft for kube-proxy's nftables
# mode. Run by up.sh when one is missing and it runs as root; safe to run
# again (apt-get skips what is installed).
set -euo pipefail
if ((EUID != 0)); then
  echo "install-node-packages.sh: needs root (apt-get install runc containernetworking-plugins nftables)" >&2
  exit 1
fi
printf '[%s] install-node-packages.sh: apt-get install runc containernetworking-plugins nftables\n' "$(date +%H:%M:%S)" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet.
if ! apt-get install -y -q --no-install-recommends runc containernetworking-plugins nftables >/dev/null 2>&1; then
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends runc containernetworking-plugins nftables >/dev/null
fi
