# SPDX-License-Identifier: BSD-3-Clause
# Shared set-up and checks of the interop scripts; sourced (". common.sh"),
# never run. Functions only, no side effect when sourced.

# il_wait_until PID TRIES CMD...: poll CMD every 20 ms, at most TRIES
# times, while process PID lives; then the result of CMD.
il_wait_until() {
	local pid=$1 tries=$2
	shift 2
	for _ in $(seq "$tries"); do
		"$@" 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.02
	done
	"$@" 2>/dev/null
}

# il_wait_ready PID TRIES FILE LOG: wait for a server's ready file; when it
# does not come, print the server's LOG and "server did not start", return 1.
il_wait_ready() {
	local pid=$1 tries=$2 file=$3 log=$4
	il_wait_until "$pid" "$tries" test -e "$file" && return 0
	cat "$log" >&2
	echo "server did not start" >&2
	return 1
}

# il_capture_start NS DEV PCAP LOG [dumpcap options]: dumpcap in namespace
# NS on DEV into PCAP (its messages in LOG), in the background; its pid in
# il_cap_pid. Returns 1 (LOG printed) when it does not start within 5 s.
il_capture_start() {
	local ns=$1 dev=$2 pcap=$3 log=$4
	shift 4
	ip netns exec "$ns" dumpcap -q "$@" -i "$dev" -w "$pcap" 2>"$log" &
	il_cap_pid=$!
	for _ in $(seq 100); do
		grep -q "Capturing on" "$log" 2>/dev/null && break
		sleep 0.05
	done
	grep -q "Capturing on" "$log" && return 0
	cat "$log" >&2
	echo "dumpcap did not start" >&2
	return 1
}

# il_capture_stop PCAP: let dumpcap catch up (on a busy machine it can be
# seconds behind the peers, and the closing chunks are the last packets:
# wait until PCAP stops growing, at most 10 s), then stop it.
il_capture_stop() {
	local pcap=$1 last=-1 size
	for _ in $(seq 1 50); do
		sleep 0.2
		size=$(stat -c %s "$pcap" 2>/dev/null || echo 0)
		[ "$size" = "$last" ] && break
		last=$size
	done
	kill -INT "$il_cap_pid" 2>/dev/null || true
	wait "$il_cap_pid" 2>/dev/null || true
	il_cap_pid=""
}

# il_close_expect CLOSE: for --shutdown graceful|abort, the end the closer
# and the other side report (want_closer, want_other) and the
# check-capture.sh options for the closing chunks (expect array).
il_close_expect() {
	case "$1" in
	graceful) want_closer=shutdown want_other=peer_shutdown
		expect=(--expect SHUTDOWN --expect SHUTDOWN_ACK --expect SHUTDOWN_COMPLETE --forbid ABORT) ;;
	abort) want_closer=abort want_other=peer_abort
		expect=(--expect ABORT --forbid SHUTDOWN) ;;
	*) echo "bad --shutdown $1" >&2; return 2 ;;
	esac
}

