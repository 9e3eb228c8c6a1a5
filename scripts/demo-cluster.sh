#!/usr/bin/env bash
# The demo on the local cluster (`make demo`):
#   1. brings up the local control plane of test/cluster/ (building it on
#      first use), 2. installs the SidecarSet CRD, 3. starts `tandem operator`
#   (the webhook and the controller) as a local background process with a demo CA,
#   4. registers it with the MutatingWebhookConfiguration rendered from the
#   chart (url mode), 5. applies the example SidecarSets and workloads, and
#   6. shows the SidecarSets' status, an injected pod and the webhook's metrics.
# Usage: scripts/demo-cluster.sh [up|down|stop-webhook]
#   up (default)   the above; running it again restarts the webhook and the demo
#   stop-webhook   stops the demo webhook (by its recorded PID) and removes its registration
#   down           stop-webhook, then stops the local cluster (make demo-down)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/node-env.sh
source scripts/node-env.sh
# The demo's own cluster, never the test suite's (.cluster/): the README's two
# commands run in either order, and at the same time.
export TANDEM_STATE_DIR=$root/.demo
# shellcheck source=test/cluster/env.sh
source test/cluster/env.sh

DEMO_DIR=$TANDEM_STATE_DIR/operator
PID_FILE=$DEMO_DIR/webhook.pid
LOG_FILE=$DEMO_DIR/webhook.log
RELEASE=tandem
RELEASE_NAMESPACE=tandem-system
DEMO_NAMESPACE=shop
# Marks the demo's registration, so stop-webhook deletes only that one.
DEMO_LABEL=tandem.dev/demo
NODE_BIN=$(command -v node)
MAIN=$root/operator/cli/main.ts

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
say() { printf '%s\n' "$*"; }
k() { "$TANDEM_KUBECTL" --kubeconfig "$KUBECONFIG" "$@"; }

# demo_webhook_pid: prints the recorded PID if that process still is this
# checkout's `tandem webhook` (PIDs are recycled: check the binary and the
# command line), else nothing.
demo_webhook_pid() {
  local pid exe cmdline
  [[ -s $PID_FILE ]] || return 0
  read -r pid <"$PID_FILE"
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 0
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 0
  [[ ${exe% (deleted)} == "$(readlink -f "$NODE_BIN")" ]] || return 0
  [[ $cmdline == *"$MAIN operator "* || $cmdline == *"$MAIN webhook "* ]] && printf '%s\n' "$pid"
  return 0
}

stop_webhook() {
  local pid deadline
  pid=$(demo_webhook_pid)
  if [[ -n $pid ]]; then
    say "stopping the demo webhook (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 15))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      say "the demo webhook (pid $pid) ignored SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PID_FILE"
  # Its registration points at a port nobody serves any more: remove it (only
  # the demo's, found by its label) while the cluster is up.
  if [[ -f $KUBECONFIG ]] && k --request-timeout=5s get --raw /readyz >/dev/null 2>&1; then
    k delete mutatingwebhookconfiguration -l "$DEMO_LABEL=true" --ignore-not-found >/dev/null
  fi
}

