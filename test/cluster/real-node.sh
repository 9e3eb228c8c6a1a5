# shellcheck shell=bash
# shellcheck disable=SC2034 # variables for the scripts that source this file
# The real node of the local cluster: kubelet, containerd (runc, Debian's CNI
# plugins) and kube-proxy, next to the kwok nodes. Sourced by lib.sh, so
# up.sh, down.sh and restart-apiserver.sh share one definition. ADR 0040
# (docs/adr/0040-real-node.md) says why it is built this way; the short
# version:
#
# - The node is a pair of namespaces, network and mount, held open by one
#   process ("node-holder"); containerd, kubelet and kube-proxy are entered
#   into both (nsenter). So the node has its own interfaces, routes, nftables
#   and ports, and its fixed paths (/var/lib/kubelet, /var/log/containers,
#   /var/lib/cni, /run/containerd, ...) are bind mounts of folders under
#   <state>/node: nothing of it is written to the host's filesystem, and
#   several clusters (the demo, the tests, other checkouts) each run a node of
#   their own at once.
# - Addresses: one slot k (1..120) per running node, handed out host-wide
#   under $REAL_NODE_REGISTRY. Link host<->node 198.18.k.0/30 (host .1, node
#   .2 = the node's InternalIP), pods 198.18.k.128/25 on the node's bridge.
#   Services 198.19.0.0/17 and kwok's fake pod IPs 198.19.128.0/17 are the
#   same in every cluster: only the node's own kube-proxy translates
#   ClusterIPs, and the host routes all of 198.18.0.0/15 nowhere
#   ("unreachable") but for the slots' links, so no packet for a test address
#   can leave the machine. Pods get no default route.
# - What the kubelet changes on the host outside its namespaces (cgroups
#   under /tandem-k, three sysctls) is recorded when the first node starts
#   and put back when the last one stops.

REAL_NODE_NAME=tandem-node
# Only pods that tolerate this taint (and select the label) run for real.
REAL_NODE_TAINT=tandem.dev/real-node
REAL_NODE_DIR=$TANDEM_STATE_DIR/node
# Host-wide (not per checkout): slots and the host's original state. /run is
# a tmpfs, so a reboot (which also ends every node) clears it.
REAL_NODE_REGISTRY=${TANDEM_REAL_NODE_REGISTRY:-/run/tandem-real-nodes}
REAL_NODE_TEST_RANGE=198.18.0.0/15
REAL_NODE_SERVICE_CIDR=198.19.0.0/17
REAL_NODE_KUBERNETES_SERVICE_IP=198.19.0.1
REAL_NODE_FAKE_POD_CIDR=198.19.128.0/17
# The sysctls kubelet sets on start (pkg/kubelet/cm setupKernelTunables);
# they are not per network namespace.
REAL_NODE_SYSCTLS=(vm.overcommit_memory kernel.panic kernel.panic_on_oops)
# The cgroup v1 hierarchies and the unified one the kubelet may create its
# root in (cgroupfs driver).
REAL_NODE_CGROUP_FS=/sys/fs/cgroup
RUNC=${TANDEM_RUNC:-/usr/sbin/runc}
CNI_BIN_DIR=${TANDEM_CNI_BIN_DIR:-/usr/lib/cni}

# install_node_packages: as root, the Debian packages the node needs, when
# one is missing (install-node-packages.sh).
install_node_packages() {
  ((EUID == 0)) || return 0
  [[ ${TANDEM_REAL_NODE:-auto} != off ]] || return 0
  if [[ ! -x $RUNC || ! -x $CNI_BIN_DIR/bridge ]] || ! command -v nft >/dev/null; then
    bash "$TANDEM_CLUSTER_SCRIPTS/install-node-packages.sh" || log "could not install the real node's packages"
  fi
}

