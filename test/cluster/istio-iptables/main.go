// istio-iptables, built from Istio's own package: the tool the
// tandem-proxy-capture init container runs (deploy/examples/proxy-sidecarset.yaml).
// Tandem's dry-run tests run it with -n, which prints the iptables-restore
// input it would apply, to check the SidecarSet's flags and the per-pod
// exclusions that reach them; those never touch the test machine's iptables.
// The same binary is the entry point of the capture test image
// (test/images/proxy-capture), which the real node runs inside a pod's own
// network namespace. There it is called as Istio's proxy image calls
// pilot-agent, with the subcommand first (`istio-iptables -p 15001 ...`, the
// set's args): a leading "istio-iptables" is that subcommand's name and is
// dropped.
package main

import (
	"os"

	"istio.io/istio/pkg/log"
	"istio.io/istio/tools/istio-iptables/pkg/cmd"
)

func main() {
	command := cmd.GetCommand(log.DefaultOptions())
	if len(os.Args) > 1 && os.Args[1] == "istio-iptables" {
		command.SetArgs(os.Args[2:])
	}
	if err := command.Execute(); err != nil {
		os.Exit(1)
	}
}