# new_pki: a demo CA and a serving certificate for IP:127.0.0.1, unless a
# valid one (for at least another day) is there.
new_pki() {
  local pki=$DEMO_DIR/pki
  if [[ -f $pki/tls.crt && -f $pki/ca.crt ]] && openssl x509 -checkend 86400 -noout -in "$pki/tls.crt" >/dev/null 2>&1; then
    return
  fi
  rm -rf "$pki"
  mkdir -p "$pki"
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  openssl req -x509 "${ec[@]}" -keyout "$pki/ca.key" -out "$pki/ca.crt" -days 30 -subj /CN=tandem-demo-ca 2>/dev/null
  openssl req -new "${ec[@]}" -keyout "$pki/tls.key" -out "$pki/tls.csr" -subj /CN=tandem-demo-webhook 2>/dev/null
  printf '%s\n' 'subjectAltName=IP:127.0.0.1' 'extendedKeyUsage=serverAuth' 'keyUsage=critical,digitalSignature' >"$pki/tls.ext"
  openssl x509 -req -in "$pki/tls.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -out "$pki/tls.crt" -days 30 -extfile "$pki/tls.ext" 2>/dev/null
  chmod 600 "$pki"/*.key
}

# start_webhook: `tandem operator` (webhook + controller, leader election on a
# Lease in $RELEASE_NAMESPACE), in its own session (so a
# Ctrl-C in this terminal does not stop it), on a free port the kernel picks.
# Sets PORT.
start_webhook() {
  local pid deadline
  : >"$LOG_FILE"
  k create namespace "$RELEASE_NAMESPACE" --dry-run=client -o yaml | k apply --server-side -f - >/dev/null
  setsid "$NODE_BIN" "$MAIN" operator \
    --kubeconfig "$KUBECONFIG" \
    --listen 127.0.0.1:0 \
    --lease-namespace "$RELEASE_NAMESPACE" \
    --tls-cert-file "$DEMO_DIR/pki/tls.crt" \
    --tls-key-file "$DEMO_DIR/pki/tls.key" \
    >"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  PORT=
  deadline=$((SECONDS + 60))
  while [[ -z $PORT ]]; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS > deadline)); then
      say "tandem operator did not start; its log ($LOG_FILE):" >&2
      tail -20 "$LOG_FILE" >&2
      exit 1
    fi
    sleep 0.2
    PORT=$(sed -n 's/.*"address":"127\.0\.0\.1:\([0-9]*\)".*"msg":"webhook server listening".*/\1/p' "$LOG_FILE" | head -1)
  done
  printf '%s\n' "$PORT" >"$DEMO_DIR/webhook.port"
  # Ready once its informers have listed SidecarSets and Namespaces.
  until curl -fsS --cacert "$DEMO_DIR/pki/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS > deadline)); then
      say "tandem operator did not become ready; its log ($LOG_FILE):" >&2
      tail -20 "$LOG_FILE" >&2
      exit 1
    fi
    sleep 0.2
  done
  say "tandem operator (pid $pid) serves https://127.0.0.1:$PORT/mutate-pods and runs the controller; log: ${LOG_FILE#"$root"/}"
}

# The chart's registration in url mode.
register_webhook() {
  local rendered=$DEMO_DIR/mutating-webhook-configuration.yaml
  "$TANDEM_HELM" template "$RELEASE" charts/tandem --namespace "$RELEASE_NAMESPACE" \
    --set "webhook.url=https://127.0.0.1:$PORT/mutate-pods" \
    --set "webhook.caBundle=$(base64 -w0 "$DEMO_DIR/pki/ca.crt")" \
    --show-only templates/mutating-webhook-configuration.yaml >"$rendered"
  grep -q '^ *caBundle: ' "$rendered" || {
    say "the chart rendered no caBundle for webhook.url; see $rendered" >&2
    exit 1
  }
  k apply --server-side --force-conflicts --field-manager=tandem-demo -f "$rendered" >/dev/null
  k label --overwrite mutatingwebhookconfiguration "$RELEASE" "$DEMO_LABEL=true" >/dev/null
  say "registered: mutatingwebhookconfiguration/$RELEASE (rendered from charts/tandem: ${rendered#"$root"/})"
}

# The apiserver picks registrations up asynchronously: dry-run a pod that asks
# for a set that does not exist until kubectl prints the webhook's warning
# (so the probe injects nothing and the metrics below count only real pods).
wait_until_registered() {
  local deadline=$((SECONDS + 30))
  local probe='{"apiVersion":"v1","kind":"Pod","metadata":{"name":"probe","annotations":{"tandem.dev/inject":"registration-probe"}},"spec":{"containers":[{"name":"app","image":"registry.example.com/app:1"}]}}'
  until k create --dry-run=server -n "$DEMO_NAMESPACE" -o name -f - <<<"$probe" 2>&1 >/dev/null | grep -q '^Warning: tandem: '; do
    if ((SECONDS > deadline)); then
      say "the apiserver does not call the webhook; its log ($LOG_FILE):" >&2
      tail -20 "$LOG_FILE" >&2
      exit 1
    fi
    sleep 0.5
  done
}

