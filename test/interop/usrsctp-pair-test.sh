#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Two usrsctp-peer instances in two network namespaces over a veth pair:
# BYTES each way byte-exact over several streams with unordered messages,
# then one side (the closer) ends the association, gracefully or with an
# abort. The veth is captured with dumpcap and the capture checked by
# check-capture.sh.
#
#   usrsctp-pair-test.sh PEER [--shutdown graceful|abort] [--closer client|server]
#                        [--mode both|echo] [--bytes N] [--streams N]
#                        [--unordered-ratio R] [--keep DIR]
# --mode echo: the client sends BYTES, the server reflects them, the client
# checks what comes back (the client closes).
# Needs root. Exit 0 only when both peers report ok, the association ended
# the expected way and the capture is clean.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
peer=${1:?usage: usrsctp-pair-test.sh PEER [options]}
shift
close=graceful
closer=client
mode=both
bytes=$((20 * 1024 * 1024))
streams=8
ratio=0.3
keep=""
while [ $# -gt 0 ]; do
	case "$1" in
	--shutdown) close=$2; shift 2 ;;
	--closer) closer=$2; shift 2 ;;
	--mode) mode=$2; shift 2 ;;
	--bytes) bytes=$2; shift 2 ;;
	--streams) streams=$2; shift 2 ;;
	--unordered-ratio) ratio=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done
il_close_expect "$close" || exit 2
case "$closer" in
client) want_client=$want_closer want_server=$want_other
	client_close=$close server_close=wait ;;
server) want_client=$want_other want_server=$want_closer
	client_close=wait server_close=$close ;;
*) echo "bad --closer $closer" >&2; exit 2 ;;
esac
case "$mode" in
both) ;;
echo) [ "$closer" = client ] || { echo "echo mode: the client closes" >&2; exit 2; } ;;
*) echo "bad --mode $mode" >&2; exit 2 ;;
esac

prefix=sdk$$
tmp=$(mktemp -d)
il_cap_pid=""
srv_pid=""
cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null || true
	[ -n "$il_cap_pid" ] && kill "$il_cap_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	"$here/netns.sh" down "$prefix"
	if [ -n "$keep" ]; then
		mkdir -p "$keep" && cp "$tmp"/* "$keep"/ 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

eval "$("$here/netns.sh" up "$prefix")"
echo "namespaces $NS_A ($ADDR_A) and $NS_B ($ADDR_B) on $DEV; mode $mode, $bytes bytes each way, $streams streams, unordered $ratio, $closer closes: $close"

il_capture_start "$NS_A" "$DEV" "$tmp/capture.pcapng" "$tmp/dumpcap.log" -B 64 || exit 1

common=(--port 5001 --mode "$mode" --bytes "$bytes" --streams "$streams" --unordered-ratio "$ratio" --timeout 150)
ip netns exec "$NS_B" "$peer" --server --addr "$ADDR_B" "${common[@]}" \
	--shutdown "$server_close" --ready-file "$tmp/ready" --json "$tmp/server.json" \
	2>"$tmp/server.log" &
srv_pid=$!
il_wait_ready "$srv_pid" 200 "$tmp/ready" "$tmp/server.log" || exit 1

start=$(date +%s.%N)
client_rc=0
ip netns exec "$NS_A" "$peer" --client --addr "$ADDR_A" --peer "$ADDR_B" "${common[@]}" \
	--shutdown "$client_close" --json "$tmp/client.json" 2>"$tmp/client.log" || client_rc=$?
server_rc=0
wait "$srv_pid" || server_rc=$?
srv_pid=""
end=$(date +%s.%N)
il_capture_stop "$tmp/capture.pcapng"
cat "$tmp/client.log" "$tmp/server.log"
awk -v a="$start" -v b="$end" 'BEGIN { printf "transfer took %.2f s\n", b - a }'

status=0
python3 - "$tmp/client.json" "$tmp/server.json" "$bytes" "$want_client" "$want_server" "$streams" "$mode" <<'PY' || status=1
import json, sys
cfile, sfile, nbytes, want_c, want_s, streams, mode = sys.argv[1:]
nbytes, streams = int(nbytes), int(streams)
bad = []
for name, f, want in (("client", cfile, want_c), ("server", sfile, want_s)):
    r = json.load(open(f))
    print(f"{name}: ok={r['ok']} end={r['end']} sent={r['bytes_sent']} received={r['bytes_received']} "
          f"messages={r['messages_received']} unordered={r['unordered_received']} "
          f"mbit/s={r['mbit_per_s']} usrsctp={r['usrsctp']}")
    if not r["ok"]:
        bad.append(f"{name} not ok: {r['error']}")
    if r["end"] != want:
        bad.append(f"{name} ended '{r['end']}', expected '{want}'")
    if r["bytes_received"] != nbytes or r["bytes_sent"] != nbytes:
        bad.append(f"{name} moved {r['bytes_sent']}/{r['bytes_received']} bytes, expected {nbytes}")
    reflector = mode == "echo" and name == "server"
    if not reflector and r["messages_received"] != r["expected_rx_messages"]:
        bad.append(f"{name} received {r['messages_received']} of {r['expected_rx_messages']} messages")
    if not reflector and r["unordered_received"] == 0:
        bad.append(f"{name} saw no unordered message")
    if r["out_streams"] < streams:
        bad.append(f"{name} got {r['out_streams']} streams")
    for k in ("mismatches", "bad_headers", "length_errors", "duplicates", "stream_errors",
              "order_errors", "unordered_flag_errors"):
        if r[k]:
            bad.append(f"{name} {k}={r[k]}")
    if r["usrsctp"]["checksum_errors"]:
        bad.append(f"{name} usrsctp counted checksum errors")
for b in bad:
    print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
[ "$client_rc" -eq 0 ] || { echo "FAIL: client exit $client_rc" >&2; status=1; }
[ "$server_rc" -eq 0 ] || { echo "FAIL: server exit $server_rc" >&2; status=1; }
"$here/check-capture.sh" "$tmp/capture.pcapng" --expect DATA --expect INIT --expect COOKIE_ECHO "${expect[@]}" || status=1
if [ $status -ne 0 ]; then
	il_netns_counters "$NS_A" "$NS_B"
	il_diagnose "$tmp/capture.pcapng" "$tmp/client.json" "$tmp/server.json" "$tmp/dumpcap.log"
fi
[ $status -eq 0 ] && echo "PASS: usrsctp pair, $mode, $closer $close" ||
	echo "FAIL: usrsctp pair, $mode, $closer $close" >&2
exit $status
