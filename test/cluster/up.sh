#!/usr/bin/env bash
# Starts a local Kubernetes cluster: etcd, kube-apiserver,
# kube-controller-manager and kube-scheduler as background processes (free
# ports picked at run time), kwok faking 3 nodes so pods get scheduled and
# become Running/Ready, and, where this machine allows it (root), one real
# node (kubelet, containerd, kube-proxy: real-node.sh) that only pods
# tolerating the taint tandem.dev/real-node run on. TANDEM_REAL_NODE=off
# leaves it out; =on fails when it cannot start. Writes the admin kubeconfig
# to $TANDEM_STATE_DIR/kubeconfig (default <repo>/.cluster/) and records PIDs,
# ports and paths there.
#
# Idempotent: a healthy running cluster is left alone; the leftovers of a
# crashed or half-started one are stopped and removed first.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

NODE_COUNT=3
NODE_ANNOTATION=kwok.x-k8s.io/node

# True when every recorded process still runs and the apiserver is ready, i.e.
# there is nothing to do.
cluster_healthy() {
  local name pid exe
  [[ -s $PIDS_FILE && -f $STATE_FILE && -f $KUBECONFIG_FILE ]] || return 1
  while read -r name pid exe; do
    is_ours "$pid" "$exe" || return 1
  done <"$PIDS_FILE"
  "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" --request-timeout=5s get --raw /readyz >/dev/null 2>&1
}

# free_port VAR: sets VAR to a port nothing listens on (nothing answers a
# connect on 127.0.0.1) that this run has not handed out yet. It assigns
# instead of printing because a $(...) subshell could not remember USED_PORTS.
# Ports come from below the kernel's ephemeral range so that outgoing
# connections do not grab them before the component binds.
USED_PORTS=" "
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 12000))
    [[ $USED_PORTS == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      USED_PORTS+="$port "
      printf -v "$1" '%s' "$port"
      return
    fi
  done
}

# new_ca NAME CN: a self-signed P-256 CA.
new_ca() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$PKI_DIR/$1.key" -out "$PKI_DIR/$1.crt" -days 365 -subj "/CN=$2" 2>/dev/null
}

# issue_cert CA NAME SUBJECT [SAN]: a P-256 key and a certificate signed by CA;
# with SAN it is a serving certificate, else a client certificate.
issue_cert() {
  local ca=$1 name=$2 subject=$3 san=${4:-} ext
  ext="keyUsage=critical,digitalSignature,keyEncipherment"$'\n'
  if [[ -n $san ]]; then
    ext+="extendedKeyUsage=serverAuth"$'\n'"subjectAltName=$san"$'\n'
  else
    ext+="extendedKeyUsage=clientAuth"$'\n'
  fi
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$PKI_DIR/$name.key" -subj "$subject" 2>/dev/null |
    openssl x509 -req -CA "$PKI_DIR/$ca.crt" -CAkey "$PKI_DIR/$ca.key" \
      -set_serial "0x$(openssl rand -hex 16)" -days 365 \
      -extfile <(printf '%s' "$ext") -out "$PKI_DIR/$name.crt" 2>/dev/null
}

