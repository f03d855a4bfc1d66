#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build and run every sctpdk test: an optimised tree and an ASan+UBSan tree,
# `meson test` in both, then the bounded fuzz run. Non-zero exit on any failure.
#   SCTPDK_FUZZ_SECONDS  seconds per fuzz target (default 60, 0 disables)
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)

./devtools/deps.sh test

jobs=$(nproc)
status=0

build() { # dir, extra meson args...
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@"
	else
		# libraries are discovered by folder: re-run setup to see new ones
		meson setup --reconfigure "$dir" "$@" >/dev/null
	fi
	ninja -C "$dir" -j "$jobs"
}

run_tests() { # dir, label
	echo "=== meson test: $2 ==="
	if ! meson test -C "$1" --num-processes "$jobs" --print-errorlogs; then
		echo "=== FAILED: $2 ===" >&2
		status=1
	fi
}

build build-release --buildtype=release -Db_ndebug=false -Dwerror=true
run_tests build-release optimised

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
build build-asan --buildtype=debug -Dsanitize=address,undefined -Db_lundef=false -Dwerror=true
run_tests build-asan "ASan+UBSan"

if [ -x devtools/fuzz.sh ]; then
	if ! ./devtools/fuzz.sh; then
		echo "=== FAILED: fuzz ===" >&2
		status=1
	fi
fi

[ $status -eq 0 ] && echo "=== all tests passed ===" || echo "=== some tests FAILED ===" >&2
exit $status
