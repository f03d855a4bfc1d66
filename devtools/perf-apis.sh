#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# sctp-perf through the runtime (--api core) and the sockets (--api facade,
# both styles) beside usrsctp in the same run, per workload; prints one
# table row per run (doc/performance.md, "Through the runtime and the
# sockets"). JSON files are kept in the directory given with -k.
#   devtools/perf-apis.sh [-b BUILD] [-d SECONDS] [-k DIR] [-n] [-- extra options]
#   -n  without hugepages (--no-huge)
set -euo pipefail
build=build-release dur=2 keep= huge=1
while getopts "b:d:k:n" o; do
	case $o in
	b) build=$OPTARG ;; d) dur=$OPTARG ;; k) keep=$OPTARG ;; n) huge=0 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
perf=$build/app/sctp-perf/sctp-perf
dir=${keep:-$(mktemp -d)}
mkdir -p "$dir"
# main lcore anywhere, client stack lcore on CPU 0, server stack lcore on CPU 1
eal=(--lcores='0@(0-1),1@0,2@1' --no-pci --log-level=lib.eal:error)
if [ "$huge" = 1 ]; then eal+=(--in-memory); else eal+=(--no-huge --no-shconf -m 1024); fi
# core: the application on the stack lcores (--app lcore, spinning; the
# default) and on application threads (--app thread, parked on the event
# futex); rr and setup of the threaded apis with 10 us lcore idle sleeps
apis=("core" "core --app thread" "facade --style stream" "facade --style seqpacket")
loads=("--size 64" "--size 256" "--size 1024" "--size 4096" "--size 16384" "--size 65536"
	"--rr --size 256 --idle 10" "--setup-rate --idle 10")
printf "%-26s %-28s %12s %12s %12s %8s %9s %9s %8s\n" api workload msg/s msg/CPU-s \
	Gbit/CPU-s "x usr" "p50 us" "p99 us" load
for a in "${apis[@]}"; do
	for w in "${loads[@]}"; do
		[ "$a" = core ] && w=${w% --idle 10}
		f="$dir/$(echo "$a $w" | tr -c 'a-z0-9' _).json"
		# shellcheck disable=SC2086
		"$perf" "${eal[@]}" -- --api $a $w --duration "$dur" --stats-period 0 \
			--compare usrsctp --json "$f" "$@" > "$f.log" 2>&1 || true
		python3 - "$f" "$a" "$w" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, sys
f, a, w, load = sys.argv[1:]
try:
    j = json.load(open(f))
except Exception:
    print(f"{a:26} {w:28} failed (see {f}.log)"); sys.exit(0)
s, r = j["sctpdk"], j.get("ratio_usrsctp", {})
big = s["size"] >= 4096 and s["workload"] == "bulk"
x = r.get("gbit_per_cpu_s" if big else "msgs_per_cpu_s", 0)
print(f"{a:26} {w:28} {s['msgs_per_s']:12.0f} {s['msgs_per_cpu_s']:12.0f} "
      f"{s['gbit_per_cpu_s']:12.3f} {x:8.2f} {s['rtt_p50_us']:9.1f} {s['rtt_p99_us']:9.1f} {load:>8}")
PY
	done
done
