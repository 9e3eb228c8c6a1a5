# shellcheck shell=bash
# shellcheck disable=SC2034 # variables for the scripts that source this file
# Where the local test cluster keeps its binaries and runtime state. Sourced by
# build.sh, up.sh, down.sh and env.sh (so also by interactive shells): it only
# sets variables and changes no shell options.

TANDEM_CLUSTER_SCRIPTS=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
TANDEM_REPO_ROOT=$(cd -- "$TANDEM_CLUSTER_SCRIPTS/../.." && pwd)
# shellcheck source=versions.env
source "$TANDEM_CLUSTER_SCRIPTS/versions.env"

# Binaries live outside the repo so that fresh clones and `git clean` reuse
# them; one directory per component group and version.
TANDEM_CACHE_DIR=${TANDEM_CACHE_DIR:-$HOME/.cache/tandem}
TANDEM_K8S_BIN=$TANDEM_CACHE_DIR/bin/kubernetes-$K8S_VERSION
TANDEM_ETCD_BIN=$TANDEM_CACHE_DIR/bin/etcd-$ETCD_VERSION
TANDEM_KWOK_BIN=$TANDEM_CACHE_DIR/bin/kwok-$KWOK_VERSION
TANDEM_HELM_BIN=$TANDEM_CACHE_DIR/bin/helm-$HELM_VERSION
TANDEM_CONTAINERD_BIN=$TANDEM_CACHE_DIR/bin/containerd-$CONTAINERD_VERSION
TANDEM_VEGETA_BIN=$TANDEM_CACHE_DIR/bin/vegeta-$VEGETA_VERSION

# Runtime state of the running cluster (git-ignored). One folder per cluster:
# the tests and `make cluster-up` use .cluster/, the demo its own .demo/
# (scripts/demo-cluster.sh), so the two never share a cluster.
TANDEM_STATE_DIR=${TANDEM_STATE_DIR:-$TANDEM_REPO_ROOT/.cluster}
