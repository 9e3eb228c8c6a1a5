#!/usr/bin/env bash
# Builds the Go side of `npm run bench:peers` from the Go module proxy and
# prints the directory that holds it:
#   istio-inject-bench        Istio's injector served in process (istio/main.go)
#   istio-inject.test         Istio's own pkg/kube/inject tests, for its BenchmarkInjectServe*
#   kruise-pod-webhook-bench  OpenKruise's pod webhook served in process (kruise/main.go)
# (timing/ is what both harnesses share: the timed loop and the result file)
# into ${TANDEM_CACHE_DIR:-$HOME/.cache/tandem}/bin/peers-<hash of the harness sources>/,
# built once (cold: ~10 min for Istio, ~5 for Kruise on 2 busy cores) and
# moved into place only when complete. The module versions are pinned in
# test/cluster/versions.env (ISTIO_MODULE_VERSION, KRUISE_VERSION) and must be
# the ones the harness go.mod files require. Shares test/cluster/build.sh's lock.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../cluster/paths.sh
source "$here/../../cluster/paths.sh"
export GOTOOLCHAIN=local CGO_ENABLED=0
command -v go >/dev/null || PATH=/usr/local/go/bin:$PATH

log() { printf '[%s] peers build: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

require_version() { # DIR MODULE VERSION
  if ! grep -Eq "^(require )?[[:space:]]*$2 $3( |$)" "$here/$1/go.mod"; then
    log "$1/go.mod does not require $2 $3 (test/cluster/versions.env); update one of them"
    exit 1
  fi
}
require_version istio istio.io/istio "$ISTIO_MODULE_VERSION"
require_version kruise github.com/openkruise/kruise "$KRUISE_VERSION"

version=$(cat "$here"/istio/{main.go,go.mod,go.sum} "$here"/kruise/{main.go,go.mod,go.sum} "$here"/timing/{timing.go,go.mod} | sha256sum | cut -c1-12)
dest=$TANDEM_CACHE_DIR/bin/peers-$version
binaries=(istio-inject-bench istio-inject.test kruise-pod-webhook-bench)
complete() { local bin; for bin in "${binaries[@]}"; do [[ -x $dest/$bin ]] || return 1; done; }

if ! complete; then
  mkdir -p "$TANDEM_CACHE_DIR/bin"
  exec 9>"$TANDEM_CACHE_DIR/build.lock"
  if ! flock -n 9; then
    log "another build holds $TANDEM_CACHE_DIR/build.lock; waiting"
    flock 9
  fi
fi
if ! complete; then
  rm -rf "$dest"
  staging=$(mktemp -d "$TANDEM_CACHE_DIR/bin/.peers-$version.XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  start=$SECONDS
  log "building Istio $ISTIO_MODULE_VERSION and OpenKruise $KRUISE_VERSION harnesses (cold builds take minutes) ..."
  (
    cd "$here/istio"
    go build -mod=readonly -trimpath -ldflags "-s -w" -o "$staging/istio-inject-bench" .
    go test -mod=readonly -trimpath -c -o "$staging/istio-inject.test" istio.io/istio/pkg/kube/inject
  )
  (cd "$here/kruise" && go build -mod=readonly -trimpath -ldflags "-s -w" -o "$staging/kruise-pod-webhook-bench" .)
  chmod 755 "$staging"
  mv "$staging" "$dest"
  trap - EXIT
  log "built in $((SECONDS - start))s -> $dest"
fi
echo "$dest"