# real_node_unavailable: prints why this machine cannot run the real node
# (nothing when it can). TANDEM_REAL_NODE=off asks for none.
real_node_unavailable() {
  local tool missing=()
  if [[ ${TANDEM_REAL_NODE:-auto} == off ]]; then
    echo "TANDEM_REAL_NODE=off"
    return
  fi
  if ((EUID != 0)); then
    echo "not root (a kubelet needs root: cgroups, mounts, network namespaces)"
    return
  fi
  [[ -x $RUNC ]] || missing+=("runc ($RUNC)")
  [[ -x $CNI_BIN_DIR/bridge && -x $CNI_BIN_DIR/host-local ]] || missing+=("containernetworking-plugins ($CNI_BIN_DIR)")
  for tool in nsenter unshare ip nft; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    echo "missing ${missing[*]} (Debian: apt-get install runc containernetworking-plugins nftables iproute2 util-linux)"
    return
  fi
  [[ -d $REAL_NODE_CGROUP_FS/memory ]] || echo "no cgroup v1 memory hierarchy at $REAL_NODE_CGROUP_FS/memory (this script knows the hybrid layout of these machines)"
}

# The node's addresses for slot $1.
real_node_addresses() {
  local k=$1
  NODE_SLOT=$k
  NODE_HOST_IP=198.18.$k.1
  NODE_IP=198.18.$k.2
  NODE_LINK_CIDR=198.18.$k.0/30
  NODE_POD_CIDR=198.18.$k.128/25
  NODE_POD_GATEWAY=198.18.$k.129
  NODE_HOST_LINK=tandem$k
  NODE_CGROUP=tandem-$k
}

# --- the host-wide registry -------------------------------------------------

# The last node out removes the registry (the host is left as it was), so a
# lock taken while it did may be on a file that is gone: retry until the
# locked file is the one in the registry.
registry_lock() {
  while true; do
    mkdir -p "$REAL_NODE_REGISTRY"
    exec 8>>"$REAL_NODE_REGISTRY/lock"
    flock 8
    [[ -e $REAL_NODE_REGISTRY/lock && /proc/$$/fd/8 -ef $REAL_NODE_REGISTRY/lock ]] && return
    exec 8>&-
  done
}
registry_unlock() { exec 8>&-; }

# A slot file names the state dir that holds it and the holder process
# ("<state dir> <pid> <exe>"); a slot whose holder is gone is free again.
slot_alive() {
  local file=$REAL_NODE_REGISTRY/slot-$1 dir pid exe
  [[ -f $file ]] || return 1
  read -r dir pid exe <"$file"
  is_ours "$pid" "$exe"
}

# First node in: remember the host's sysctls and route the test range
# nowhere. Last node out: put both back.
registry_first_in() {
  local name
  [[ -f $REAL_NODE_REGISTRY/host.env ]] && return
  {
    for name in "${REAL_NODE_SYSCTLS[@]}"; do
      echo "$name=$(sysctl -n "$name")"
    done
  } >"$REAL_NODE_REGISTRY/host.env.tmp"
  mv "$REAL_NODE_REGISTRY/host.env.tmp" "$REAL_NODE_REGISTRY/host.env"
  if ! ip route show type unreachable | grep -q "^unreachable $REAL_NODE_TEST_RANGE"; then
    ip route add unreachable "$REAL_NODE_TEST_RANGE"
    touch "$REAL_NODE_REGISTRY/route-added"
  fi
}

registry_last_out() {
  local slot line
  for slot in "$REAL_NODE_REGISTRY"/slot-*; do
    [[ -e $slot ]] && return
  done
  if [[ -f $REAL_NODE_REGISTRY/host.env ]]; then
    while IFS= read -r line; do
      sysctl -q -w "$line" >/dev/null || log "could not restore sysctl $line"
    done <"$REAL_NODE_REGISTRY/host.env"
  fi
  if [[ -f $REAL_NODE_REGISTRY/route-added ]]; then
    ip route del unreachable "$REAL_NODE_TEST_RANGE" 2>/dev/null || true
  fi
  rm -rf "$REAL_NODE_REGISTRY"
  log "last real node on this host stopped: sysctls and routes restored"
}

