#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# sctpdk against usrsctp: sctpdk-peer on DPDK net_af_packet bound to the
# veth end of namespace a (no kernel address there, a raw IPPROTO_SCTP
# guard socket open so the kernel never answers protocol-unreachable),
# usrsctp-peer in namespace b. BYTES each way byte-exact over several
# streams with unordered messages, then the closer ends the association
# (graceful or abort). The veth end of namespace b is captured with dumpcap
# (the af_packet PMD bypasses the qdisc, so packet taps in a do not see its
# TX) and checked by
# check-capture.sh.
#
#   sctpdk-usrsctp-test.sh SCTPDK_PEER USRSCTP_PEER --sctpdk client|server
#       [--shutdown graceful|abort] [--closer sctpdk|usrsctp] [--bytes N]
#       [--streams N] [--unordered-ratio R] [--loss PCT] [--keep DIR]
# SCTPDK_INTEROP_BYTES overrides the default byte count.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
speer=${1:?usage}
upeer=${2:?usage}
shift 2
role=client
close=graceful
closer=sctpdk
bytes=${SCTPDK_INTEROP_BYTES:-$((100 * 1024 * 1024))}
streams=8
ratio=0.3
loss=0
keep=""
while [ $# -gt 0 ]; do
	case "$1" in
	--sctpdk) role=$2; shift 2 ;;
	--shutdown) close=$2; shift 2 ;;
	--closer) closer=$2; shift 2 ;;
	--bytes) bytes=${SCTPDK_INTEROP_BYTES:-$2}; shift 2 ;;
	--streams) streams=$2; shift 2 ;;
	--unordered-ratio) ratio=$2; shift 2 ;;
	--loss) loss=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done
il_close_expect "$close" || exit 2
case "$closer" in
sctpdk) want_s=$want_closer want_u=$want_other s_close=$close u_close=wait ;;
usrsctp) want_s=$want_other want_u=$want_closer s_close=wait u_close=$close ;;
*) echo "bad --closer $closer" >&2; exit 2 ;;
esac

