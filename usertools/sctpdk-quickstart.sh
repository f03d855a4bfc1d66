#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job on the embedded default: install what is missing, set up
# hugepages when possible (else --no-huge), build, and run the main program.
set -euo pipefail
cd "$(dirname "$0")/.."

./devtools/deps.sh build

mem_args=$(./devtools/hugepages.sh)
if [ ! -f build/build.ninja ]; then
	meson setup build --buildtype=release
fi
ninja -C build

# DPDK 22.11 refuses --in-memory with --no-huge: without hugepages,
# --no-shconf keeps EAL from writing its runtime files instead.
if [ -n "$mem_args" ]; then
	eal_mem=(--no-shconf $mem_args)
else
	eal_mem=(--in-memory)
fi
if [ -x build/app/sctp-perf/sctp-perf ]; then
	# ~10 s: 4 s of sctpdk (two runtime stacks, client and server, each
	# on its own lcore over an in-memory link, application threads on the
	# runtime's interface), then the same workload through usrsctp in the
	# same process. Three lcores on the CPUs there are.
	cmd=(build/app/sctp-perf/sctp-perf --lcores='(0-2)@(0-1)' "${eal_mem[@]}" --log-level=lib.eal:error
		-- --both --duration 4 --size 1024 --compare usrsctp)
else
	cmd=(build/app/sctpdk-selfcheck/sctpdk-selfcheck)
fi
echo "sctpdk: running ${cmd[*]}"
exec "${cmd[@]}"
