#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Smoke test of usrsctp-bench: a short run of every workload with two
# message sizes; the JSON must parse and every workload must have moved
# messages with checksums computed and verified.
set -euo pipefail
bench=${1:?usage: smoke.sh USRSCTP_BENCH}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bench" --sizes 64,4096 --duration 0.3 --json "$out"
python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
res = d["results"]
bad = []
if d["failed"]:
    bad.append("bench reported a failure")
kinds = [r["workload"] for r in res]
if kinds != ["bulk", "bulk", "rr", "setup"]:
    bad.append(f"workloads {kinds}")
for r in res:
    tag = f"{r['workload']} {r['msg_size']}"
    if r["messages"] <= 0 or r["msgs_per_s"] <= 0:
        bad.append(f"{tag}: no messages")
    if r["crc_computed"] <= 0 or not r["crc_rejects_corrupt"] or r["crc_errors"] != 0:
        bad.append(f"{tag}: checksums computed {r['crc_computed']} probe {r['crc_rejects_corrupt']} errors {r['crc_errors']}")
    if r["link_drops"] != 0:
        bad.append(f"{tag}: {r['link_drops']} link drops")
    if r["workload"] == "bulk" and r["bytes"] < r["messages"] * r["msg_size"]:
        bad.append(f"{tag}: {r['bytes']} bytes for {r['messages']} messages")
    if r["workload"] == "rr" and not (0 < r["rtt_p50_us"] <= r["rtt_p99_us"] <= r["rtt_p999_us"]):
        bad.append(f"{tag}: bad percentiles")
    if r["workload"] == "setup" and (r["assocs_established"] != r["messages"] or r["assocs_aborted"]):
        bad.append(f"{tag}: {r['assocs_established']} established, {r['assocs_aborted']} aborted for {r['messages']} cycles")
for b in bad:
    print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
