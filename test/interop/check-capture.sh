#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Check an SCTP capture (pcap or pcapng) with tshark:
#   - at least one SCTP packet,
#   - no packet Wireshark calls malformed or flags with an expert error,
#   - every SCTP checksum verified good as CRC-32C,
#   - no ICMP destination-unreachable (protocol unreachable means a kernel
#     without SCTP answered a packet meant for a user-space stack),
#   - optionally, given chunk types present (--expect NAME, repeatable) or
#     absent (--forbid NAME). NAME: DATA INIT INIT_ACK SACK HEARTBEAT
#     HEARTBEAT_ACK ABORT SHUTDOWN SHUTDOWN_ACK ERROR COOKIE_ECHO COOKIE_ACK
#     SHUTDOWN_COMPLETE FORWARD_TSN I_DATA.
# Prints one summary line (JSON) and exits 0 when all checks pass.
#
#   check-capture.sh FILE [--expect NAME]... [--forbid NAME]...
set -euo pipefail

declare -A code=(
	[DATA]=0 [INIT]=1 [INIT_ACK]=2 [SACK]=3 [HEARTBEAT]=4 [HEARTBEAT_ACK]=5
	[ABORT]=6 [SHUTDOWN]=7 [SHUTDOWN_ACK]=8 [ERROR]=9 [COOKIE_ECHO]=10
	[COOKIE_ACK]=11 [SHUTDOWN_COMPLETE]=14 [FORWARD_TSN]=192 [I_DATA]=64
)

file=${1:-}
[ -n "$file" ] && [ -r "$file" ] || { echo "usage: check-capture.sh FILE [--expect NAME]... [--forbid NAME]..." >&2; exit 2; }
shift
expect=()
forbid=()
while [ $# -gt 0 ]; do
	case "$1" in
	--expect) expect+=("$2"); shift 2 ;;
	--forbid) forbid+=("$2"); shift 2 ;;
	*) echo "check-capture.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
for n in "${expect[@]}" "${forbid[@]}"; do
	[ -n "${code[$n]+x}" ] || { echo "check-capture.sh: unknown chunk $n" >&2; exit 2; }
done

# One tshark pass; one line per frame:
#   protocols | checksum status (0 bad, 1 good, 2 unverified) | icmp type |
#   expert severities | chunk types
fields=$(tshark -n -r "$file" -o sctp.checksum:CRC-32C -T fields -E separator='|' \
	-E occurrence=a -E aggregator=, -e frame.protocols -e sctp.checksum.status \
	-e icmp.type -e _ws.expert.severity -e sctp.chunk_type 2>/dev/null) ||
	{ echo "check-capture.sh: tshark cannot read $file" >&2; exit 1; }

read -r total sctp good bad malformed experr unreach < <(awk -F'|' '
	{ n++ }
	$1 ~ /(^|:)sctp(:|$)/ { s++; if ($2 == "1") g++; else b++ }
	$1 ~ /_ws\.malformed/ { m++ }
	$4 ~ /8388608/ && $1 !~ /(^|:)icmp(:|$)/ { e++ }
	$3 == "3" { u++ }
	END { printf "%d %d %d %d %d %d %d\n", n, s, g, b, m, e, u }' <<<"$fields")
# "count type" per chunk type seen.
chunks=$(awk -F'|' '$5 != "" { print $5 }' <<<"$fields" | tr ',' '\n' | sort -n | uniq -c)

count_of() { # chunk type code -> number of chunks
	awk -v c="$1" '$2 == c { n = $1 } END { print n + 0 }' <<<"$chunks"
}

fail=()
[ "$sctp" -gt 0 ] || fail+=("no SCTP packets")
[ "$malformed" -eq 0 ] || fail+=("$malformed malformed packets")
[ "$experr" -eq 0 ] || fail+=("$experr packets with an expert error")
[ "$bad" -eq 0 ] || fail+=("$bad packets without a good CRC-32C")
[ "$unreach" -eq 0 ] || fail+=("$unreach ICMP destination-unreachable packets")
for n in "${expect[@]}"; do
	[ "$(count_of "${code[$n]}")" -gt 0 ] || fail+=("no $n chunk")
done
for n in "${forbid[@]}"; do
	[ "$(count_of "${code[$n]}")" -eq 0 ] || fail+=("unexpected $n chunk")
done

chunk_json=""
for n in "${!code[@]}"; do
	c=$(count_of "${code[$n]}")
	[ "$c" -gt 0 ] && chunk_json+="${chunk_json:+, }\"$n\": $c"
done
printf '{"file": "%s", "packets": %d, "sctp_packets": %d, "checksum_good": %d, "checksum_bad": %d, "malformed": %d, "expert_errors": %d, "icmp_unreachable": %d, "chunks": {%s}, "ok": %s}\n' \
	"$file" "$total" "$sctp" "$good" "$bad" "$malformed" "$experr" "$unreach" "$chunk_json" \
	"$([ ${#fail[@]} -eq 0 ] && echo true || echo false)"
if [ ${#fail[@]} -ne 0 ]; then
	printf 'check-capture.sh: %s\n' "${fail[@]}" >&2
	exit 1
fi
