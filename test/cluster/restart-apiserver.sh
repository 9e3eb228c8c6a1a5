#!/usr/bin/env bash
# Restarts only the kube-apiserver of the running local cluster, with the
# command line of up.sh and the same port, certificates and etcd, so clients
# (the operator under test, kwok, the controller-manager) see what a real
# apiserver restart looks like: watches end, connections are refused for a
# while, then a fresh apiserver serves the same data. Everything else keeps
# running. Waits until the new apiserver is ready and the nodes are Ready.
#
#   restart-apiserver.sh [--down SECONDS] [--signal TERM|KILL]
#
# --down: how long to stay stopped before starting again (default 0).
# --signal: TERM (default) is a graceful shutdown: the apiserver stops
# listening at once but keeps serving the watches it has until its 60 s
# shutdown timeout, so a TERM restart takes a minute (SIGKILL after 65 s).
# KILL is a crash: every connection drops at once; what the tests use.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n 's/^#   //p' "$0" >&2
  exit 2
}

main() {
  local down=0 signal=TERM name pid exe found='' start_time=$SECONDS deadline
  while (($#)); do
    case $1 in
      --down) down=${2:?}; shift 2 ;;
      --signal) signal=${2:?}; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ $signal == TERM || $signal == KILL ]] || usage
  [[ $down =~ ^[0-9]+([.][0-9]+)?$ ]] || usage
  take_lock
  if [[ ! -f $STATE_FILE || ! -f $PIDS_FILE ]]; then
    log "no running cluster in $TANDEM_STATE_DIR (make cluster-up first)"
    return 1
  fi
  # shellcheck disable=SC2034 # read by start_apiserver (lib.sh)
  API_PORT=$(sed -n 's/^TANDEM_API_PORT=//p' "$STATE_FILE")
  # shellcheck disable=SC2034
  ETCD_PORT=$(sed -n 's/^TANDEM_ETCD_PORT=//p' "$STATE_FILE")
  load_address_plan
  while read -r name pid exe; do
    [[ $name == kube-apiserver ]] || continue
    found=$pid
    if is_ours "$pid" "$exe"; then
      log "stopping kube-apiserver (pid $pid, SIG$signal)"
      kill "-$signal" "$pid"
      deadline=$((SECONDS + 65))
      while is_ours "$pid" "$exe"; do
        if ((SECONDS >= deadline)); then
          log "kube-apiserver (pid $pid) still runs 65 s after SIGTERM; sending SIGKILL"
          kill -KILL "$pid" 2>/dev/null || true
          deadline=$((SECONDS + 65))
        fi
        sleep 0.1
      done
    else
      log "kube-apiserver (pid $pid) was not running"
    fi
  done <"$PIDS_FILE"
  if [[ -z $found ]]; then
    log "no kube-apiserver in $PIDS_FILE"
    return 1
  fi
  sleep "$down"
  start_apiserver
  "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" wait node --all --for=condition=Ready --timeout=60s >/dev/null
  log "kube-apiserver restarted in $((SECONDS - start_time))s"
}

main "$@"
