#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The protocol-unreachable rule on a kernel without SCTP, and netns.sh guard:
# an SCTP INIT sent from namespace a to b's address is answered with ICMP
# protocol-unreachable by b's kernel, unless a raw IPPROTO_SCTP socket is
# open in b (netns.sh guard). The guard must keep working past what its
# receive buffer holds (a full raw socket does not count as a taker): 1000
# INITs in bursts of 100 must all pass unanswered. Needs root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=sdkg$$
tmp=$(mktemp -d)
cleanup() {
	"$here/netns.sh" down "$prefix"
	rm -rf "$tmp"
}
trap cleanup EXIT
eval "$("$here/netns.sh" up "$prefix")"

cat >"$tmp/send.py" <<'PY'
import socket, struct, sys
def crc32c(data):
    crc = 0xffffffff
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82f63b78 if crc & 1 else 0)
    return crc ^ 0xffffffff
init = struct.pack("!BBHIIHHI", 1, 0, 20, 0x11223344, 65536, 10, 10, 1)
pkt = struct.pack("!HHII", 5001, 5002, 0, 0) + init
pkt = pkt[:8] + struct.pack("<I", crc32c(pkt)) + pkt[12:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 132)
for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 1):
    s.sendto(pkt, (sys.argv[1], 0))
PY

# capture_start PCAP / capture_stop: dumpcap on b's side, started once it
# captures, stopped after the last answers had time to come
capture_start() {
	ip netns exec "$NS_B" dumpcap -q -i "$DEV" -w "$1" 2>"$tmp/dumpcap.log" &
	cap=$!
	for _ in $(seq 100); do
		grep -q "Capturing on" "$tmp/dumpcap.log" 2>/dev/null && break
		sleep 0.05
	done
}

capture_stop() {
	sleep 0.3
	kill -INT "$cap"
	wait "$cap" || true
}

send_and_capture() { # pcap file
	capture_start "$1"
	ip netns exec "$NS_A" python3 "$tmp/send.py" "$ADDR_B"
	capture_stop
}

# raw_queued: bytes waiting in the receive queues of b's raw sockets
raw_queued() {
	local n=0 q
	while read -r _ _ _ _ q _; do
		n=$((n + 16#${q#*:}))
	done < <(ip netns exec "$NS_B" tail -n +2 /proc/net/raw)
	echo $n
}

# send_bursts_and_capture PCAP: 10 bursts of 100 INITs; before each burst
# the guard has emptied its queue (bounded wait), so a reading guard never
# holds more than one burst, while one that does not read fills up
send_bursts_and_capture() {
	capture_start "$1"
	for _ in $(seq 10); do
		for _ in $(seq 100); do
			[ "$(raw_queued)" -eq 0 ] && break
			sleep 0.02
		done
		ip netns exec "$NS_A" python3 "$tmp/send.py" "$ADDR_B" 100
	done
	capture_stop
}

status=0
send_and_capture "$tmp/bare.pcapng"
"$here/check-capture.sh" "$tmp/bare.pcapng" --expect INIT >"$tmp/bare.json" 2>/dev/null || true
cat "$tmp/bare.json"
if grep -q '"icmp_unreachable": [1-9]' "$tmp/bare.json" &&
	tshark -n -r "$tmp/bare.pcapng" -Y 'icmp.type == 3 && icmp.code == 2' 2>/dev/null | grep -q .; then
	echo "ok: kernel without SCTP answered ICMP protocol-unreachable"
else
	echo "FAIL: no ICMP protocol-unreachable without a raw socket" >&2
	status=1
fi
# 64 KiB (128 KiB accounted) hold about 150 INITs: the 1000 pass only when
# the guard reads
SCTPDK_NETNS_GUARD_RCVBUF=65536 "$here/netns.sh" guard "$prefix" b
send_bursts_and_capture "$tmp/guarded.pcapng"
inits=$(tshark -n -r "$tmp/guarded.pcapng" -Y 'sctp.chunk_type == 1 && !icmp' 2>/dev/null | wc -l)
if "$here/check-capture.sh" "$tmp/guarded.pcapng" --expect INIT && [ "$inits" -eq 1000 ]; then
	echo "ok: with netns.sh guard the kernel stayed silent for $inits INITs"
else
	echo "FAIL: ICMP sent despite the guard socket (or $inits of 1000 INITs captured)" >&2
	status=1
fi
if [ $status -ne 0 ]; then
	. "$here/common.sh"
	il_netns_counters "$NS_A" "$NS_B"
	il_diagnose "$tmp/bare.pcapng" "$tmp/dumpcap.log"
	il_diagnose "$tmp/guarded.pcapng"
fi
exit $status