# il_check_sctpdk_pair CLIENT_JSON SERVER_JSON BYTES CLOSE: the --json
# results of two sctpdk-peer runs against each other (the client closed,
# CLOSE graceful|abort): both ok, ended as expected, BYTES each way,
# unordered messages seen, 8 streams, no error counted.
il_check_sctpdk_pair() {
	python3 - "$@" <<'PY'
import json, sys
cf, sf, n, close = sys.argv[1:]
n = int(n)
want = {"graceful": ("shutdown", "peer_shutdown"), "abort": ("abort", "peer_abort")}[close]
bad = []
for name, f, end in (("client", cf, want[0]), ("server", sf, want[1])):
    r = json.load(open(f))
    print(f"{name}: ok={r['ok']} end={r['end']} sent={r['bytes_sent']} received={r['bytes_received']} "
          f"messages={r['messages_received']} unordered={r['unordered_received']} "
          f"seconds={r['seconds']} mbit/s={r['mbit_per_s']} {r['sctpdk']}")
    if not r["ok"]:
        bad.append(f"{name} not ok: {r['error']}")
    if r["end"] != end:
        bad.append(f"{name} ended {r['end']}, expected {end}")
    if r["bytes_sent"] != n or r["bytes_received"] != n:
        bad.append(f"{name} moved {r['bytes_sent']}/{r['bytes_received']} bytes, expected {n}")
    if r["unordered_received"] == 0 or r["out_streams"] < 8:
        bad.append(f"{name}: no unordered message or too few streams")
    for k in ("mismatches", "bad_headers", "length_errors", "duplicates", "stream_errors",
              "order_errors", "unordered_flag_errors", "send_failed"):
        if r[k]:
            bad.append(f"{name} {k}={r[k]}")
for b in bad:
    print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

# il_check_abort_capture CHECK_CAPTURE PCAP PEER_JSON OUT: the capture of an
# aborted sctpdk-peer run is clean (check-capture.sh; its JSON in OUT,
# printed) and holds every frame the peer's port received and sent (tried
# to send), as counted in PEER_JSON.
il_check_abort_capture() {
	local cc=$1 pcap=$2 json=$3 out=$4 rc=0
	"$cc" "$pcap" --expect INIT --expect INIT_ACK --expect COOKIE_ECHO \
		--expect COOKIE_ACK --expect DATA --expect SACK --expect ABORT --forbid SHUTDOWN >"$out" || rc=1
	cat "$out"
	python3 - "$out" "$json" <<'PY' || rc=1
import json, sys
cap = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
s = json.load(open(sys.argv[2]))["sctpdk"]
want = s["rx_frames"] + s["tx_frames"] + s["drop_tx_full"]
print(f"capture: {cap['packets']} frames, stack counted {want}")
if cap["packets"] != want:
    sys.exit(f"FAIL: capture has {cap['packets']} frames, the stack counted {want}")
PY
	return $rc
}

# il_diagnose PCAP FILE...: what a failed run needs to be understood, into
# the test log (stdout): each FILE (the peers' logs and JSON results with
# their stacks' counters) and a one-line-per-frame summary of PCAP (tshark,
# CRC-32C checksums). A bulk run holds 10^5 frames, so the summary lists
# every frame that is not only DATA and SACK (set-up, heartbeats, closing
# chunks, ICMP, ARP ...), then the first 40 and the last 300 frames.
# PCAP may be "" (no capture); missing files are named, not fatal.
il_diagnose() {
	local pcap=$1 f
	shift
	echo "=== diagnostics ==="
	for f in "$@"; do
		echo "--- $f ---"
		if [ -r "$f" ]; then cat "$f"; echo; else echo "(missing)"; fi
	done
	[ -n "$pcap" ] || return 0
	if [ ! -r "$pcap" ]; then
		echo "--- capture $pcap missing ---"
		return 0
	fi
	local sum="$pcap.summary" n
	tshark -n -r "$pcap" -o sctp.checksum:CRC-32C -t r \
		-o 'gui.column.format:"No.","%m","Time","%t","Source","%s","Destination","%d","Protocol","%p","Length","%L","Info","%i"' \
		2>&1 >"$sum" | grep -v '^Running as user' || true
	n=$(wc -l <"$sum")
	echo "--- capture $pcap: $n frames; frames per IPv4 source (compare with the"
	echo "    receivers' rx counters: a difference is loss between capture and stack) ---"
	tshark -n -r "$pcap" -T fields -e ip.src 2>/dev/null | sort | uniq -c
	echo "--- every frame other than DATA/SACK only ---"
	# frames whose SCTP info names a chunk other than DATA and SACK, or no SCTP
	awk '{ l = $0; sub(/^.* SCTP [0-9]+ /, "", l)
	       if (l == $0) { print; next }
	       if (l ~ /\(retransmission\)/) { r++; if (r > 200) next }
	       gsub(/(DATA|SACK) \([^)]*\)|\(Message Fragment\)|\[[^]]*\]|[ \t]/, "", l)
	       if (l != "") print }
	     END { if (r > 200) printf "(%d frames with retransmissions, the first 200 listed)\n", r }' \
		"$sum" | head -n 2000
	echo "--- capture: first 40 frames ---"
	head -n 40 "$sum"
	echo "--- capture: last 300 frames ---"
	tail -n 300 "$sum"
	rm -f "$sum"
}

# il_netns_counters NS...: the IP/ICMP/raw-socket counters of each network
# namespace that are not zero (IpInUnknownProtos: SCTP packets no raw socket
# took; IcmpOutDestUnreachs: the ICMP answers), and its raw sockets with
# their queue and drop counts. For a failed run, before the namespaces go.
il_netns_counters() {
	local ns
	for ns in "$@"; do
		echo "--- namespace $ns: counters ---"
		ip netns exec "$ns" nstat -az 2>/dev/null |
			awk '$2 != 0 && $1 ~ /^(Ip|Icmp|IcmpMsg)/' || echo "(nstat failed)"
		echo "--- namespace $ns: /proc/net/raw ---"
		ip netns exec "$ns" cat /proc/net/raw 2>/dev/null || true
	done
}