# real_node_claim_slot: picks a free slot for this state dir (reclaiming
# those of crashed nodes) and sets the node's addresses. The slot is written
# with up.sh's own PID until the holder runs.
real_node_claim_slot() {
  local k
  registry_lock
  for ((k = 1; k <= 120; k++)); do
    if [[ -f $REAL_NODE_REGISTRY/slot-$k ]] && ! slot_alive "$k"; then
      reclaim_slot "$k"
    fi
    if [[ ! -f $REAL_NODE_REGISTRY/slot-$k ]] && ! ip link show "tandem$k" >/dev/null 2>&1; then
      echo "$TANDEM_STATE_DIR $$ $(readlink -f /proc/$$/exe)" >"$REAL_NODE_REGISTRY/slot-$k"
      registry_first_in
      registry_unlock
      real_node_addresses "$k"
      return
    fi
  done
  registry_unlock
  log "no free real-node slot (120 in use?): $REAL_NODE_REGISTRY"
  return 1
}

# reclaim_slot K: what a crashed node left (its cgroups; its link goes with
# its namespace), then the slot file. Called with the registry locked.
reclaim_slot() {
  log "reclaiming real-node slot $1 of a node that is gone"
  remove_cgroups "tandem-$1"
  rm -f "$REAL_NODE_REGISTRY/slot-$1"
}

real_node_release_slot() {
  local k=$1 dir pid exe
  registry_lock
  if [[ -f $REAL_NODE_REGISTRY/slot-$k ]]; then
    read -r dir pid exe <"$REAL_NODE_REGISTRY/slot-$k"
    [[ $dir == "$TANDEM_STATE_DIR" ]] && rm -f "$REAL_NODE_REGISTRY/slot-$k"
  fi
  registry_last_out
  registry_unlock
}

# --- cgroups ------------------------------------------------------------------

# cgroup_dirs NAME: the kubelet's root in every hierarchy, when present.
cgroup_dirs() {
  local fs
  for fs in "$REAL_NODE_CGROUP_FS"/*/; do
    [[ -d $fs$1 ]] && echo "${fs}$1"
  done
}

# kill_cgroup_processes NAME: SIGKILL every process in the kubelet's cgroup
# tree (the pods' containers), until none is left.
kill_cgroup_processes() {
  local dir pids tries=0
  while ((tries++ < 50)); do
    pids=$(for dir in $(cgroup_dirs "$1"); do find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null; done | sort -u)
    [[ -z $pids ]] && return 0
    # shellcheck disable=SC2086 # a list of PIDs
    kill -KILL $pids 2>/dev/null || true
    sleep 0.1
  done
  log "processes still in cgroup $1 after SIGKILL: $pids"
}

remove_cgroups() {
  local dir
  kill_cgroup_processes "$1"
  for dir in $(cgroup_dirs "$1"); do
    # Deepest first: a cgroup directory is removed with rmdir once empty.
    find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null || true
    [[ -d $dir ]] && log "could not remove cgroup $dir"
  done
  return 0
}

# --- start --------------------------------------------------------------------

# node_exec CMD...: runs CMD inside the node's network and mount namespaces.
node_exec() { nsenter --target "$NODE_HOLDER_PID" --net --mount -- "$@"; }

# The holder creates both namespaces and, inside the new mount namespace,
# covers the paths the kubelet, containerd and the CNI plugins write to with
# folders of the state dir (and /run with a tmpfs that dies with it), so the
# host's own /var/lib, /var/log and /run are never written.
start_node_holder() {
  local d=$REAL_NODE_DIR/host-paths
  mkdir -p "$d/var-lib" "$d/var-log"
  start node-holder "$(command -v unshare)" --net --mount --propagation private -- \
    bash -c "set -e
      mount --make-rshared /
      mount --bind '$d/var-lib' /var/lib
      mount --bind '$d/var-log' /var/log
      mount -t tmpfs -o mode=0755 tandem-node-run /run
      exec sleep infinity"
  # unshare execs bash, which execs sleep: record sleep's path, as
  # /proc/PID/exe will show it once the mounts are made.
  fix_recorded_exe node-holder "$(command -v sleep)"
  NODE_HOLDER_PID=$(sed -n 's/^node-holder \([0-9]*\) .*/\1/p' "$PIDS_FILE")
  if [[ $(readlink "/proc/$NODE_HOLDER_PID/ns/net" 2>/dev/null) == "$(readlink /proc/$$/ns/net)" ]] ||
    ! is_ours "$NODE_HOLDER_PID" "$(readlink -f "$(command -v sleep)")"; then
    log "the node's namespaces did not come up; node-holder's log:"
    tail -n 20 "$LOG_DIR/node-holder.log" >&2
    return 1
  fi
  echo "$TANDEM_STATE_DIR $NODE_HOLDER_PID $(readlink -f "$(command -v sleep)")" >"$REAL_NODE_REGISTRY/slot-$NODE_SLOT"
}

