// istio-iptables, built from Istio's own package: the tool the
// tandem-proxy-capture init container runs (deploy/examples/proxy-sidecarset.yaml).
// Tandem's tests run it with -n (dry run), which prints the iptables-restore
// input it would apply, to check the SidecarSet's flags and the per-pod
// exclusions that reach them. It never touches the test machine's iptables.
package main

import (
	"os"

	"istio.io/istio/pkg/log"
	"istio.io/istio/tools/istio-iptables/pkg/cmd"
)

func main() {
	if err := cmd.GetCommand(log.DefaultOptions()).Execute(); err != nil {
		os.Exit(1)
	}
}
