#!/usr/bin/env bash
# Builds the binaries of the local test cluster from the Go module proxy into a
# per-user cache outside the repo:
#   ${TANDEM_CACHE_DIR:-$HOME/.cache/tandem}/bin/<group>-<version>/<binary>
# A group whose directory exists is skipped: it is only moved into place once
# every binary in it has been built, so its presence means "complete".
# Versions come from versions.env. Safe to run concurrently (flock).
set -euo pipefail

# shellcheck source=paths.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/paths.sh"

BIN_ROOT=$TANDEM_CACHE_DIR/bin
SRC_ROOT=$TANDEM_CACHE_DIR/src

# Never let the go command fetch another toolchain (only the module proxy is
# reachable); static binaries need no C toolchain and build faster. Go lives in
# /usr/local/go on the project's machines, which non-login shells may not
# have on PATH.
export GOTOOLCHAIN=local CGO_ENABLED=0
command -v go >/dev/null || PATH=/usr/local/go/bin:$PATH

log() { printf '[%s] build: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Staging modules (k8s.io/api, k8s.io/client-go, ...) are tagged v0.X.Y for
# Kubernetes v1.X.Y.
staging_version() { echo "v0.${1#v1.}"; }

# module_path MODULE@VERSION FIELD: a path from `go mod download -json`
# ("GoMod" = its go.mod, "Dir" = its extracted source), fetched via the proxy.
module_path() {
  go mod download -json "$1" | sed -n 's/^[[:space:]]*"'"$2"'": "\(.*\)",$/\1/p'
}

# Kubernetes cannot be "go install"ed: its go.mod points the staging modules at
# ./staging via replace directives. A wrapper module that requires it and maps
# every such module to its published v0.X.Y tag builds the same code.
write_kubernetes_module() {
  local dir=$1 gomod staging
  gomod=$(module_path "k8s.io/kubernetes@$K8S_VERSION" GoMod)
  staging=$(staging_version "$K8S_VERSION")
  mkdir -p "$dir"
  {
    echo "module tandem.local/cluster-build/kubernetes"
    echo
    # The main module's go/godebug lines set the language and GODEBUG
    # defaults; keep upstream's so the binaries behave like release builds.
    grep -E '^(go|godebug) ' "$gomod"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    sed -n 's#^[[:space:]]*\(k8s\.io/[^[:space:]]*\) => \./staging/src/k8s\.io/.*#\t\1 => \1 '"$staging"'#p' "$gomod"
    echo ")"
  } >"$dir/go.mod"
  if ! grep -q 'k8s.io/client-go => ' "$dir/go.mod"; then
    echo "no staging replace directives found in $gomod" >&2
    return 1
  fi
}

# Same ldflags as hack/lib/version.sh so /version and kubectl version report
# the real release instead of v0.0.0-master.
kubernetes_ldflags() {
  local major minor flags="-s -w" pkg kv key val
  major=${K8S_VERSION#v}; major=${major%%.*}
  minor=${K8S_VERSION#v*.}; minor=${minor%%.*}
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    for kv in "gitVersion=$K8S_VERSION" "gitMajor=$major" "gitMinor=$minor" \
      "gitTreeState=clean" "buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"; do
      key=${kv%%=*}; val=${kv#*=}
      flags+=" -X $pkg.$key=$val"
    done
  done
  echo "$flags"
}

# One go build for every Kubernetes command: they share most packages. Measured
# on 2 cores from an empty build cache: 403 s for the first four, against 408 s
# for four builds in a row sharing the cache; same work, one command. kubelet
# and kube-proxy run the real node (up.sh, TANDEM_REAL_NODE).
build_kubernetes() {
  local out=$1 mod=$SRC_ROOT/kubernetes-$K8S_VERSION
  write_kubernetes_module "$mod"
  (
    cd "$mod"
    # -mod=mod records the go.sum entries of whatever the build needs.
    go build -mod=mod -trimpath -tags=selinux,notest,grpcnotrace \
      -ldflags "$(kubernetes_ldflags)" -o "$out/" \
      k8s.io/kubernetes/cmd/kube-apiserver \
      k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler \
      k8s.io/kubernetes/cmd/kubectl \
      k8s.io/kubernetes/cmd/kubelet \
      k8s.io/kubernetes/cmd/kube-proxy
  )
}

# etcd's own main module (go.etcd.io/etcd/v3) also uses local replace
# directives; its main() is a one-liner around etcdmain, so wrap that.
build_etcd() {
  local out=$1 mod=$SRC_ROOT/etcd-$ETCD_VERSION
  mkdir -p "$mod"
  cat >"$mod/go.mod" <<GOMOD
module tandem.local/cluster-build/etcd

go 1.26.0

require go.etcd.io/etcd/server/v3 $ETCD_VERSION
GOMOD
  cat >"$mod/main.go" <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  (cd "$mod" && go build -mod=mod -trimpath -ldflags "-s -w" -o "$out/etcd" .)
}

# The kwok binary has no built-in stages (kwokctl supplies them), so store
# the set kwokctl uses by default next to it: node-initialize, heartbeat with
# node leases, and the pod "fast" stages (ready, complete, delete).
build_kwok() {
  local out=$1 src stage
  GOBIN=$out go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  src=$(module_path "sigs.k8s.io/kwok@$KWOK_VERSION" Dir)
  for stage in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
    pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    echo "---"
    cat "$src/kustomize/stage/$stage.yaml"
  done >"$out/stages.yaml"
}

# Helm's Makefile stamps its version and the Kubernetes version it reports to
# charts (.Capabilities.KubeVersion) derived from its client-go requirement.
build_helm() {
  local out=$1 module="helm.sh/helm/${HELM_VERSION%%.*}" clientgo minor
  clientgo=$(sed -n 's#^[[:space:]]*k8s\.io/client-go \(v[^[:space:]]*\).*#\1#p' "$(module_path "$module@$HELM_VERSION" GoMod)")
  minor=${clientgo#v0.}; minor=${minor%%.*}
  GOBIN=$out go install -trimpath -ldflags "-s -w \
    -X $module/internal/version.version=$HELM_VERSION \
    -X $module/internal/version.metadata= \
    -X $module/internal/version.gitTreeState=clean \
    -X $module/pkg/chartutil.k8sVersionMajor=1 -X $module/pkg/chartutil.k8sVersionMinor=$minor \
    -X $module/pkg/lint/rules.k8sVersionMajor=1 -X $module/pkg/lint/rules.k8sVersionMinor=$minor" \
    "$module/cmd/helm@$HELM_VERSION"
}

# containerd for the real node: the daemon, its runc shim and ctr (image
# import). Debian's containerd 1.6 is too old for kubelet 1.36. Static (CGO
# off): the btrfs and devmapper snapshotters that need cgo are not used.
build_containerd() {
  local out=$1 module=github.com/containerd/containerd/v2 cmd pkgs=()
  for cmd in containerd containerd-shim-runc-v2 ctr; do
    pkgs+=("$module/cmd/$cmd@$CONTAINERD_VERSION")
  done
  GOBIN=$out go install -trimpath -tags no_btrfs,no_devmapper,no_zfs -ldflags "-s -w \
    -X $module/version.Version=$CONTAINERD_VERSION \
    -X $module/version.Package=$module" "${pkgs[@]}"
}

# Not part of the cluster: the open-loop load generator of `npm run bench:webhook`
# (Go, so its pacing and latency clock do not share a Node event loop with
# the load it creates). Built only when asked for: build.sh vegeta.
build_vegeta() {
  GOBIN=$1 go install -trimpath -ldflags "-s -w -X main.Version=$VEGETA_VERSION" \
    "github.com/tsenart/vegeta/v12@$VEGETA_VERSION"
}

# Go tools of the tests that live in test/cluster/<tool>/ (main.go, go.mod,
# go.sum), each built only when asked for: build.sh envoy-validate (Envoy's v3
# API from go-control-plane, checks deploy/examples/proxy-bootstrap.yaml, since
# no Envoy binary runs here) and build.sh istio-iptables (Istio's own, dry-runs
# the flags of the tandem-proxy-capture example). The version of a tool's
# directory carries a hash of its sources, so an edit to them builds anew.
tool_version() {
  local dir=$TANDEM_CLUSTER_SCRIPTS/$1
  echo "$2-$(cat "$dir/main.go" "$dir/go.mod" "$dir/go.sum" | sha256sum | cut -c1-8)"
}
# build_tool DEST: builds $TOOL (set by main) into DEST.
build_tool() {
  (cd "$TANDEM_CLUSTER_SCRIPTS/$TOOL" && go build -trimpath -ldflags "-s -w" -o "$1/$TOOL" .)
}

STAGING_DIR=""
cleanup() { if [[ -n $STAGING_DIR ]]; then rm -rf "$STAGING_DIR"; fi; }
trap cleanup EXIT

# build_group GROUP VERSION BUILDER BINARY...: runs BUILDER into a scratch dir
# and moves it into place only when every BINARY came out of it.
build_group() {
  local group=$1 version=$2 builder=$3 dest bin start
  shift 3
  dest=$BIN_ROOT/$group-$version
  if [[ -d $dest ]]; then
    local complete=1
    for bin in "$@"; do [[ -x $dest/$bin ]] || complete=0; done
    if ((complete)); then
      log "$group $version: cached in $dest"
      return
    fi
    # A cache from before this group gained a binary: build it anew.
    log "$group $version: $dest lacks some of $*; rebuilding"
    rm -rf "$dest"
  fi
  log "$group $version: building (cold builds take minutes) ..."
  start=$SECONDS
  STAGING_DIR=$(mktemp -d "$BIN_ROOT/.$group-$version.XXXXXX")
  chmod 755 "$STAGING_DIR"
  "$builder" "$STAGING_DIR"
  for bin in "$@"; do
    [[ -x $STAGING_DIR/$bin ]] || { log "$group: $bin missing after build"; return 1; }
  done
  mv "$STAGING_DIR" "$dest"
  STAGING_DIR=""
  log "$group $version: built in $((SECONDS - start))s -> $dest"
}

main() {
  mkdir -p "$BIN_ROOT" "$SRC_ROOT"
  exec 9>"$TANDEM_CACHE_DIR/build.lock"
  if ! flock -n 9; then
    log "another build holds $TANDEM_CACHE_DIR/build.lock; waiting"
    flock 9
  fi
  local start=$SECONDS
  if [[ ${1:-} == vegeta ]]; then
    build_group vegeta "$VEGETA_VERSION" build_vegeta vegeta
    return
  fi
  local base=""
  case ${1:-} in
    envoy-validate) base=$ENVOY_API_VERSION ;;
    istio-iptables) base=$ISTIO_MODULE_VERSION ;;
  esac
  if [[ -n $base ]]; then
    TOOL=$1
    local version
    version=$(tool_version "$TOOL" "$base")
    build_group "$TOOL" "$version" build_tool "$TOOL"
    # The path, for the test that asked.
    echo "$BIN_ROOT/$TOOL-$version/$TOOL"
    return
  fi
  build_group kubernetes "$K8S_VERSION" build_kubernetes \
    kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy
  build_group containerd "$CONTAINERD_VERSION" build_containerd containerd containerd-shim-runc-v2 ctr
  build_group etcd "$ETCD_VERSION" build_etcd etcd
  build_group kwok "$KWOK_VERSION" build_kwok kwok
  build_group helm "$HELM_VERSION" build_helm helm
  log "all binaries ready in $((SECONDS - start))s under $BIN_ROOT"
}

main "$@"