# The link between host and node, the node's forwarding, and the host's
# route to the node's pods.
setup_node_network() {
  local node_link=tandemn$NODE_SLOT
  ip link add "$NODE_HOST_LINK" type veth peer name "$node_link"
  ip link set "$node_link" netns "/proc/$NODE_HOLDER_PID/ns/net"
  ip addr add "$NODE_HOST_IP/30" dev "$NODE_HOST_LINK"
  ip link set "$NODE_HOST_LINK" up
  node_exec sh -c "set -e
    ip link set lo up
    ip link set $node_link name eth0
    ip addr add $NODE_IP/30 dev eth0
    ip link set eth0 up
    sysctl -q -w net.ipv4.ip_forward=1"
  ip route add "$NODE_POD_CIDR" via "$NODE_IP" dev "$NODE_HOST_LINK"
}

write_node_configs() {
  local c=$REAL_NODE_DIR/config
  mkdir -p "$c/cni" "$REAL_NODE_DIR/containerd" "$REAL_NODE_DIR/kubelet" "$REAL_NODE_DIR/pod-logs"
  # Pods route only to Services and to the host end of the link (the
  # apiserver), through the bridge: no default route, nothing else.
  cat >"$c/cni/10-tandem.conflist" <<CNI
{
  "cniVersion": "1.0.0",
  "name": "tandem",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "isGateway": true,
      "isDefaultGateway": false,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$REAL_NODE_DIR/cni-ipam",
        "ranges": [[{"subnet": "$NODE_POD_CIDR", "gateway": "$NODE_POD_GATEWAY"}]],
        "routes": [{"dst": "$REAL_NODE_SERVICE_CIDR"}, {"dst": "$NODE_LINK_CIDR"}]
      }
    }
  ]
}
CNI
  cat >"$c/containerd.toml" <<TOML
# containerd for the real node (test/cluster/real-node.sh). Config version 3.
version = 3
root = "$REAL_NODE_DIR/containerd/root"
state = "$REAL_NODE_DIR/containerd/state"

[grpc]
  address = "$REAL_NODE_DIR/containerd.sock"

[ttrpc]
  address = "$REAL_NODE_DIR/containerd.sock.ttrpc"

[plugins.'io.containerd.cri.v1.images']
  snapshotter = 'overlayfs'
  [plugins.'io.containerd.cri.v1.images'.pinned_images]
    sandbox = '$NODE_PAUSE_IMAGE'

[plugins.'io.containerd.cri.v1.runtime']
  enable_selinux = false
  # Required here: the sandbox lacks CAP_SYS_RESOURCE, and runc fails every
  # pod sandbox when it may not lower oom_score_adj.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins.'io.containerd.cri.v1.runtime'.containerd]
    default_runtime_name = 'runc'
    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
      runtime_type = 'io.containerd.runc.v2'
      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
        BinaryName = '$RUNC'
        SystemdCgroup = false
        Root = '$REAL_NODE_DIR/runc'
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ['$CNI_BIN_DIR']
    conf_dir = '$c/cni'

[plugins.'io.containerd.grpc.v1.cri']
  disable_tcp_service = true
  stream_server_address = '127.0.0.1'
  stream_server_port = '0'
TOML
  cat >"$c/kubelet.yaml" <<KUBELET
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# cgroup v1 (hybrid) on these machines: kubelet 1.36 refuses it unless told.
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: /$NODE_CGROUP
cgroupsPerQOS: true
enforceNodeAllocatable: []
containerRuntimeEndpoint: unix://$REAL_NODE_DIR/containerd.sock
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
tlsCertFile: $PKI_DIR/kubelet-serving.crt
tlsPrivateKeyFile: $PKI_DIR/kubelet-serving.key
tlsMinVersion: VersionTLS12
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI_DIR/ca.crt}
authorization:
  mode: Webhook
