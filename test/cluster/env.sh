# shellcheck shell=bash
# Source this file to use the local test cluster from a shell or script:
#   source test/cluster/env.sh
# Exports TANDEM_KUBECTL and TANDEM_HELM (binaries matching the cluster
# version), KUBECONFIG (<repo>/.cluster/kubeconfig) and puts the cached binary
# directories first on PATH. Works whether or not the cluster is running.

# shellcheck source=paths.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/paths.sh"

export TANDEM_CACHE_DIR TANDEM_STATE_DIR
export TANDEM_KUBECTL=$TANDEM_K8S_BIN/kubectl
export TANDEM_HELM=$TANDEM_HELM_BIN/helm
export KUBECONFIG=$TANDEM_STATE_DIR/kubeconfig

for _tandem_dir in "$TANDEM_KWOK_BIN" "$TANDEM_ETCD_BIN" "$TANDEM_HELM_BIN" "$TANDEM_K8S_BIN"; do
  case ":$PATH:" in
    *":$_tandem_dir:"*) ;;
    *) PATH=$_tandem_dir:$PATH ;;
  esac
done
unset _tandem_dir
export PATH
