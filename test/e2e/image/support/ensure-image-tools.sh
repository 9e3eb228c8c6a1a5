#!/usr/bin/env bash
# Installs Debian's skopeo and umoci for test/e2e/image when they are missing:
# the tests read the built archive with them (skopeo inspect/copy, umoci unpack).
# CI runs as root on a fresh machine; elsewhere, without root, it says what to do.
set -euo pipefail
missing=()
for tool in skopeo umoci; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ "${#missing[@]}" = 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "${missing[*]} not installed and this is not root: run 'apt-get install -y ${missing[*]}'" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
