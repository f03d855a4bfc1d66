#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# sctp-echo --server (the sockets API draft's echo servers, Appendix A
# stream / B seqpacket, over the socket facade) answering the usrsctp peer:
# sctp-echo on DPDK net_af_packet bound to the veth end of namespace a (no
# kernel address there, a raw IPPROTO_SCTP guard socket open), usrsctp-peer
# --client --mode echo in namespace b. The client sends BYTES of the
# pattern.h schedule (many messages on several streams), checks every echo
# byte for byte, then shuts the association down gracefully; the server
# (--once) ends with it. The veth end of b is captured and checked.
#
#   echo-usrsctp-test.sh SCTP_ECHO USRSCTP_PEER stream|seqpacket [BYTES]
#
# Exit 77 (skipped) when not root or without working `ip netns`.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
echo_app=${1:?usage}
upeer=${2:?usage}
style=${3:?usage}
bytes=${4:-4194304}
streams=4
sizes=64,512,1400,4096,16384

if [ "$(id -u)" != 0 ]; then
	echo "SKIP: needs root (network namespaces, a veth pair, raw sockets)"
	exit 77
fi
if ! command -v ip >/dev/null; then
	echo "SKIP: no ip command"
	exit 77
fi

prefix=seu$$
tmp=$(mktemp -d)
il_cap_pid="" srv_pid=""
cleanup() {
	for p in $srv_pid $il_cap_pid; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	"$here/netns.sh" down "$prefix"
	rm -rf "$tmp"
}
trap cleanup EXIT

if ! out=$(SCTPDK_NETNS_ADDR_A=none "$here/netns.sh" up "$prefix" 2>&1); then
	echo "SKIP: cannot create network namespaces: $out"
	exit 77
fi
eval "$out"
addr_s=198.18.0.1
echo "sctp-echo --server --style $style on $NS_A/$DEV ($addr_s, net_af_packet), usrsctp-peer --client --mode echo in $NS_B ($ADDR_B): $bytes bytes, $streams streams, sizes $sizes"
"$here/netns.sh" guard "$prefix" a

il_capture_start "$NS_B" "$DEV" "$tmp/capture.pcapng" "$tmp/dumpcap.log" || exit 1

ip netns exec "$NS_A" "$echo_app" -l 0-1 --no-huge --no-pci --no-shconf -m 512 \
	--file-prefix "$prefix" --log-level lib.eal:error --vdev "net_af_packet0,iface=$DEV,framecnt=8192" -- \
	--server --once --style "$style" --local "$addr_s" --port 5001 --streams "$streams" \
	--dev net_af_packet0 >"$tmp/echo.log" 2>&1 &
srv_pid=$!
il_wait_until "$srv_pid" 500 grep -q "server.*port 5001" "$tmp/echo.log" ||
	{ cat "$tmp/echo.log" >&2; echo "sctp-echo did not start" >&2; exit 1; }

start=$(date +%s.%N)
cli_rc=0
ip netns exec "$NS_B" "$upeer" --client --addr "$ADDR_B" --peer "$addr_s" --port 5001 \
	--mode echo --bytes "$bytes" --streams "$streams" --unordered-ratio 0 --size-mix "$sizes" \
	--shutdown graceful --timeout 120 --json "$tmp/usrsctp.json" 2>"$tmp/usrsctp.log" || cli_rc=$?
srv_rc=0
for _ in $(seq 250); do
	kill -0 "$srv_pid" 2>/dev/null || break
	sleep 0.02
done
if kill -0 "$srv_pid" 2>/dev/null; then
	echo "FAIL: sctp-echo --once did not end with the association" >&2
	srv_rc=1
else
	wait "$srv_pid" || srv_rc=$?
fi
srv_pid=""
end=$(date +%s.%N)
sleep 0.2
kill -INT "$il_cap_pid" 2>/dev/null || true
wait "$il_cap_pid" 2>/dev/null || true
il_cap_pid=""
cat "$tmp/echo.log" "$tmp/usrsctp.log"
awk -v a="$start" -v b="$end" 'BEGIN { printf "run took %.2f s\n", b - a }'

status=0
python3 - "$tmp/usrsctp.json" "$bytes" "$streams" <<'PY' || status=1
import json, sys
f, nbytes, streams = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
bad = []
r = json.load(open(f))
print(f"usrsctp client: ok={r['ok']} end={r['end']} sent={r['bytes_sent']} "
      f"received={r['bytes_received']} messages={r['messages_received']}/"
      f"{r['expected_rx_messages']} streams={r['out_streams']} usrsctp={r['usrsctp']}")
if not r["ok"]:
    bad.append(f"not ok: {r['error']}")
if r["end"] != "shutdown":
    bad.append(f"ended '{r['end']}', expected 'shutdown'")
if r["bytes_sent"] != nbytes or r["bytes_received"] != nbytes:
    bad.append(f"moved {r['bytes_sent']}/{r['bytes_received']} bytes, expected {nbytes}")
if r["messages_received"] != r["expected_rx_messages"] or r["messages_received"] < 100:
    bad.append(f"received {r['messages_received']} of {r['expected_rx_messages']} echoes")
if r["out_streams"] < streams:
    bad.append(f"got {r['out_streams']} streams")
for k in ("mismatches", "bad_headers", "length_errors", "duplicates", "stream_errors",
          "order_errors"):
    if r[k]:
        bad.append(f"{k}={r[k]}")
if r["usrsctp"]["checksum_errors"]:
    bad.append("usrsctp counted checksum errors")
for b in bad:
    print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
[ "$cli_rc" -eq 0 ] || { echo "FAIL: usrsctp-peer exit $cli_rc" >&2; status=1; }
[ "$srv_rc" -eq 0 ] || { echo "FAIL: sctp-echo exit $srv_rc" >&2; status=1; }
msgs=$(grep -o '[0-9]* messages' "$tmp/echo.log" | tail -1 | cut -d' ' -f1)
[ -n "$msgs" ] && [ "$msgs" -gt 0 ] || { echo "FAIL: sctp-echo reported no echoed message" >&2; status=1; }
"$here/check-capture.sh" "$tmp/capture.pcapng" --expect DATA --expect INIT --expect COOKIE_ECHO \
	--expect SHUTDOWN --expect SHUTDOWN_COMPLETE --forbid ABORT || status=1
if [ $status -ne 0 ]; then
	il_netns_counters "$NS_A" "$NS_B"
	il_diagnose "$tmp/capture.pcapng" "$tmp/usrsctp.json" "$tmp/dumpcap.log"
fi
[ $status -eq 0 ] && echo "PASS: sctp-echo $style server echoed $msgs messages to usrsctp" ||
	echo "FAIL: sctp-echo $style server against usrsctp" >&2
exit $status