registerWithTaints:
  - {key: $REAL_NODE_TAINT, value: "true", effect: NoSchedule}
# No host iptables chains (and none needed in the node's namespace either).
makeIPTablesUtilChains: false
failSwapOn: false
# No DNS: pods get no resolver (nothing may leave the machine).
resolvConf: ""
clusterDomain: cluster.local
localStorageCapacityIsolation: false
evictionHard: {}
# Images cannot be pulled here: never collect them.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
podLogsDir: $REAL_NODE_DIR/pod-logs
volumePluginDir: $REAL_NODE_DIR/volume-plugins
serializeImagePulls: false
shutdownGracePeriod: 0s
KUBELET
  cat >"$c/kube-proxy.yaml" <<PROXY
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: $CONFIG_DIR/kube-proxy.kubeconfig
hostnameOverride: $REAL_NODE_NAME
mode: nftables
clusterCIDR: $NODE_POD_CIDR
# Service traffic leaves with the node's address, so a pod reaching another
# pod of the same bridge through a Service gets its answer back through the
# translation (no br_netfilter needed).
masqueradeAll: true
nodePortAddresses: [$NODE_IP/32]
metricsBindAddress: 127.0.0.1:10249
healthzBindAddress: 127.0.0.1:10256
# Leave the kernel's conntrack settings alone (some are host-wide).
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
PROXY
}

start_containerd() {
  # shellcheck disable=SC2016 # expanded inside the node
  start containerd "$(command -v nsenter)" --target "$NODE_HOLDER_PID" --net --mount -- \
    "$TANDEM_CONTAINERD_BIN/containerd" --config "$REAL_NODE_DIR/config/containerd.toml" --log-level warn
  # nsenter execs containerd: record its path as /proc/PID/exe shows it.
  fix_recorded_exe containerd "$TANDEM_CONTAINERD_BIN/containerd"
  wait_for containerd 30 ctr version
}

# fix_recorded_exe NAME EXE: nsenter execs EXE, so /proc/PID/exe turns from
# nsenter into EXE a moment after the start; record EXE.
fix_recorded_exe() {
  local pid exe deadline=$((SECONDS + 10))
  pid=$(sed -n "s/^$1 \([0-9]*\) .*/\1/p" "$PIDS_FILE")
  exe=$(readlink -f "$2")
  until [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == "$exe" ]] || ((SECONDS > deadline)); do sleep 0.05; done
  sed -i "s|^$1 $pid .*|$1 $pid $exe|" "$PIDS_FILE"
}

# ctr ARGS...: containerd's client against the node's containerd, in the
# kubelet's namespace of images and containers.
ctr() { "$TANDEM_CONTAINERD_BIN/ctr" --address "$REAL_NODE_DIR/containerd.sock" --namespace k8s.io "$@"; }