# Same layout as kubeadm: one CA for serving and client certs, the admin in
# system:masters, the controller-manager and scheduler under the user names
# the bootstrap RBAC policy grants their permissions to, and a separate
# front-proxy CA for API aggregation. Without the latter the controller-manager
# and scheduler log a missing requestheader CA every few seconds.
generate_pki() {
  rm -rf "$PKI_DIR"
  mkdir -p "$PKI_DIR"
  new_ca ca tandem-local-ca
  new_ca front-proxy-ca tandem-local-front-proxy-ca
  issue_cert ca apiserver "/CN=kube-apiserver" \
    "IP:127.0.0.1,IP:$KUBERNETES_SERVICE_IP,IP:$API_ADVERTISE_ADDRESS,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  issue_cert ca admin "/O=system:masters/CN=tandem-admin"
  issue_cert ca controller-manager "/CN=system:kube-controller-manager"
  issue_cert ca scheduler "/CN=system:kube-scheduler"
  issue_cert ca kwok "/O=system:masters/CN=kwok"
  issue_cert ca kwok-serving "/CN=kwok" "IP:127.0.0.1,DNS:localhost"
  issue_cert ca apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
  issue_cert front-proxy-ca front-proxy-client "/CN=front-proxy-client"
  if [[ -n $NODE_SLOT ]]; then
    # The node's client certificates are what the Node authorizer and the
    # bootstrap RBAC of system:node-proxier expect; its serving certificate
    # is for the IP the apiserver dials (kubectl logs, exec).
    issue_cert ca kubelet "/O=system:nodes/CN=system:node:$REAL_NODE_NAME"
    issue_cert ca kubelet-serving "/CN=$REAL_NODE_NAME" "IP:$NODE_IP,DNS:$REAL_NODE_NAME"
    issue_cert ca kube-proxy "/CN=system:kube-proxy"
  fi
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PKI_DIR/sa.key" 2>/dev/null
  openssl pkey -in "$PKI_DIR/sa.key" -pubout -out "$PKI_DIR/sa.pub"
  chmod 600 "$PKI_DIR"/*.key
}

# write_kubeconfig FILE CERT_NAME [HOST]: a self-contained kubeconfig
# (certificates embedded) so it stays valid wherever it is copied. HOST is
# the apiserver's address as the client sees it (default 127.0.0.1; the real
# node's processes reach it at the host end of their link).
write_kubeconfig() {
  local file=$1 name=$2 host=${3:-127.0.0.1}
  cat >"$file" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: tandem-local
  cluster:
    server: https://$host:$API_PORT
    certificate-authority-data: $(base64 -w0 "$PKI_DIR/ca.crt")
users:
- name: $name
  user:
    client-certificate-data: $(base64 -w0 "$PKI_DIR/$name.crt")
    client-key-data: $(base64 -w0 "$PKI_DIR/$name.key")
contexts:
- name: tandem-local
  context:
    cluster: tandem-local
    user: $name
current-context: tandem-local
KUBECONFIG
  chmod 600 "$file"
}

https_ok() { curl -sfk --max-time 2 "https://127.0.0.1:$1/healthz"; }

start_etcd() {
  start etcd "$TANDEM_ETCD_BIN/etcd" \
    --name=tandem \
    --data-dir="$ETCD_DATA_DIR" \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="tandem=http://127.0.0.1:$ETCD_PEER_PORT" \
    --unsafe-no-fsync \
    --log-level=warn
  wait_for etcd 30 curl -sf --max-time 2 "http://127.0.0.1:$ETCD_PORT/health"
}

# --leader-elect=false: a single instance; electing adds ~15 s to start-up.
# --use-service-account-credentials: each controller acts as its own
# ServiceAccount, as in kubeadm clusters, so RBAC mistakes surface here too.
# The controllers left out need a cloud provider, which this cluster has not.
# The flex-volume dir defaults to /usr/libexec/..., which it would create.
start_controller_manager() {
  start kube-controller-manager "$TANDEM_K8S_BIN/kube-controller-manager" \
    --kubeconfig="$CONFIG_DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig="$CONFIG_DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig="$CONFIG_DIR/controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 \
    --secure-port="$KCM_PORT" \
    --leader-elect=false \
    --use-service-account-credentials=true \
    --service-account-private-key-file="$PKI_DIR/sa.key" \
    --root-ca-file="$PKI_DIR/ca.crt" \
    --cluster-signing-cert-file="$PKI_DIR/ca.crt" \
    --cluster-signing-key-file="$PKI_DIR/ca.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --controllers='*,-cloud-node-lifecycle-controller,-node-route-controller,-service-lb-controller' \
    --flex-volume-plugin-dir="$CONFIG_DIR/flexvolume"
}

start_scheduler() {
  start kube-scheduler "$TANDEM_K8S_BIN/kube-scheduler" \
    --kubeconfig="$CONFIG_DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig="$CONFIG_DIR/scheduler.kubeconfig" \
    --authorization-kubeconfig="$CONFIG_DIR/scheduler.kubeconfig" \
    --bind-address=127.0.0.1 \
    --secure-port="$SCHEDULER_PORT" \
    --leader-elect=false
}

# kwok plays kubelet for the nodes carrying the kwok annotation, with the
# flags and stages kwokctl uses by default (stages stored by build.sh). Its
# server is the nodes' kubelet endpoint, so apiserver calls to a "kubelet"
# stay on 127.0.0.1. The node lease must be set explicitly (the binary's
# default is 0 = no leases), else the node-lifecycle controller marks the
# nodes NotReady after 50 s and kwok flips them back: flapping nodes.
start_kwok() {
  start kwok "$TANDEM_KWOK_BIN/kwok" \
    --kubeconfig="$CONFIG_DIR/kwok.kubeconfig" \
    --config="$TANDEM_KWOK_BIN/stages.yaml" \
    --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector="$NODE_ANNOTATION=fake" \
    --node-ip=127.0.0.1 \
    --cidr="$FAKE_POD_CIDR" \
    --server-address="127.0.0.1:$KWOK_PORT" \
    --node-port="$KWOK_PORT" \
    --tls-cert-file="$PKI_DIR/kwok-serving.crt" \
    --tls-private-key-file="$PKI_DIR/kwok-serving.key" \
    --node-lease-duration-seconds=40
}

# Nodes as in the kwok docs, minus their NoSchedule taint: every node here is
# fake, and the suite's workloads should schedule without tolerations.
create_nodes() {
  local i
  for ((i = 0; i < NODE_COUNT; i++)); do
    cat <<NODE
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    $NODE_ANNOTATION: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/role: agent
    node-role.kubernetes.io/agent: ""
    type: kwok
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
  nodeInfo:
    architecture: amd64
    operatingSystem: linux
    kubeletVersion: $K8S_VERSION
    kubeProxyVersion: $K8S_VERSION
NODE
  done | "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" apply -f - >/dev/null
}

nodes_ready() {
  "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" wait node --all --for=condition=Ready --timeout=1s &&
    { [[ -z $NODE_SLOT ]] || real_node_ready; }
}

# Pods can only be created in a namespace once its "default" ServiceAccount
# exists (the ServiceAccount admission plugin requires it).
default_sa_exists() {
  "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" -n default get serviceaccount default
}

write_state() {
  cat >"$STATE_FILE" <<STATE
# Written by test/cluster/up.sh; plain KEY=value lines.
TANDEM_CLUSTER_STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
KUBECONFIG=$KUBECONFIG_FILE
TANDEM_KUBECTL=$KUBECTL
TANDEM_HELM=$TANDEM_HELM_BIN/helm
TANDEM_API_SERVER=https://127.0.0.1:$API_PORT
TANDEM_API_PORT=$API_PORT
TANDEM_ETCD_PORT=$ETCD_PORT
TANDEM_ETCD_PEER_PORT=$ETCD_PEER_PORT
TANDEM_KCM_PORT=$KCM_PORT
TANDEM_SCHEDULER_PORT=$SCHEDULER_PORT
TANDEM_KWOK_PORT=$KWOK_PORT
TANDEM_ETCD_DATA_DIR=$ETCD_DATA_DIR
TANDEM_PKI_DIR=$PKI_DIR
TANDEM_LOG_DIR=$LOG_DIR
TANDEM_SERVICE_CIDR=$SERVICE_CIDR
TANDEM_REAL_NODE=${NODE_SLOT:+$REAL_NODE_NAME}
TANDEM_REAL_NODE_ABSENT_BECAUSE=$REAL_NODE_ABSENT_BECAUSE
STATE
  if [[ -n $NODE_SLOT ]]; then
    cat >>"$STATE_FILE" <<STATE
TANDEM_NODE_SLOT=$NODE_SLOT
TANDEM_NODE_IP=$NODE_IP
TANDEM_NODE_HOST_IP=$NODE_HOST_IP
TANDEM_NODE_POD_CIDR=$NODE_POD_CIDR
TANDEM_NODE_TAINT=$REAL_NODE_TAINT
TANDEM_CONTAINERD_ADDRESS=$REAL_NODE_DIR/containerd.sock
TANDEM_CTR=$TANDEM_CONTAINERD_BIN/ctr
STATE
  fi
}

# Recorded once the holder runs, so that a stop can find the node's
# processes even if the holder died.
record_node_namespace() {
  echo "TANDEM_NODE_MOUNT_NS=$(readlink "/proc/$NODE_HOLDER_PID/ns/mnt")" >>"$STATE_FILE"
}

print_summary() {
  cat >&2 <<SUMMARY

Local cluster is up: Kubernetes $K8S_VERSION (etcd $ETCD_VERSION, kwok $KWOK_VERSION, $NODE_COUNT fake nodes), helm $HELM_VERSION
  real node:   $(real_node_summary)
  API server:  $(sed -n 's/^TANDEM_API_SERVER=//p' "$STATE_FILE")
  kubeconfig:  $KUBECONFIG_FILE
  kubectl:     $KUBECTL
  helm:        $TANDEM_HELM_BIN/helm
  shell env:   source test/cluster/env.sh   (KUBECONFIG, TANDEM_KUBECTL, TANDEM_HELM, PATH)
  state, logs: $STATE_FILE, $LOG_DIR/
  stop:        make cluster-down   (or: bash test/cluster/down.sh)
SUMMARY
}

real_node_summary() {
  if [[ -n $(sed -n 's/^TANDEM_NODE_SLOT=//p' "$STATE_FILE") ]]; then
    echo "$REAL_NODE_NAME ($(sed -n 's/^TANDEM_NODE_IP=//p' "$STATE_FILE"); containerd $CONTAINERD_VERSION; pods that tolerate $REAL_NODE_TAINT)"
  else
    echo "none ($(sed -n 's/^TANDEM_REAL_NODE_ABSENT_BECAUSE=//p' "$STATE_FILE"))"
  fi
}

# A failed start leaves nothing running: show where to look, then tear down.
on_exit() {
  local status=$?
  if ((status != 0)); then
    log "start-up failed (exit $status); stopping what was started. Logs: $LOG_DIR"
    stop_cluster
  fi
}

# The tools up.sh needs besides the binaries that build.sh makes.
require_tools() {
  local tool missing=()
  for tool in openssl curl flock base64 tac; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    log "missing tools: ${missing[*]} (Debian: apt-get install openssl curl util-linux coreutils)"
    return 1
  fi
}

main() {
  local start_time=$SECONDS port_var
  require_tools
  take_lock
  if cluster_healthy; then
    log "cluster already running and healthy; nothing to do"
    print_summary
    return
  fi
  if [[ -e $PIDS_FILE || -e $STATE_FILE ]]; then
    log "found state of a cluster that is not healthy; cleaning it up first"
    stop_cluster
  fi

  bash "$TANDEM_CLUSTER_SCRIPTS/build.sh"

  trap on_exit EXIT
  NODE_SLOT=
  install_node_packages
  REAL_NODE_ABSENT_BECAUSE=$(real_node_unavailable)
  if [[ -z $REAL_NODE_ABSENT_BECAUSE ]]; then
    prepare_pause_image
    real_node_claim_slot
  elif [[ ${TANDEM_REAL_NODE:-auto} == on ]]; then
    log "TANDEM_REAL_NODE=on, but no real node can start here: $REAL_NODE_ABSENT_BECAUSE"
    return 1
  else
    log "no real node ($REAL_NODE_ABSENT_BECAUSE): kwok nodes only"
  fi
  address_plan
  rm -rf "$LOG_DIR"
  mkdir -p "$LOG_DIR" "$CONFIG_DIR"
  : >"$PIDS_FILE"
  for port_var in ETCD_PORT ETCD_PEER_PORT API_PORT KCM_PORT SCHEDULER_PORT KWOK_PORT; do
    free_port "$port_var"
  done
  generate_pki
  write_kubeconfig "$KUBECONFIG_FILE" admin
  write_kubeconfig "$CONFIG_DIR/controller-manager.kubeconfig" controller-manager
  write_kubeconfig "$CONFIG_DIR/scheduler.kubeconfig" scheduler
  write_kubeconfig "$CONFIG_DIR/kwok.kubeconfig" kwok
  if [[ -n $NODE_SLOT ]]; then
    write_kubeconfig "$CONFIG_DIR/kubelet.kubeconfig" kubelet "$NODE_HOST_IP"
    write_kubeconfig "$CONFIG_DIR/kube-proxy.kubeconfig" kube-proxy "$NODE_HOST_IP"
  fi

  # tmpfs where there is one: etcd's disk writes dominate API latency.
  # Recorded in the state file before etcd starts so that a failed start
  # still removes it.
  local etcd_parent=/dev/shm
  [[ -d $etcd_parent && -w $etcd_parent ]] || etcd_parent=$TANDEM_STATE_DIR
  ETCD_DATA_DIR=$(mktemp -d "$etcd_parent/$ETCD_DIR_PREFIX"XXXXXX)
  write_state
  start_etcd
  start_apiserver
  start_controller_manager
  start_scheduler
  start_kwok
  create_nodes
  if [[ -n $NODE_SLOT ]]; then
    real_node_start
    record_node_namespace
  fi
  wait_for "kube-controller-manager health" 60 https_ok "$KCM_PORT"
  wait_for "kube-scheduler health" 60 https_ok "$SCHEDULER_PORT"
  wait_for "$NODE_COUNT Ready nodes${NODE_SLOT:+ and the real node}" 60 nodes_ready
  wait_for "the default ServiceAccount" 60 default_sa_exists
  trap - EXIT
  log "cluster ready in $((SECONDS - start_time))s"
  print_summary
}

main "$@"
