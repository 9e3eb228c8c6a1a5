# shellcheck shell=bash
# shellcheck disable=SC2034 # variables for the scripts that source this file
# Helpers shared by up.sh, down.sh and restart-apiserver.sh. Sourced after `set -euo pipefail`.

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

# The address plan (address_plan below): with a real node, Services and
# kwok's fake pod IPs are in 198.18.0.0/15, which the host routes nowhere
# but to the node (real-node.sh). Without one, ClusterIPs come from the
# loopback range on purpose: the apiserver dials a Service's ClusterIP for
# service-backed webhooks and APIServices, and with a loopback range such a
# call can only ever reach this machine (and fails fast when nothing listens)
# instead of sending packets to the default gateway.
KWOK_ONLY_SERVICE_CIDR=127.96.0.0/16
KWOK_ONLY_KUBERNETES_SERVICE_IP=127.96.0.1
# Pod IPs are status fields written by kwok; nothing dials them unless a
# caller explicitly uses the pods/proxy subresource. They cannot be loopback:
# EndpointSlice validation rejects loopback addresses.
KWOK_ONLY_FAKE_POD_CIDR=10.0.0.0/16
SA_ISSUER=https://kubernetes.default.svc.cluster.local
KUBECTL=$TANDEM_K8S_BIN/kubectl
CONFIG_DIR=$TANDEM_STATE_DIR/config

log() { printf '[%s] %s: %s\n' "$(date +%H:%M:%S)" "${0##*/}" "$*" >&2; }

# up.sh, down.sh and restart-apiserver.sh hold this lock for their whole run so that two of them
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
  # The node first: its kubelet must not restart containers while they die.
  real_node_stop
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

# start NAME EXE ARGS...: runs EXE in the background with its output in
# logs/NAME.log and records it in the pids file, with EXE's canonical path as
# /proc/PID/exe will show it; an earlier entry of NAME (restart-apiserver.sh)
# is replaced in place, so down.sh keeps stopping in reverse start order.
# nohup keeps it alive when the calling terminal goes away; fd 9 (the lock)
# is closed for it. A restarted component appends to its log.
start() {
  local name=$1 exe pid
  exe=$(readlink -f "$2")
  shift 2
  nohup "$exe" "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null 9>&- &
  pid=$!
  # Not a job of this shell: its end (a SIGKILL on the way down) is not reported.
  disown "$pid"
  if grep -q "^$name " "$PIDS_FILE"; then
    sed -i "s|^$name .*|$name $pid $exe|" "$PIDS_FILE"
  else
    echo "$name $pid $exe" >>"$PIDS_FILE"
  fi
  log "started $name (pid $pid, log $LOG_DIR/$name.log)"
}

# wait_for WHAT TIMEOUT_S CMD...: polls CMD until it succeeds; fails early
# when any started process has died, since then it never will.
wait_for() {
  local what=$1 timeout=$2 deadline name pid exe
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    while read -r name pid exe; do
      if ! is_ours "$pid" "$exe"; then
        log "$name (pid $pid) exited while waiting for $what; last lines of its log:"
        tail -n 20 "$LOG_DIR/$name.log" >&2
        return 1
      fi
    done <"$PIDS_FILE"
    if ((SECONDS >= deadline)); then
      log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

# Flags follow envtest plus what a real cluster enforces: RBAC and Node
# authorization, and the admission chain (webhooks, PodSecurity, service
# accounts, quotas) explicitly, so tests see production-like behaviour.
# Without a real node, --endpoint-reconciler-type=none: the reconciler would
# publish the advertise address 127.0.0.1 as endpoint of the "kubernetes"
# Service, which validation rejects (loopback), logging an error every 10 s.
# With one, the apiserver listens on every address (the node reaches it at
# the host end of its link, 198.18.k.1, which is the advertised endpoint of
# the "kubernetes" Service that the node's kube-proxy translates), and calls
# service-backed webhooks at their endpoints' pod IPs
# (--enable-aggregator-routing), as kube-proxy is not on the host.
# --kubelet-*: "kubelet" calls (logs, exec, port-forward) go to kwok's server
# on 127.0.0.1 over verified TLS; node hostnames would need DNS, so InternalIP.
start_apiserver() {
  start kube-apiserver "$TANDEM_K8S_BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address="$API_BIND_ADDRESS" \
    --advertise-address="$API_ADVERTISE_ADDRESS" \
    --secure-port="$API_PORT" \
    --tls-cert-file="$PKI_DIR/apiserver.crt" \
    --tls-private-key-file="$PKI_DIR/apiserver.key" \
    --client-ca-file="$PKI_DIR/ca.crt" \
    --requestheader-client-ca-file="$PKI_DIR/front-proxy-ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User \
    --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$PKI_DIR/front-proxy-client.crt" \
    --proxy-client-key-file="$PKI_DIR/front-proxy-client.key" \
    --service-account-issuer="$SA_ISSUER" \
    --service-account-key-file="$PKI_DIR/sa.pub" \
    --service-account-signing-key-file="$PKI_DIR/sa.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --authorization-mode=Node,RBAC \
    --enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,PodSecurity,Priority,DefaultTolerationSeconds,ResourceQuota,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ValidatingAdmissionPolicy,NodeRestriction \
    --allow-privileged=true \
    "${API_PLAN_FLAGS[@]}" \
    --kubelet-preferred-address-types=InternalIP \
    --kubelet-certificate-authority="$PKI_DIR/ca.crt" \
    --kubelet-client-certificate="$PKI_DIR/apiserver-kubelet-client.crt" \
    --kubelet-client-key="$PKI_DIR/apiserver-kubelet-client.key" \
    --profiling=false
  wait_for kube-apiserver 90 "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" get --raw /readyz
}

# address_plan: sets the cluster's ranges and the apiserver's addresses for
# a cluster with a real node in slot NODE_SLOT (set), or for kwok only.
address_plan() {
  if [[ -n ${NODE_SLOT:-} ]]; then
    SERVICE_CIDR=$REAL_NODE_SERVICE_CIDR
    KUBERNETES_SERVICE_IP=$REAL_NODE_KUBERNETES_SERVICE_IP
    FAKE_POD_CIDR=$REAL_NODE_FAKE_POD_CIDR
    API_BIND_ADDRESS=0.0.0.0
    API_ADVERTISE_ADDRESS=$NODE_HOST_IP
    API_PLAN_FLAGS=(--enable-aggregator-routing=true)
  else
    SERVICE_CIDR=$KWOK_ONLY_SERVICE_CIDR
    KUBERNETES_SERVICE_IP=$KWOK_ONLY_KUBERNETES_SERVICE_IP
    FAKE_POD_CIDR=$KWOK_ONLY_FAKE_POD_CIDR
    API_BIND_ADDRESS=127.0.0.1
    API_ADVERTISE_ADDRESS=127.0.0.1
    API_PLAN_FLAGS=(--endpoint-reconciler-type=none)
  fi
}

# load_address_plan: the plan of the running cluster, from its state file.
load_address_plan() {
  local slot
  slot=$(sed -n 's/^TANDEM_NODE_SLOT=//p' "$STATE_FILE")
  if [[ -n $slot ]]; then real_node_addresses "$slot"; else NODE_SLOT=; fi
  address_plan
}

# shellcheck source=real-node.sh
source "$TANDEM_CLUSTER_SCRIPTS/real-node.sh"