# The kubelet's cgroup root must exist in every hierarchy before it starts.
create_cgroups() {
  local fs
  for fs in "$REAL_NODE_CGROUP_FS"/*/; do
    mkdir -p "$fs$NODE_CGROUP"
  done
}

start_kubelet() {
  create_cgroups
  start kubelet "$(command -v nsenter)" --target "$NODE_HOLDER_PID" --net --mount -- \
    "$TANDEM_K8S_BIN/kubelet" \
    --config="$REAL_NODE_DIR/config/kubelet.yaml" \
    --kubeconfig="$CONFIG_DIR/kubelet.kubeconfig" \
    --root-dir="$REAL_NODE_DIR/kubelet" \
    --hostname-override="$REAL_NODE_NAME" \
    --node-ip="$NODE_IP" \
    --node-labels="$REAL_NODE_TAINT=true" \
    --v=1
  fix_recorded_exe kubelet "$TANDEM_K8S_BIN/kubelet"
}

start_kube_proxy() {
  start kube-proxy "$(command -v nsenter)" --target "$NODE_HOLDER_PID" --net --mount -- \
    "$TANDEM_K8S_BIN/kube-proxy" --config="$REAL_NODE_DIR/config/kube-proxy.yaml" --v=1
  fix_recorded_exe kube-proxy "$TANDEM_K8S_BIN/kube-proxy"
}

real_node_ready() {
  "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" wait node "$REAL_NODE_NAME" --for=condition=Ready --timeout=1s
}

# real_node_start: the holder, the link, containerd with the pause image, the
# kubelet and kube-proxy. Expects the slot claimed and the PKI written.
real_node_start() {
  start_node_holder
  setup_node_network
  write_node_configs
  start_containerd
  import_image "$NODE_PAUSE_ARCHIVE"
  start_kubelet
  start_kube_proxy
}

# prepare_pause_image: the pod sandbox image, built by the project's image
# builder from its recipe (test/images/pause) and cached; sets
# NODE_PAUSE_IMAGE (its reference) and NODE_PAUSE_ARCHIVE.
prepare_pause_image() {
  local built
  if [[ -n ${TANDEM_PAUSE_ARCHIVE:-} ]]; then
    NODE_PAUSE_ARCHIVE=$TANDEM_PAUSE_ARCHIVE
    NODE_PAUSE_IMAGE=$TANDEM_PAUSE_IMAGE
    return
  fi
  built=$(build_image pause) || return 1
  NODE_PAUSE_IMAGE=${built%% *}
  NODE_PAUSE_ARCHIVE=${built#* }
}

# build_image NAME: builds (or reuses) one of the project's images and
# prints "<reference> <archive>".
build_image() {
  (
    cd "$TANDEM_REPO_ROOT" || exit
    # shellcheck source=../../scripts/node-env.sh
    source scripts/node-env.sh >&2
    node scripts/build-image.ts "$1" | tail -1 |
      node -e 'const i = JSON.parse(require("node:fs").readFileSync(0, "utf8")); console.log(`${i.ref} ${i.archive}`)'
  )
}

# import_image ARCHIVE: loads an OCI archive into the node's containerd.
import_image() {
  ctr images import --no-unpack=false "$1" >/dev/null
}

# --- stop ---------------------------------------------------------------------

# real_node_stop: stops the kubelet and kube-proxy (so nothing restarts a
# container), kills the pods' containers (the kubelet's cgroups) and then
# every process of the node's mount namespace (containerd, its shims, the
# holder), removes the cgroups and releases the slot; the namespaces, the
# link and the node's mounts go with their last process. Idempotent; reads
# the state and pids files, so it also cleans up after a crashed start.
real_node_stop() {
  local slot mnt name pid exe
  [[ -f $STATE_FILE ]] || return 0
  slot=$(sed -n 's/^TANDEM_NODE_SLOT=//p' "$STATE_FILE")
  [[ -n $slot ]] || return 0
  mnt=$(sed -n 's/^TANDEM_NODE_MOUNT_NS=//p' "$STATE_FILE")
  if [[ -f $PIDS_FILE ]]; then
    while read -r name pid exe; do
      case $name in
        kubelet | kube-proxy) is_ours "$pid" "$exe" && kill -KILL "$pid" 2>/dev/null ;;
      esac
    done <"$PIDS_FILE"
  fi
  kill_cgroup_processes "tandem-$slot"
  if [[ -n $mnt ]]; then
    for pid in $(node_namespace_pids "$mnt"); do
      kill -KILL "$pid" 2>/dev/null || true
    done
  fi
  wait_for_no_pids node_namespace_pids "$mnt"
  remove_cgroups "tandem-$slot"
  ip link del "tandem$slot" 2>/dev/null || true
  real_node_release_slot "$slot"
  rm -rf "$REAL_NODE_DIR"
}

# wait_for_no_pids CMD...: waits (up to 10 s) until CMD prints no PID: a
# killed process leaves its namespaces (and their mounts) when it has exited.
wait_for_no_pids() {
  local deadline=$((SECONDS + 10))
  while [[ -n $("$@") ]] && ((SECONDS < deadline)); do sleep 0.1; done
}

# node_namespace_pids MNT: processes whose mount namespace is MNT (as
# readlink /proc/PID/ns/mnt prints it).
node_namespace_pids() {
  local proc
  for proc in /proc/[0-9]*; do
    [[ $(readlink "$proc/ns/mnt" 2>/dev/null) == "$1" ]] && echo "${proc#/proc/}"
  done
  return 0
}
