#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# bench-smoke: sctp-perf --both for ~1 s per workload; the JSON must parse,
# carry every field, and show messages that moved. Not a timing test.
set -euo pipefail
perf=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# three lcores on whatever CPUs there are: main, client stack, server stack
eal=(--lcores='(0-2)@(0-1)' --no-huge --no-shconf -m 768 --no-pci --log-level=lib.eal:error)

run() {
	local name=$1
	shift
	echo "== sctp-perf $*"
	"$perf" "${eal[@]}" -- --both --duration "${SMOKE_DURATION:-1}" --stats-period 0 \
		--json "$dir/$name.json" "$@"
}

run bulk64 --api engine --size 64 --one-lcore --compare usrsctp --compare raw
run bulk4k --api engine --size 4096 --streams 4 --unordered
run mix --api engine --size 64,1500,9000 --assocs 3
run rr --api engine --rr --size 256 --compare usrsctp
run setup --api engine --setup-rate --depth 4
run core_bulk --api core --size 1024 --streams 2 --assocs 2 --compare usrsctp
run core_rr --api core --rr --size 256 --depth 2
run core_setup --api core --setup-rate --depth 4
run core_rr_thread --api core --app thread --rr --size 256 --depth 2
run core_setup_thread --api core --app thread --setup-rate --depth 4
run fc_stream --api facade --style stream --size 64,1500 --assocs 2 --unordered
run fc_seq_rr --api facade --style seqpacket --rr --size 256 --compare usrsctp
run fc_seq_setup --api facade --style seqpacket --setup-rate --depth 2
run fc_stream_setup --api facade --style stream --setup-rate --depth 2

python3 - "$dir" <<'PY'
import json, sys, os
d = sys.argv[1]
fields = ["workload", "size", "mtu", "wall_s", "cpu_s_client", "cpu_s_server", "messages",
          "bytes", "packets", "retransmissions", "drops", "msgs_per_s", "gbit_per_s",
          "pkts_per_s", "cpu_us_per_msg_client", "cpu_us_per_msg_server", "msgs_per_cpu_s",
          "gbit_per_cpu_s", "rtt_p50_us", "rtt_p99_us", "rtt_p999_us", "setups_per_s"]
ratio = ["msgs_per_s", "gbit_per_s", "msgs_per_cpu_s", "gbit_per_cpu_s", "cpu_us_per_msg",
         "rtt_p50_us", "rtt_p99_us"]
def check(obj, what, keys):
    missing = [k for k in keys if k not in obj]
    if missing:
        sys.exit(f"{what}: missing {missing}")
def moved(obj, what):
    if not (obj["messages"] > 0 and obj["msgs_per_s"] > 0 and obj["msgs_per_cpu_s"] > 0):
        sys.exit(f"{what}: no messages moved: {obj}")
core = ["core_bulk", "core_rr", "core_setup", "core_rr_thread", "core_setup_thread"]
for name in ["bulk64", "bulk4k", "mix", "rr", "setup"] + core + ["fc_stream", "fc_seq_rr", "fc_seq_setup", "fc_stream_setup"]:
    j = json.load(open(os.path.join(d, name + ".json")))
    check(j, name, ["tool", "config", "sctpdk", "heap_bytes_per_assoc"])
    check(j["sctpdk"], name, fields)
    moved(j["sctpdk"], name)
    if j["sctpdk"]["drops"] != 0:
        sys.exit(f"{name}: drops on a clean link: {j['sctpdk']['drops']}")
    if "bulk" in name or "mix" in name or name == "fc_stream":
        if j["sctpdk"]["gbit_per_s"] <= 0:
            sys.exit(f"{name}: no payload bytes")
    if name in ("bulk64", "bulk4k", "mix") and j["sctpdk"]["gbit_per_s"] <= 0:
        sys.exit(f"{name}: no payload bytes")
    if name in core:
        # --api core runs the application on the stack lcores unless --app thread
        want = "thread" if name.endswith("_thread") else "lcore"
        if j["config"].get("app") != want:
            sys.exit(f"{name}: app {j['config'].get('app')}, expected {want}")
    if name in ("rr", "core_rr", "core_rr_thread", "fc_seq_rr"):
        s = j["sctpdk"]
        if not (0 < s["rtt_p50_us"] <= s["rtt_p99_us"] <= s["rtt_p999_us"]):
            sys.exit(f"rr: percentiles out of order: {s}")
    if "setup" in name and j["sctpdk"]["setups_per_s"] <= 0:
        sys.exit("setup: no setups")
    if os.environ.get("SMOKE_HEAP", "1") == "1" and name in ("bulk64", "rr", "mix") and \
            not 0 < j["heap_bytes_per_assoc"] < 1e6:
        sys.exit(f"{name}: memory per association not measured: {j['heap_bytes_per_assoc']}")
    if name in core + ["fc_stream", "fc_seq_rr", "fc_seq_setup",
                "fc_stream_setup"] and j["config"]["api"] not in ("core", "facade"):
        sys.exit(f"{name}: api {j['config']['api']}")
    if name in ("bulk64", "rr", "core_bulk", "fc_seq_rr") and "usrsctp" in j:
        check(j["usrsctp"], name + " usrsctp", fields)
        moved(j["usrsctp"], name + " usrsctp")
        check(j["ratio_usrsctp"], name + " ratio_usrsctp", ratio)
        if j["ratio_usrsctp"]["msgs_per_cpu_s"] <= 0:
            sys.exit(f"{name}: ratio not computed")
    if name == "bulk64":
        check(j, name, ["raw", "ratio_raw", "target"])
        moved(j["raw"], "raw")
    print(f"{name}: ok, {j['sctpdk']['messages']} messages")
PY
