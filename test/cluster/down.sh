#!/usr/bin/env bash
# Stops the local test cluster started by up.sh: exactly the processes recorded
# in .cluster/pids (each checked to still run the binary we started), then
# removes the runtime state (etcd tmpfs dir, certificates, kubeconfig). Safe to
# run when nothing is running.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -d $TANDEM_STATE_DIR ]]; then
  log "no cluster state in $TANDEM_STATE_DIR; nothing to stop"
  exit 0
fi
take_lock
stop_cluster
log "cluster stopped (logs kept in $LOG_DIR)"
