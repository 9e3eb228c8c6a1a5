#!/usr/bin/env bash
# Alternative to up.sh where Docker is available: creates (or reuses) a kind
# cluster and writes its kubeconfig to <repo>/.cluster/kubeconfig, which is
# all the test suite needs. Not used on Docker-less machines.
#   bash test/cluster/kind.sh           create the cluster / refresh kubeconfig
#   bash test/cluster/kind.sh delete    delete it and its kubeconfig
# TANDEM_KIND_CLUSTER names the cluster (default "tandem"); TANDEM_KIND_IMAGE
# picks a node image (default: the one the installed kind release pins).
set -euo pipefail

# shellcheck source=paths.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/paths.sh"

CLUSTER_NAME=${TANDEM_KIND_CLUSTER:-tandem}
KUBECONFIG_FILE=$TANDEM_STATE_DIR/kubeconfig

log() { printf '[%s] kind.sh: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { log "$tool not found on PATH"; exit 1; }
  done
}

create() {
  # up.sh's cluster owns .cluster/kubeconfig while it runs; do not clobber it.
  if [[ -s $TANDEM_STATE_DIR/pids ]]; then
    log "a local up.sh cluster is recorded in $TANDEM_STATE_DIR; run down.sh first"
    exit 1
  fi
  if kind get clusters 2>/dev/null | grep -qx "$CLUSTER_NAME"; then
    log "kind cluster $CLUSTER_NAME already exists; reusing it"
  else
    kind create cluster --name "$CLUSTER_NAME" --wait 180s \
      ${TANDEM_KIND_IMAGE:+--image "$TANDEM_KIND_IMAGE"}
  fi
  mkdir -p "$TANDEM_STATE_DIR"
  kind get kubeconfig --name "$CLUSTER_NAME" >"$KUBECONFIG_FILE"
  chmod 600 "$KUBECONFIG_FILE"
  log "kubeconfig for kind cluster $CLUSTER_NAME written to $KUBECONFIG_FILE"
}

delete() {
  kind delete cluster --name "$CLUSTER_NAME"
  rm -f "$KUBECONFIG_FILE"
}

require kind docker
case ${1:-create} in
  create) create ;;
  delete) delete ;;
  *) log "usage: $0 [create|delete]"; exit 2 ;;
esac
