#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Read an sctpdk process's counters through the DPDK telemetry socket
# (dpdk_telemetry.v2 in the EAL runtime dir, SOCK_SEQPACKET, JSON replies)
# while it runs, and check them: /sctpdk/stats non-zero and consistent,
# /sctpdk/assocs lists the association, /sctpdk/assoc,<id> is ESTABLISHED
# with plausible rto and rwnd, and sampled during the transfer its cwnd,
# srtt, rto, rwnd, flight and payload MTU are non-zero and sane (flight
# non-zero in at least one sample, retransmissions present).
#   telemetry-query.py RUNTIME_DIR [TIMEOUT_S]
import json, os, socket, sys, time

rundir = sys.argv[1]
deadline = time.time() + float(sys.argv[2] if len(sys.argv) > 2 else 20)
path = os.path.join(rundir, "dpdk_telemetry.v2")


def query(cmd):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect(path)
    hello = json.loads(s.recv(4096).decode())
    s.send(cmd.encode())
    reply = json.loads(s.recv(hello.get("max_output_len", 16384)).decode())
    s.close()
    return reply[cmd.split(",")[0]]


while not os.path.exists(path):
    if time.time() > deadline:
        sys.exit(f"telemetry: no socket {path}")
    time.sleep(0.05)

bad = []
# wait until an association is listed and data has flowed
while True:
    ids = query("/sctpdk/assocs")
    stats = query("/sctpdk/stats")
    if ids and stats.get("rx_chunk_data", 0) > 1000:
        break
    if time.time() > deadline:
        sys.exit(f"telemetry: no association with data in time: assocs={ids} stats={stats}")
    time.sleep(0.05)
# the association while data flows: sampled every 50 ms for 0.5 s, and at
# least 5 times (a query takes longer on a busy machine or under ASan)
samples = []
t_end = time.time() + 0.5
t_hard = time.time() + 10
while (time.time() < t_end or len(samples) < 5) and time.time() < t_hard:
    samples.append(query(f"/sctpdk/assoc,{ids[0]}"))
    time.sleep(0.05)
# data keeps arriving (a slow tree may pause a moment: wait up to 5 s)
grow_end = time.time() + 5
later = query("/sctpdk/stats")
while later.get("rx_chunk_data", 0) <= stats.get("rx_chunk_data", 0) and time.time() < grow_end:
    time.sleep(0.05)
    later = query("/sctpdk/stats")
info = query(f"/sctpdk/assoc,{ids[0]}")
print("telemetry /sctpdk/assocs:", ids)
print("telemetry /sctpdk/stats (selected):",
      {k: later.get(k) for k in ("rx_frames", "tx_frames", "rx_sctp", "tx_sctp", "rx_chunk_data",
                                 "tx_chunk_data", "rx_chunk_sack", "tx_chunk_sack", "cksum_sw_ok",
                                 "drop_bad_cksum", "assocs", "polls")})
print("telemetry /sctpdk/assoc:", info)
for k in ("rx_frames", "tx_frames", "rx_sctp", "tx_sctp", "rx_chunk_data", "tx_chunk_data",
          "cksum_sw_ok", "polls"):
    if not later.get(k, 0) > 0:
        bad.append(f"stats {k} = {later.get(k)}")
    if later.get(k, 0) < stats.get(k, 0):
        bad.append(f"stats {k} went backwards")
if later.get("rx_chunk_data", 0) <= stats.get("rx_chunk_data", 0):
    bad.append("rx_chunk_data did not grow during the run")
if later.get("rx_sctp", 0) > later.get("rx_frames", 0):
    bad.append("more SCTP packets than frames")
if later.get("drop_bad_cksum", 1) != 0:
    bad.append("bad checksums on a clean link")
if later.get("assocs") != 1:
    bad.append(f"assocs = {later.get('assocs')}")
if info.get("state_name") != "ESTABLISHED":
    bad.append(f"association state {info.get('state_name')}")
if not 0 < info.get("rto_us", 0) <= 60_000_000:
    bad.append(f"rto_us {info.get('rto_us')}")
if not info.get("rx_packets", 0) > 0:
    bad.append("association rx_packets 0")
insane = []
for a in samples:
    mtu = a.get("payload_mtu", 0)
    if not (500 <= mtu <= 9000 and a.get("cwnd", 0) >= 2 * mtu and
            0 < a.get("srtt_us", 0) < 5_000_000 and
            0 < a.get("rto_us", 0) <= 60_000_000 and
            # a closed peer window is normal in bulk (data in flight fills it)
            (a.get("rwnd", 0) > 0 or (a.get("rwnd", -1) == 0 and a.get("flight", 0) > 0)) and
            # after a loss cwnd drops at once while what is in flight
            # stays until acknowledged (RFC 9260 7.2.3, 7.2.4)
            0 <= a.get("flight", -1) and
            (a.get("flight", -1) <= a.get("cwnd", 0) + 4 * mtu or
             a.get("fast_rtx_events", 0) + a.get("t3_expiries", 0) > 0) and
            a.get("retransmissions", -1) >= 0):
        insane.append(a)
flights = [a.get("flight", 0) for a in samples]
print(f"telemetry /sctpdk/assoc during the transfer: {len(samples)} samples, "
      f"{len(insane)} not sane, flight max {max(flights) if flights else 0}, cwnd "
      f"{[a.get('cwnd') for a in samples[:5]]}..., srtt_us {[a.get('srtt_us') for a in samples[:5]]}...")
if len(samples) < 5:
    bad.append(f"only {len(samples)} association samples")
for a in insane[:3]:
    bad.append(f"association values not sane: {a}")
if not any(f > 0 for f in flights):
    bad.append("flight 0 in every sample during the transfer")
for b in bad:
    print("FAIL: telemetry", b, file=sys.stderr)
sys.exit(1 if bad else 0)
