#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# check-capture.sh must pass a clean capture and fail a damaged one. Builds
# small pcaps by hand (Ethernet/IPv4/SCTP, CRC32c computed here): a clean
# INIT + ABORT, the same with one bad checksum, and a clean packet followed
# by an ICMP protocol-unreachable quoting it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import struct, sys

def crc32c(data):
    crc = 0xffffffff
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82f63b78 if crc & 1 else 0)
    return crc ^ 0xffffffff

def ip_csum(h):
    s = sum(struct.unpack("!%dH" % (len(h) // 2), h))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def ipv4(proto, payload, src=b"\xc6\x12\x00\x01", dst=b"\xc6\x12\x00\x02"):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0x4000, 64, proto, 0, src, dst)
    h = h[:10] + struct.pack("!H", ip_csum(h)) + h[12:]
    return h + payload

def sctp(chunks, vtag, bad=False):
    pkt = struct.pack("!HHII", 5001, 5002, vtag, 0) + chunks
    c = crc32c(pkt) ^ (0xdeadbeef if bad else 0)
    return pkt[:8] + struct.pack("<I", c) + pkt[12:]

def eth(payload):
    return b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00" + payload

init = struct.pack("!BBHIIHHI", 1, 0, 20, 0x11223344, 65536, 10, 10, 1)
abort = struct.pack("!BBH", 6, 0, 4)

def pcap(name, frames):
    with open(f"{sys.argv[1]}/{name}", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1, i, len(fr), len(fr)) + fr)

good_init = eth(ipv4(132, sctp(init, 0)))
good_abort = eth(ipv4(132, sctp(abort, 0x11223344)))
bad_abort = eth(ipv4(132, sctp(abort, 0x11223344, bad=True)))
quoted = ipv4(132, sctp(init, 0))[:28]
icmp = struct.pack("!BBHI", 3, 2, 0, 0) + quoted
icmp = icmp[:2] + struct.pack("!H", ip_csum(icmp)) + icmp[4:]
unreach = eth(ipv4(1, icmp, src=b"\xc6\x12\x00\x02", dst=b"\xc6\x12\x00\x01"))
pcap("clean.pcap", [good_init, good_abort])
pcap("badcrc.pcap", [good_init, bad_abort])
pcap("unreach.pcap", [good_init, unreach])
PY

fail=0
expect() { # want(0|1) description args...
	local want=$1 what=$2 rc=0
	shift 2
	"$here/check-capture.sh" "$@" >"$tmp/out" 2>&1 || rc=$?
	head -1 "$tmp/out"
	if { [ "$want" -eq 0 ] && [ "$rc" -ne 0 ]; } || { [ "$want" -ne 0 ] && [ "$rc" -eq 0 ]; }; then
		echo "FAIL: $what (exit $rc)"; cat "$tmp/out"; fail=1
	else
		echo "ok: $what"
	fi
}
expect 0 "clean capture passes" "$tmp/clean.pcap" --expect INIT --expect ABORT --forbid DATA
expect 1 "missing chunk type fails" "$tmp/clean.pcap" --expect SHUTDOWN_COMPLETE
expect 1 "forbidden chunk type fails" "$tmp/clean.pcap" --forbid ABORT
expect 1 "bad CRC32c fails" "$tmp/badcrc.pcap"
expect 1 "ICMP protocol-unreachable fails" "$tmp/unreach.pcap"
exit $fail
