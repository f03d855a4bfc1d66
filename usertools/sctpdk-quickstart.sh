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

if [ -x build/app/sctp-perf/sctp-perf ]; then
	cmd=(build/app/sctp-perf/sctp-perf -l 0-1 --in-memory $mem_args --
		--both --duration 5)
else
	cmd=(build/app/sctpdk-selfcheck/sctpdk-selfcheck)
fi
echo "sctpdk: running ${cmd[*]}"
exec "${cmd[@]}"
