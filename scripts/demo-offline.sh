#!/usr/bin/env bash
# The offline demo: inject the example workloads with the example SidecarSets
# and show what each set did and why. No cluster needed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sets=(--sidecarsets deploy/examples/sidecarsets.yaml --sidecarsets deploy/examples/reloader-sidecarset.yaml)
workloads=deploy/examples/workloads.yaml

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

section "Which SidecarSet each pod template gets, and why (tandem explain)"
bin/tandem explain -f "$workloads" "${sets[@]}"

section "The injected manifests (tandem inject)"
bin/tandem inject -f "$workloads" "${sets[@]}"

section "On a Kubernetes 1.28 cluster (no native sidecars) the Job would never complete, and Tandem says so"
bin/tandem inject -f "$workloads" "${sets[@]}" --kube-version 1.28 >/dev/null

section "Try it yourself"
cat <<TXT
  bin/tandem inject  -f $workloads ${sets[*]}
  bin/tandem explain -f $workloads ${sets[*]} -o json
TXT