# import_image NAME: builds one of the project's images (scripts/build-image.ts,
# cached) and loads it into the real node's containerd; prints its reference.
import_image() {
  local built ref archive
  built=$(node scripts/build-image.ts "$1" | tail -1)
  ref=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).ref)' "$built")
  archive=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).archive)' "$built")
  "$(state TANDEM_CTR)" --address "$(state TANDEM_CONTAINERD_ADDRESS)" --namespace k8s.io images import "$archive" 2>&1 >/dev/null |
    grep -v 'level=warning' >&2 || true
  printf '%s\n' "$ref"
}

state() { sed -n "s/^$1=//p" "$TANDEM_STATE_DIR/state.env"; }

# get_text URL: the body nginx answers (the host routes pod IPs to the real node).
get_text() { curl -fsS --max-time 5 "$1"; }

# The seed's story (../shared/seed-what-are-pods.md) on a real pod: the
# objects of scripts/demo/seed-pod.yaml, the reloader injected from the
# shipped SidecarSet, its image built by `make image`'s builder.
seed_pod() {
  local absent nginx_image pod ip
  absent=$(state TANDEM_REAL_NODE_ABSENT_BECAUSE)
  if [[ -z $(state TANDEM_NODE_SLOT) ]]; then
    say "No real node in this cluster ($absent): every pod above ran on kwok, which runs nothing."
    say "Run the demo as root on Linux (cgroups, namespaces) to see the pod run for real."
    return
  fi
  say "Building the images (first run: a few minutes; cached afterwards): Tandem's (make image), nginx (test/images/nginx)"
  import_image tandem >/dev/null
  nginx_image=$(import_image nginx)
  # The shipped ClusterRole (the first document of reloader-rbac.yaml); seed-pod.yaml binds it in its namespace.
  node -e 'const y=require("yaml");const d=y.parseAllDocuments(require("fs").readFileSync("deploy/examples/reloader-rbac.yaml","utf8")).map(x=>x.toJSON()).find(o=>o.kind==="ClusterRole");process.stdout.write(JSON.stringify(d))' |
    k apply --server-side --force-conflicts -f - >/dev/null
  k create namespace seed --dry-run=client -o yaml |
    k label --local -f - pod-security.kubernetes.io/enforce=restricted -o yaml |
    k apply --server-side --force-conflicts -f - >/dev/null
  until k get serviceaccount default -n seed >/dev/null 2>&1; do sleep 0.2; done
  # A second run starts afresh: a new pod (this run's images and webhook), the first greeting.
  k delete deployment seed -n seed --ignore-not-found --wait=true >/dev/null
  k delete pods -n seed -l app=seed --ignore-not-found --wait=true >/dev/null
  k delete configmap seed-settings -n seed --ignore-not-found >/dev/null
  sed "s|NGINX_IMAGE|$nginx_image|" scripts/demo/seed-pod.yaml | k apply --server-side --force-conflicts -f -
  k rollout status deployment/seed -n seed --timeout=180s
  pod=$(k get pods -n seed -l app=seed --field-selector=status.phase=Running --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[-1:].metadata.name}')
  ip=$(k get pod -n seed "$pod" -o jsonpath='{.status.podIP}')
  echo
  say "Pod seed/$pod on node $(k get pod -n seed "$pod" -o jsonpath='{.spec.nodeName}') ($ip), shareProcessNamespace: $(k get pod -n seed "$pod" -o jsonpath='{.spec.shareProcessNamespace}'):"
  {
    printf 'FIELD NAME IMAGE RESTARTPOLICY STARTED\n'
    k get pod -n seed "$pod" -o jsonpath='{range .status.initContainerStatuses[*]}initContainers {.name} {.image} Always {.state.running.startedAt}{"\n"}{end}{range .status.containerStatuses[*]}containers {.name} {.image} - {.state.running.startedAt}{"\n"}{end}'
  } | column -t | sed 's/^/  /'
  echo
  say "The processes, seen from inside the reloader's container (one PID namespace: PID 1 is the pod's sandbox):"
  say "  \$ kubectl exec -n seed $pod -c tandem-reloader -- node -e '<list /proc/*/cmdline>'"
  k exec -n seed "$pod" -c tandem-reloader -- node -e "const fs=require('fs');for(const p of fs.readdirSync('/proc').filter(d=>/^\\d+\$/.test(d)).sort((a,b)=>a-b)){try{console.log(p.padStart(5),fs.readFileSync('/proc/'+p+'/cmdline','utf8').split('\\0').join(' ').trim())}catch{}}" | sed 's/^/  /'
  echo
  say "  \$ curl http://$ip:8080/"
  get_text "http://$ip:8080/" | sed 's/^/  /'
  say "  \$ kubectl patch configmap seed-settings -n seed -p '{\"data\":{\"greeting\":\"bonjour\"}}'"
  k patch configmap seed-settings -n seed --type=merge -p '{"data":{"greeting":"bonjour"}}' | sed 's/^/  /'
  local deadline=$((SECONDS + 60)) body=''
  until [[ $body == bonjour ]] || ((SECONDS > deadline)); do
    sleep 0.2
    body=$(get_text "http://$ip:8080/" 2>/dev/null || true)
  done
  say "  \$ curl http://$ip:8080/"
  get_text "http://$ip:8080/" | sed 's/^/  /'
  say "The reloader rendered the new config and sent SIGHUP to nginx through the shared PID namespace (its log, and nginx's):"
  # The reloader's logger writes in batches: wait for the line.
  deadline=$((SECONDS + 10))
  until k logs -n seed "$pod" -c tandem-reloader | grep -q 'SIGHUP sent' || ((SECONDS > deadline)); do sleep 0.3; done
  { k logs -n seed "$pod" -c tandem-reloader | grep -o '"reload":"SIGHUP sent to pid [^"]*"' || true; } | tail -1 | sed 's/^/  /'
  { k logs -n seed "$pod" -c nginx | grep -E 'SIGHUP|reconfiguring' || true; } | tail -2 | sed 's/^/  /'
}

