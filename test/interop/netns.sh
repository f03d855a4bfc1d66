#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Two network namespaces joined by a veth pair, for interop runs against a
# real SCTP peer (usrsctp) on a kernel without SCTP.
#
#   netns.sh up   [prefix]      create <prefix>-a and <prefix>-b
#   netns.sh down [prefix]      remove them (and any guard started below)
#   netns.sh guard [prefix] a|b hold a raw IPPROTO_SCTP socket open (and
#                               drained) in that namespace until `down`
#   netns.sh show [prefix]      print the settings as shell assignments
#
# Each namespace gets interface veth0 (MTU 1500) with 198.18.0.1/24 (a) and
# 198.18.0.2/24 (b) from the benchmarking range 198.18.0.0/15. Override with
# SCTPDK_NETNS_ADDR_A / SCTPDK_NETNS_ADDR_B; the value "none" leaves that
# side without an address (for a DPDK net_af_packet port that owns the
# address itself). IPv6 is disabled in both namespaces to keep captures
# quiet. Default prefix: sctpdk. SCTPDK_NETNS_GUARD_RCVBUF: receive buffer of
# the guard socket (default 4 MiB).
#
# The kernel here has no SCTP. A namespace whose kernel owns the destination
# address answers every SCTP packet with ICMP protocol-unreachable unless a
# raw IPPROTO_SCTP socket with room in its receive buffer is open in that
# namespace (a full one does not count). usrsctp opens one
# itself; for an sctpdk endpoint either leave that side unaddressed or run
# `guard` for it.
set -euo pipefail

cmd=${1:-}
prefix=${2:-sctpdk}
ns_a=$prefix-a
ns_b=$prefix-b
addr_a=${SCTPDK_NETNS_ADDR_A:-198.18.0.1/24}
addr_b=${SCTPDK_NETNS_ADDR_B:-198.18.0.2/24}
dev=veth0
rundir=${SCTPDK_NETNS_RUNDIR:-/run/sctpdk-netns}
guard_rcvbuf=${SCTPDK_NETNS_GUARD_RCVBUF:-4194304}

die() { echo "netns.sh: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root"
case "$prefix" in
*[!A-Za-z0-9_.-]*|'') die "bad prefix '$prefix'" ;;
esac

ns_up() { # ns, addr
	local ns=$1 addr=$2
	ip -n "$ns" link set lo up
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	ip -n "$ns" link set "$dev" mtu 1500 up
	if [ "$addr" != none ]; then
		ip -n "$ns" addr add "$addr" dev "$dev"
	fi
}

show() {
	echo "NS_A=$ns_a"
	echo "NS_B=$ns_b"
	echo "DEV=$dev"
	echo "ADDR_A=${addr_a%/*}"
	echo "ADDR_B=${addr_b%/*}"
}

down() {
	local f
	for f in "$rundir/$prefix".guard-*.pid; do
		[ -f "$f" ] || continue
		kill "$(cat "$f")" 2>/dev/null || true
		rm -f "$f" "${f%.pid}.ready"
	done
	ip netns del "$ns_a" 2>/dev/null || true
	ip netns del "$ns_b" 2>/dev/null || true
}

case "$cmd" in
up)
	ip netns list | grep -qw "^$ns_a" && die "$ns_a exists (run: netns.sh down $prefix)"
	ip netns add "$ns_a"
	if ! ip netns add "$ns_b" ||
		! ip -n "$ns_a" link add "$dev" type veth peer name "$dev" netns "$ns_b" ||
		! ns_up "$ns_a" "$addr_a" || ! ns_up "$ns_b" "$addr_b"; then
		down
		die "setup failed"
	fi
	show
	;;
down)
	down
	;;
guard)
	side=${3:-}
	case "$side" in
	a) ns=$ns_a ;;
	b) ns=$ns_b ;;
	*) die "guard needs a or b" ;;
	esac
	mkdir -p "$rundir"
	# The socket must be read: a raw socket whose receive buffer is full
	# no longer counts as a taker (Linux 6.x skips it), and the kernel
	# answers protocol-unreachable again. Read and drop everything. The
	# ready file appears once the socket is open: return only then.
	ready="$rundir/$prefix.guard-$side.ready"
	rm -f "$ready"
	ip netns exec "$ns" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 132)
s.setsockopt(socket.SOL_SOCKET, 33, int(sys.argv[2]))  # SO_RCVBUFFORCE
open(sys.argv[1], "w").close()
while True:
    s.recv(65536)' "$ready" "$guard_rcvbuf" &
	echo $! >"$rundir/$prefix.guard-$side.pid"
	for _ in $(seq 250); do
		[ -e "$ready" ] && break
		kill -0 "$!" 2>/dev/null || break
		sleep 0.02
	done
	[ -e "$ready" ] || die "guard socket in $ns did not open"
	;;
show)
	show
	;;
*)
	echo "usage: netns.sh up|down|show [prefix] | guard [prefix] a|b" >&2
	exit 2
	;;
esac
