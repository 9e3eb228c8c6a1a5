# shellcheck shell=bash
# shellcheck disable=SC2034 # variables for the scripts that source this file
# Helpers shared by up.sh and down.sh. Sourced after `set -euo pipefail`.

# shellcheck source=paths.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/paths.sh"

PIDS_FILE=$TANDEM_STATE_DIR/pids
STATE_FILE=$TANDEM_STATE_DIR/state.env
KUBECONFIG_FILE=$TANDEM_STATE_DIR/kubeconfig
PKI_DIR=$TANDEM_STATE_DIR/pki
LOG_DIR=$TANDEM_STATE_DIR/logs
LOCK_FILE=$TANDEM_STATE_DIR/lock
# etcd data lives on tmpfs under this prefix (see up.sh); down.sh only ever
# deletes directories that carry it.
ETCD_DIR_PREFIX=tandem-etcd.

log() { printf '[%s] %s: %s\n' "$(date +%H:%M:%S)" "${0##*/}" "$*" >&2; }

# up.sh and down.sh hold this lock for their whole run so that two of them
# never interleave. fd 9 must not leak into the cluster processes (up.sh
# closes it for them), or the lock would live as long as the cluster.
take_lock() {
  mkdir -p "$TANDEM_STATE_DIR"
  exec 9>"$LOCK_FILE"
  if ! flock -n 9; then
    log "waiting for another up.sh/down.sh to finish"
    flock 9
  fi
}

# is_ours PID EXE: true when PID is alive and runs EXE. PIDs are recycled, so
# a recorded PID is only trusted while it still runs the binary we started.
is_ours() {
  local exe
  exe=$(readlink "/proc/$1/exe" 2>/dev/null) || return 1
  [[ ${exe% (deleted)} == "$2" ]]
}

# Stops every process listed in the pids file (lines "name pid exe"), newest
# first, SIGTERM then SIGKILL after a grace period, then removes the runtime
# state. Logs are kept for post-mortems; up.sh truncates them on its next start.
stop_cluster() {
  local name pid exe alive=() deadline entry
  if [[ -f $PIDS_FILE ]]; then
    while read -r name pid exe; do
      if is_ours "$pid" "$exe"; then
        log "stopping $name (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        alive+=("$name $pid $exe")
      fi
    done < <(tac "$PIDS_FILE")
  fi
  deadline=$((SECONDS + 15))
  for entry in "${alive[@]}"; do
    read -r name pid exe <<<"$entry"
    while is_ours "$pid" "$exe" && ((SECONDS < deadline)); do sleep 0.2; done
    if is_ours "$pid" "$exe"; then
      log "$name (pid $pid) ignored SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  remove_etcd_data
  rm -rf "$PKI_DIR" "$TANDEM_STATE_DIR/config"
  rm -f "$PIDS_FILE" "$STATE_FILE" "$KUBECONFIG_FILE"
}

# The etcd data dir is recorded in state.env; only a directory with our prefix
# is deleted, so a corrupted state file cannot point rm at anything else.
remove_etcd_data() {
  local dir
  [[ -f $STATE_FILE ]] || return 0
  dir=$(sed -n 's/^TANDEM_ETCD_DATA_DIR=//p' "$STATE_FILE")
  if [[ -n $dir && ${dir##*/} == "$ETCD_DIR_PREFIX"* && -d $dir ]]; then
    rm -rf "$dir"
  fi
}
