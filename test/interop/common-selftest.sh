#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The shared checks of common.sh must pass good results and fail bad ones,
# also when called the way the scripts call them (inside a function that
# is itself called with ||, where set -e does not apply).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
expect() { # WANT(pass|fail) NAME CMD...
	local want=$1 name=$2 rc=0
	shift 2
	"$@" >"$tmp/out" 2>&1 || rc=1
	if { [ "$want" = pass ] && [ $rc -eq 0 ]; } || { [ "$want" = fail ] && [ $rc -ne 0 ]; }; then
		echo "ok: $name ($want)"
	else
		echo "FAIL: $name: wanted $want" >&2
		cat "$tmp/out" >&2
		fails=$((fails + 1))
	fi
}

# result JSON of one sctpdk-peer side; "key=value" arguments override fields
result() { # FILE END [key=value ...]
	python3 - "$@" <<'PY'
import json, sys
f, end = sys.argv[1:3]
r = {"ok": True, "error": "", "end": end, "bytes_sent": 1000, "bytes_received": 1000,
     "messages_received": 10, "unordered_received": 3, "out_streams": 8, "seconds": 0.1,
     "mbit_per_s": 0.08, "sctpdk": {"rx_frames": 5, "tx_frames": 6, "drop_tx_full": 0}}
for k in ("mismatches", "bad_headers", "length_errors", "duplicates", "stream_errors",
          "order_errors", "unordered_flag_errors", "send_failed"):
    r[k] = 0
for kv in sys.argv[3:]:
    k, v = kv.split("=", 1)
    r[k] = json.loads(v)
json.dump(r, open(f, "w"))
PY
}

pair() { # CLOSE [client overrides...]: client and server files for CLOSE
	local close=$1
	shift
	il_close_expect "$close"
	result "$tmp/c.json" "$want_closer" "$@"
	[ "$close" = "$(cat "$tmp/s.close" 2>/dev/null)" ] && return 0 # server file unchanged
	result "$tmp/s.json" "$want_other"
	echo "$close" >"$tmp/s.close"
}

# a run() the way memif-test.sh / ring-test.sh write it
run_like_script() {
	local chk=0
	il_check_sctpdk_pair "$tmp/c.json" "$tmp/s.json" 1000 "$1" || chk=1
	[ $chk -eq 0 ]
}

pair graceful
expect pass "graceful pair" il_check_sctpdk_pair "$tmp/c.json" "$tmp/s.json" 1000 graceful
expect fail "graceful pair checked as abort" il_check_sctpdk_pair "$tmp/c.json" "$tmp/s.json" 1000 abort
expect fail "other byte count" il_check_sctpdk_pair "$tmp/c.json" "$tmp/s.json" 999 graceful
pair abort
expect pass "abort pair" il_check_sctpdk_pair "$tmp/c.json" "$tmp/s.json" 1000 abort
for bad in ok=false end='"shutdown"' bytes_received=999 unordered_received=0 out_streams=4 \
	mismatches=1 duplicates=2 order_errors=1 unordered_flag_errors=1 send_failed=1; do
	pair abort "$bad"
	expect fail "client $bad" il_check_sctpdk_pair "$tmp/c.json" "$tmp/s.json" 1000 abort
	case "$bad" in
	end=* | mismatches=*) # the way the scripts call it
		status=0
		run_like_script abort >/dev/null 2>&1 || status=1
		expect fail "client $bad, inside a function called with ||" [ $status -eq 0 ] ;;
	esac
done

# the capture check: frame count against the stack's counters
result "$tmp/a.json" abort
echo '{"packets": 11}' >"$tmp/cc-ok.json"
echo '{"packets": 12}' >"$tmp/cc-bad.json"
printf '#!/bin/sh\ncat "%s"\n' "$tmp/cc-ok.json" >"$tmp/cc-ok.sh"
printf '#!/bin/sh\ncat "%s"\n' "$tmp/cc-bad.json" >"$tmp/cc-bad.sh"
printf '#!/bin/sh\necho "{\\"packets\\": 11}"\nexit 1\n' >"$tmp/cc-fail.sh"
chmod +x "$tmp"/cc-*.sh
expect pass "capture holds every frame" il_check_abort_capture "$tmp/cc-ok.sh" x "$tmp/a.json" "$tmp/cc.out"
expect fail "capture frame count off" il_check_abort_capture "$tmp/cc-bad.sh" x "$tmp/a.json" "$tmp/cc.out"
expect fail "check-capture.sh failed" il_check_abort_capture "$tmp/cc-fail.sh" x "$tmp/a.json" "$tmp/cc.out"

# waiting: a ready file that comes, one that never does (process gone)
( sleep 0.1; touch "$tmp/ready" ) &
expect pass "ready file appears" il_wait_ready $! 100 "$tmp/ready" /dev/null
wait
sh -c 'exit 0' &
dead=$!
wait $dead || true
expect fail "server gone without ready file" il_wait_ready "$dead" 100 "$tmp/never" /dev/null
expect fail "unknown --shutdown" il_close_expect sideways

[ $fails -eq 0 ] && echo "PASS: common.sh checks" || echo "FAIL: $fails common.sh checks" >&2
[ $fails -eq 0 ]
