#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Reserve 2 MiB hugepages and mount hugetlbfs when possible.
# Prints the EAL memory arguments to use: nothing when hugepages are ready,
# "--no-huge -m 1024" when they cannot be set up (not root, no support).
set -u
pages=${SCTPDK_HUGEPAGES:-512}
ok=0
if [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/vm/nr_hugepages ]; then
	cur=$(cat /proc/sys/vm/nr_hugepages)
	[ "$cur" -lt "$pages" ] && echo "$pages" >/proc/sys/vm/nr_hugepages 2>/dev/null
	mkdir -p /dev/hugepages
	mountpoint -q /dev/hugepages || mount -t hugetlbfs nodev /dev/hugepages 2>/dev/null
	free=$(awk '/HugePages_Free/ {print $2}' /proc/meminfo)
	mountpoint -q /dev/hugepages && [ "${free:-0}" -ge 64 ] && ok=1
fi
if [ $ok -eq 1 ]; then
	echo ""
else
	echo "sctpdk: hugepages unavailable, using --no-huge" >&2
	echo "--no-huge -m 1024"
fi
