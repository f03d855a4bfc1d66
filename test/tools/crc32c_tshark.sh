#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Let Wireshark judge the SCTP checksums written by sctpdk_sctp_cksum_set().
#
# Usage: crc32c_tshark.sh CRC32C-PCAP TSHARK OUT.pcap
# crc32c-pcap writes the capture and lists "<frame> good|bad"; tshark must
# report "Checksum Status: Good" for every good frame and "Bad" for the
# corrupted one (the SCTP dissector checks CRC-32C only when asked to).
set -eu

gen=$1
tshark=$2
pcap=$3
dir=$(dirname "$pcap")
want="$dir/crc32c-tshark.want"
got="$dir/crc32c-tshark.got"

"$gen" "$pcap" > "$want"
"$tshark" -n -r "$pcap" -o sctp.checksum:CRC-32C -o ip.check_checksum:TRUE -V > "$dir/crc32c-tshark.txt"

# One line per frame: number, SCTP checksum status, IPv4 header status.
awk '
	/^Frame [0-9]+:/ { if (f != "") print f, s, ip; f = $2; sub(":", "", f); s = "none"; ip = "none" }
	/\[Checksum Status: / { s = $3; sub("]", "", s) }
	/\[Header checksum status: / { ip = $4; sub("]", "", ip) }
	END { if (f != "") print f, s, ip }
' "$dir/crc32c-tshark.txt" > "$got"

fail=0
frames=0
bad_seen=0
while read -r frame verdict; do
	frames=$((frames + 1))
	line=$(awk -v f="$frame" '$1 == f' "$got")
	status=$(echo "$line" | awk '{print $2}')
	ipstatus=$(echo "$line" | awk '{print $3}')
	case "$verdict" in
	good) expect=Good ;;
	bad) expect=Bad; bad_seen=1 ;;
	*) echo "unexpected generator line: $frame $verdict"; exit 1 ;;
	esac
	if [ "$status" != "$expect" ]; then
		echo "frame $frame: SCTP checksum status '$status', expected '$expect'"
		fail=1
	else
		echo "frame $frame: SCTP checksum $status (as expected)"
	fi
	if [ "$ipstatus" != "Good" ]; then
		echo "frame $frame: IPv4 header checksum status '$ipstatus'"
		fail=1
	fi
done < "$want"

if [ "$frames" -lt 5 ] || [ "$bad_seen" -ne 1 ]; then
	echo "generator wrote $frames frames, corrupted frame present: $bad_seen"
	fail=1
fi
if [ "$(wc -l < "$got")" -ne "$frames" ]; then
	echo "tshark decoded $(wc -l < "$got") frames, expected $frames"
	fail=1
fi
exit $fail
