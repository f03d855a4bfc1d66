#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Regenerate doc/performance.png (and print the Markdown tables of
# doc/performance.md): sctp-perf bulk at each message size with
# --compare usrsctp --compare raw, then request/response and setup rate.
#
# Usage: devtools/plot-performance.sh [-b BUILD_DIR] [-d SECONDS] [-o PNG]
#                                     [-k JSON_DIR] [-t] [-- extra sctp-perf options]
#   -b  build tree with app/sctp-perf (default build-release)
#   -d  measured seconds per run (default 3)
#   -o  PNG to write (default doc/performance.png)
#   -k  keep the JSON files in this directory (default: a temporary one)
#   -t  two lcores (one per endpoint) instead of --one-lcore
#   -p  plot only, from the JSON files already in -k
# Needs python3 with matplotlib (Debian: python3-matplotlib).
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-release
dur=3
png=doc/performance.png
keep=""
one=(--one-lcore)
plot_only=0
while getopts "b:d:o:k:tp" c; do
	case $c in
	b) build=$OPTARG ;;
	d) dur=$OPTARG ;;
	o) png=$OPTARG ;;
	k) keep=$OPTARG ;;
	t) one=() ;;
	p) plot_only=1 ;;
	*) sed -n '2,16p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

perf=$build/app/sctp-perf/sctp-perf
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if [ -n "$keep" ]; then
	dir=$keep
	mkdir -p "$dir"
else
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
fi
# Hugepages when enough are free (devtools/hugepages.sh reserves them),
# else plain memory; --in-memory and --no-huge do not go together.
free_hp=$(awk '/HugePages_Free/ {print $2}' /proc/meminfo)
if [ "${free_hp:-0}" -ge 256 ] && mountpoint -q /dev/hugepages; then
	eal=(-l 0-1 --no-pci --in-memory --log-level=lib.eal:error)
else
	eal=(-l 0-1 --no-pci --no-shconf --no-huge -m 1024 --log-level=lib.eal:error)
fi

sizes="64 256 1024 4096 16384 65536"
run() {
	local name=$1
	shift
	echo "== sctp-perf $*" >&2
	"$perf" "${eal[@]}" -- --api engine --both "${one[@]}" --duration "$dur" --stats-period 0 \
		--compare usrsctp --json "$dir/$name.json" "$@" ${extra[@]+"${extra[@]}"} >&2
}
extra=("$@")
if [ $plot_only -eq 0 ]; then
	[ -x "$perf" ] || { echo "no $perf: build first" >&2; exit 1; }
	for s in $sizes; do
		run "bulk-$s" --size "$s" --compare raw
	done
	run rr-256 --rr --size 256
	run setup --setup-rate
fi

"$py" - "$dir" "$png" "$sizes" <<'PY'
import json, os, sys
d, png, sizes = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3].split()]
def load(name):
    p = os.path.join(d, name + ".json")
    return json.load(open(p)) if os.path.exists(p) else None
rows = [(s, load(f"bulk-{s}")) for s in sizes]
rows = [(s, j) for s, j in rows if j]
def fig(x, k):
    return x[k] if x else float("nan")
print("| size | sctpdk msg/CPU-s | usrsctp msg/CPU-s | ratio | sctpdk Gbit/CPU-s | "
      "usrsctp Gbit/CPU-s | ratio | raw Gbit/CPU-s | sctpdk/raw | sctpdk us/msg (client+server) |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for s, j in rows:
    a, u, r = j["sctpdk"], j.get("usrsctp"), j.get("raw")
    ru, rr = j.get("ratio_usrsctp", {}), j.get("ratio_raw", {})
    print(f"| {s} | {a['msgs_per_cpu_s']/1e6:.2f} M | {fig(u,'msgs_per_cpu_s')/1e6:.2f} M | "
          f"{ru.get('msgs_per_cpu_s', float('nan')):.2f}x | {a['gbit_per_cpu_s']:.2f} | "
          f"{fig(u,'gbit_per_cpu_s'):.2f} | {ru.get('gbit_per_cpu_s', float('nan')):.2f}x | "
          f"{fig(r,'gbit_per_cpu_s'):.2f} | {rr.get('gbit_per_cpu_s', float('nan')):.2f}x | "
          f"{a['cpu_us_per_msg_client']:.3f}+{a['cpu_us_per_msg_server']:.3f} |")
j = load("rr-256")
if j:
    a, u = j["sctpdk"], j.get("usrsctp", {})
    print()
    print("| rr 256 B | round trips/s | per CPU-s | p50 us | p99 us | p99.9 us |")
    print("|---|---:|---:|---:|---:|---:|")
    for n, x in (("sctpdk", a), ("usrsctp", u)):
        if x:
            print(f"| {n} | {x['msgs_per_s']:.0f} | {x['msgs_per_cpu_s']:.0f} | "
                  f"{x['rtt_p50_us']:.2f} | {x['rtt_p99_us']:.2f} | {x['rtt_p999_us']:.2f} |")
j = load("setup")
if j:
    a, u = j["sctpdk"], j.get("usrsctp", {})
    print()
    print("| setup+teardown | per s | per CPU-s |")
    print("|---|---:|---:|")
    for n, x in (("sctpdk", a), ("usrsctp", u)):
        if x:
            print(f"| {n} | {x['setups_per_s']:.0f} | {x['msgs_per_cpu_s']:.0f} |")
if not rows:
    sys.exit("no bulk results to plot")
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit("matplotlib missing (apt-get install python3-matplotlib); tables printed only")
xs = [s for s, _ in rows]
f, ax = plt.subplots(1, 2, figsize=(11, 4.2))
for who, style in (("sctpdk", "o-"), ("usrsctp", "s--"), ("raw", "^:")):
    m = [j[who]["msgs_per_cpu_s"] / 1e6 if who in j else float("nan") for _, j in rows]
    g = [j[who]["gbit_per_cpu_s"] if who in j else float("nan") for _, j in rows]
    label = {"sctpdk": "sctpdk", "usrsctp": "usrsctp (Debian, AF_CONN)",
             "raw": "raw link (no SCTP)"}[who]
    ax[0].plot(xs, m, style, label=label)
    ax[1].plot(xs, g, style, label=label)
for a, t in ((ax[0], "million messages per CPU-second"), (ax[1], "payload Gbit per CPU-second")):
    a.set_xscale("log", base=2)
    a.set_yscale("log")
    a.set_xlabel("message size (bytes)")
    a.set_title(t)
    a.grid(True, which="both", alpha=0.3)
    a.set_xticks(xs)
    a.set_xticklabels([str(x) for x in xs])
ax[0].legend()
cfg = rows[0][1]["config"]
f.suptitle(f"sctp-perf bulk, MTU {cfg['mtu']}, CRC32c on, both endpoints' CPU "
           f"({'one lcore drives both' if cfg.get('one_lcore') else 'one lcore each'})",
           fontsize=10)
f.tight_layout()
f.savefig(png, dpi=110)
print(f"\nwrote {png}", file=sys.stderr)
PY