up() {
  local started=$SECONDS
  mkdir -p "$DEMO_DIR"

  section "1/8 The local Kubernetes cluster (test/cluster/: real kube-apiserver, etcd, controller-manager, scheduler; kwok fakes 3 nodes; one real node: kubelet, containerd, kube-proxy)"
  local bin missing=0
  for bin in "$TANDEM_K8S_BIN/kube-apiserver" "$TANDEM_K8S_BIN/kubelet" "$TANDEM_CONTAINERD_BIN/containerd" "$TANDEM_ETCD_BIN/etcd" "$TANDEM_KWOK_BIN/kwok" "$TANDEM_HELM_BIN/helm"; do
    [[ -x $bin ]] || missing=1
  done
  if ((missing)); then
    say "First run: building Kubernetes $K8S_VERSION (with kubelet and kube-proxy), containerd $CONTAINERD_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION and helm $HELM_VERSION from source."
    say "This takes about 15 minutes on 2 idle cores (cached in $TANDEM_CACHE_DIR afterwards: later runs start in seconds)."
  fi
  bash test/cluster/up.sh
  k get nodes

  section "2/8 The SidecarSet CRD"
  k apply --server-side --force-conflicts -f crds/sidecarset.yaml
  k wait --for=condition=Established --timeout=60s crd/sidecarsets.tandem.dev

  section "3/8 tandem operator: the webhook (informers on SidecarSets and Namespaces) and the controller, as a local process"
  stop_webhook
  new_pki
  start_webhook

  section "4/8 Register it with the apiserver (the chart's MutatingWebhookConfiguration, url mode)"
  register_webhook

  section "5/8 The example SidecarSets, and workloads in namespace $DEMO_NAMESPACE"
  # A second run tells the story in order: step 7's proxy sets (cluster-scoped,
  # they select the mesh label these pods carry too) come back only in step 7.
  k delete --ignore-not-found -f deploy/examples/proxy-sidecarset.yaml >/dev/null
  k apply --server-side --force-conflicts -f deploy/examples/sidecarsets.yaml -f deploy/examples/reloader-sidecarset.yaml
  # Pod Security: the injected pods keep the baseline level enforced. (The
  # opted-out 'legacy' example would not pass restricted: it sets no securityContext.)
  k create namespace "$DEMO_NAMESPACE" --dry-run=client -o yaml |
    k label --local -f - pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/warn=baseline -o yaml |
    k apply --server-side --force-conflicts -f -
  until k get serviceaccount default -n "$DEMO_NAMESPACE" >/dev/null 2>&1; do sleep 0.2; done
  wait_until_registered
  local existed=0
  k get deployment web -n "$DEMO_NAMESPACE" >/dev/null 2>&1 && existed=1
  k apply --server-side --force-conflicts -f deploy/examples/workloads.yaml
  if ((existed)); then
    # A second run: new pods, so the ones shown went through this run's webhook.
    k rollout restart deployment/web -n "$DEMO_NAMESPACE"
  fi
  k rollout status deployment/web -n "$DEMO_NAMESPACE" --timeout=120s
  k rollout status deployment/legacy -n "$DEMO_NAMESPACE" --timeout=120s
  k wait --for=condition=Complete --timeout=120s job/nightly-report -n "$DEMO_NAMESPACE"

  section "6/8 The result"
  # The controller writes status from the pods it sees; give it a moment to count the new ones.
  local deadline=$((SECONDS + 30))
  until [[ $(k get sidecarset mesh-proxy -o jsonpath='{.status.injectedPods}/{.status.readyPods}') == 3/3 ]] || ((SECONDS > deadline)); do
    sleep 0.5
  done
  k get sidecarsets
  echo
  k get pods -n "$DEMO_NAMESPACE" -o wide
  local pod
  pod=$(k get pods -n "$DEMO_NAMESPACE" -l app.kubernetes.io/name=web --field-selector=status.phase=Running \
    --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[-1:].metadata.name}')
  echo
  say "Pod $DEMO_NAMESPACE/$pod (from deploy/examples/workloads.yaml: one app container, nginx), as the apiserver stored it:"
  {
    printf 'FIELD NAME IMAGE RESTARTPOLICY\n'
    k get pod "$pod" -n "$DEMO_NAMESPACE" -o jsonpath='{range .spec.initContainers[*]}initContainers {.name} {.image} {.restartPolicy}{"\n"}{end}{range .spec.containers[*]}containers {.name} {.image}{"\n"}{end}'
  } | column -t | sed 's/^/  /'
  k get pod "$pod" -n "$DEMO_NAMESPACE" -o jsonpath='  shareProcessNamespace: {.spec.shareProcessNamespace}{"\n"}  label tandem.dev/injected: {.metadata.labels.tandem\.dev/injected}{"\n"}  label mesh.example.com/member: {.metadata.labels.mesh\.example\.com/member}{"\n"}  annotation kubectl.kubernetes.io/default-container: {.metadata.annotations.kubectl\.kubernetes\.io/default-container}{"\n"}'
  say "  annotation tandem.dev/injection-record:"
  k get pod "$pod" -n "$DEMO_NAMESPACE" -o jsonpath='{.metadata.annotations.tandem\.dev/injection-record}' |
    node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{let out=s;try{out=JSON.stringify(JSON.parse(s),null,2)}catch{}console.log(out.replace(/^/gm,"    "))})'
  echo
  say "Opted out (tandem.dev/inject: \"false\"), so never sent to the webhook:"
  k get pods -n "$DEMO_NAMESPACE" -l app=legacy -o jsonpath='{range .items[*]}  {.metadata.name}: containers {.spec.containers[*].name}, injected label "{.metadata.labels.tandem\.dev/injected}"{"\n"}{end}'
  echo
  say "The webhook's metrics (curl --cacert ${DEMO_DIR#"$root"/}/pki/ca.crt https://127.0.0.1:$PORT/metrics):"
  curl -fsS --cacert "$DEMO_DIR/pki/ca.crt" "https://127.0.0.1:$PORT/metrics" | grep -E '^tandem_webhook_(injections|admissions)_total' | sed 's/^/  /'

  section "7/8 One pod from two SidecarSets: nginx + the tandem reloader + the Envoy proxy, restricted Pod Security (docs/proxy.md)"
  k apply --server-side --force-conflicts -f deploy/examples/proxy-sidecarset.yaml
  k create namespace web --dry-run=client -o yaml |
    k label --local -f - pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/warn=restricted -o yaml |
    k apply --server-side --force-conflicts -f -
  until k get serviceaccount default -n web >/dev/null 2>&1; do sleep 0.2; done
  k create serviceaccount web -n web --dry-run=client -o yaml | k apply --server-side --force-conflicts -f - >/dev/null
  # The reloader example's ConfigMaps (its own Deployment "web" comes along), the proxy's bootstrap, the composed Deployment.
  k apply --server-side --force-conflicts -f deploy/examples/reloader-workload.yaml -f deploy/examples/proxy-bootstrap.yaml -f deploy/examples/composed-workload.yaml
  k rollout status deployment/web-meshed -n web --timeout=120s
  local meshed
  meshed=$(k get pods -n web -l app.kubernetes.io/name=web-meshed --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[-1:].metadata.name}')
  say "Pod web/$meshed (deploy/examples/composed-workload.yaml, annotated tandem.dev/inject: tandem-proxy,tandem-reloader and proxy.tandem.dev/memory-limit: 384Mi):"
  {
    printf 'FIELD NAME RESTARTPOLICY RUNASUSER MEMORYLIMIT\n'
    k get pod "$meshed" -n web -o jsonpath='{range .spec.initContainers[*]}initContainers {.name} {.restartPolicy} {.securityContext.runAsUser} {.resources.limits.memory}{"\n"}{end}{range .spec.containers[*]}containers {.name} - {.securityContext.runAsUser} -{"\n"}{end}'
  } | column -t | sed 's/^/  /'
  echo
  say "An override the tandem-proxy set does not allow is refused, with the reason:"
  say "  \$ kubectl run web-big -n web --image=nginx --annotations=tandem.dev/inject=tandem-proxy --annotations=proxy.tandem.dev/memory-limit=2Gi"
  k run web-big -n web --image=nginx --annotations=tandem.dev/inject=tandem-proxy --annotations=proxy.tandem.dev/memory-limit=2Gi 2>&1 | sed 's/^/  /' || true

  section "8/8 The seed's pod, for real: nginx + the tandem reloader on the real node (kubelet, containerd, runc)"
  seed_pod

  section "Look around"
  cat <<TXT
  export KUBECONFIG=.demo/kubeconfig   # or: TANDEM_STATE_DIR=\$PWD/.demo source test/cluster/env.sh (also puts the matching kubectl and helm on PATH)
  kubectl --kubeconfig .demo/kubeconfig get sidecarsets,pods -A -o wide
  kubectl --kubeconfig .demo/kubeconfig get pod -n $DEMO_NAMESPACE $pod -o yaml
  kubectl --kubeconfig .demo/kubeconfig describe job -n $DEMO_NAMESPACE nightly-report   # completes: its proxy is a native sidecar
  bin/tandem explain -f deploy/examples/workloads.yaml --sidecarsets deploy/examples/sidecarsets.yaml --sidecarsets deploy/examples/reloader-sidecarset.yaml
  tail -f ${LOG_FILE#"$root"/}                               # the webhook's JSON log, a line per admission
  Try your own: a pod annotated tandem.dev/inject: "true" (and labelled mesh=enabled for the proxy) in any namespace
  but kube-system and $RELEASE_NAMESPACE; kubectl prints the webhook's warnings ("Warning: tandem: ...").

Stop it: make demo-down   (stops the demo webhook by its PID, then the local cluster)
TXT
  say "(demo ready in $((SECONDS - started)) s)"
}

case ${1:-up} in
  up) up ;;
  stop-webhook) stop_webhook ;;
  down)
    stop_webhook
    bash test/cluster/down.sh
    ;;
  *)
    say "usage: $0 [up|down|stop-webhook]" >&2
    exit 2
    ;;
esac
