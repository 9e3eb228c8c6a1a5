#!/usr/bin/env bash
# Prints what of this host a real node could change (ADR 0040): routes and
# rules, links, nftables and iptables rules, mounts, the sysctls the kubelet
# sets, the kubelet's and containerd's fixed paths, top-level cgroups and the
# host-wide registry of real nodes. The integration suite prints it before it
# starts a cluster and after it stops it, and fails on any difference.
set -uo pipefail

section() { printf '== %s\n' "$1"; }
section routes; ip route show table all 2>/dev/null | grep -v ' table local ' | sort
section rules; ip rule show 2>/dev/null
section links; ip -o link show 2>/dev/null | sed 's/^[0-9]*: //; s/ link\/.*//' | sort
section nftables; command -v nft >/dev/null && nft list ruleset 2>/dev/null
section iptables; command -v iptables-save >/dev/null && iptables-save 2>/dev/null | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'
section sysctls; sysctl vm.overcommit_memory kernel.panic kernel.panic_on_oops 2>/dev/null
section mounts; awk '{ print $5, $(NF-2) }' /proc/self/mountinfo | sort
section paths
for path in /var/lib/kubelet /var/log/containers /var/log/pods /var/lib/cni /var/lib/containerd /run/containerd /etc/cni /opt/cni /usr/libexec/kubernetes /etc/kubernetes /run/tandem-real-nodes; do
  [[ -e $path ]] && echo "$path"
done
section cgroups; ls -d /sys/fs/cgroup/*/tandem-* /sys/fs/cgroup/*/kubepods* 2>/dev/null
exit 0