prefix=sdu$$
tmp=$(mktemp -d)
il_cap_pid="" srv_pid=""
cleanup() {
	for p in $srv_pid $il_cap_pid; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	"$here/netns.sh" down "$prefix"
	if [ -n "$keep" ]; then mkdir -p "$keep" && cp "$tmp"/* "$keep"/ 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

eval "$(SCTPDK_NETNS_ADDR_A=none "$here/netns.sh" up "$prefix")"
addr_s=198.18.0.1
echo "sctpdk $role on $NS_A/$DEV ($addr_s, net_af_packet), usrsctp in $NS_B ($ADDR_B); $bytes bytes each way, $streams streams, unordered $ratio, loss $loss%, $closer closes: $close"
"$here/netns.sh" guard "$prefix" a

il_capture_start "$NS_B" "$DEV" "$tmp/capture.pcapng" "$tmp/dumpcap.log" -B 64 || exit 1

common=(--port 5001 --bytes "$bytes" --streams "$streams" --unordered-ratio "$ratio" --timeout 240)
s_cmd=(ip netns exec "$NS_A" "$speer" --addr "$addr_s" --iface "$DEV" "${common[@]}" --shutdown "$s_close" --json "$tmp/sctpdk.json")
[ "$loss" != 0 ] && s_cmd+=(--loss "$loss")
u_cmd=(ip netns exec "$NS_B" "$upeer" --addr "$ADDR_B" "${common[@]}" --shutdown "$u_close" --json "$tmp/usrsctp.json")
if [ "$role" = client ]; then
	srv_cmd=("${u_cmd[@]}" --server --ready-file "$tmp/ready"); srv_log=usrsctp
	cli_cmd=("${s_cmd[@]}" --client --peer "$ADDR_B"); cli_log=sctpdk
else
	srv_cmd=("${s_cmd[@]}" --server --ready-file "$tmp/ready"); srv_log=sctpdk
	cli_cmd=("${u_cmd[@]}" --client --peer "$addr_s"); cli_log=usrsctp
fi
"${srv_cmd[@]}" 2>"$tmp/$srv_log.log" &
srv_pid=$!
il_wait_ready "$srv_pid" 500 "$tmp/ready" "$tmp/$srv_log.log" || exit 1
sleep 0.2
start=$(date +%s.%N)
cli_rc=0
"${cli_cmd[@]}" 2>"$tmp/$cli_log.log" || cli_rc=$?
srv_rc=0
wait "$srv_pid" || srv_rc=$?
srv_pid=""
end=$(date +%s.%N)
il_capture_stop "$tmp/capture.pcapng"
cat "$tmp/sctpdk.log" "$tmp/usrsctp.log"
awk -v a="$start" -v b="$end" 'BEGIN { printf "run took %.2f s\n", b - a }'

status=0
python3 - "$tmp/sctpdk.json" "$tmp/usrsctp.json" "$bytes" "$want_s" "$want_u" "$streams" <<'PY' || status=1
import json, sys
sfile, ufile, nbytes, want_s, want_u, streams = sys.argv[1:]
nbytes, streams = int(nbytes), int(streams)
bad = []
for name, f, want in (("sctpdk", sfile, want_s), ("usrsctp", ufile, want_u)):
    try:
        r = json.load(open(f))
    except Exception as e:
        bad.append(f"{name}: no result ({e})")
        continue
    extra = r.get("sctpdk", r.get("usrsctp"))
    if "port" in r:
        extra = f"{extra} port={r['port']}"
    print(f"{name}: ok={r['ok']} end={r['end']} sent={r['bytes_sent']} received={r['bytes_received']} "
          f"messages={r['messages_received']} unordered={r['unordered_received']} "
          f"seconds={r['seconds']} mbit/s={r['mbit_per_s']} {extra}")
    if not r["ok"]:
        bad.append(f"{name} not ok: {r['error']}")
    if r["end"] != want:
        bad.append(f"{name} ended '{r['end']}', expected '{want}'")
    if r["bytes_received"] != nbytes or r["bytes_sent"] != nbytes:
        bad.append(f"{name} moved {r['bytes_sent']}/{r['bytes_received']} bytes, expected {nbytes}")
    if r["messages_received"] != r["expected_rx_messages"]:
        bad.append(f"{name} received {r['messages_received']} of {r['expected_rx_messages']} messages")
    if r["unordered_received"] == 0:
        bad.append(f"{name} saw no unordered message")
    if r["out_streams"] < streams:
        bad.append(f"{name} got {r['out_streams']} streams")
    for k in ("mismatches", "bad_headers", "length_errors", "duplicates", "stream_errors",
              "order_errors", "unordered_flag_errors"):
        if r[k]:
            bad.append(f"{name} {k}={r[k]}")
    if name == "usrsctp" and r["usrsctp"]["checksum_errors"]:
        bad.append("usrsctp counted checksum errors")
for b in bad:
    print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
[ "$cli_rc" -eq 0 ] || { echo "FAIL: client ($cli_log) exit $cli_rc" >&2; status=1; }
[ "$srv_rc" -eq 0 ] || { echo "FAIL: server ($srv_log) exit $srv_rc" >&2; status=1; }
"$here/check-capture.sh" "$tmp/capture.pcapng" --expect DATA --expect INIT --expect COOKIE_ECHO "${expect[@]}" || status=1
if [ $status -ne 0 ]; then
	il_netns_counters "$NS_A" "$NS_B"
	il_diagnose "$tmp/capture.pcapng" "$tmp/sctpdk.json" "$tmp/usrsctp.json" "$tmp/dumpcap.log"
fi
[ $status -eq 0 ] && echo "PASS: sctpdk $role vs usrsctp, loss $loss%, $closer $close" ||
	echo "FAIL: sctpdk $role vs usrsctp, loss $loss%, $closer $close" >&2
exit $status
