#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build the libFuzzer targets with clang (build-fuzz/) and run each one for a
# bounded time on a scratch copy of its seed corpus. Fails on any crash,
# leak, sanitizer report or timeout, and prints the executions per target.
#
# Every executable test/fuzz/fuzz-NAME of the fuzz tree is a target; its seeds
# are test/fuzz/corpus/NAME/ (may be missing: then it starts empty).
#   SCTPDK_FUZZ_SECONDS   seconds per target (default 60; 0 skips fuzzing)
#   SCTPDK_FUZZ_TARGETS   space-separated names to run (default: all)
#   SCTPDK_FUZZ_BUILD     build directory (default build-fuzz)
# Crash inputs are kept in fuzz-artifacts/NAME/ for reproduction:
#   build-fuzz/test/fuzz/fuzz-NAME fuzz-artifacts/NAME/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${SCTPDK_FUZZ_SECONDS:-60}
bdir=${SCTPDK_FUZZ_BUILD:-build-fuzz}
if [ "$secs" = 0 ]; then
	echo "fuzz: SCTPDK_FUZZ_SECONDS=0, skipped"
	exit 0
fi
command -v clang >/dev/null || { echo "fuzz: clang not found" >&2; exit 1; }

if [ ! -f "$bdir/build.ninja" ]; then
	# the libraries get coverage instrumentation and the same sanitizers as
	# the targets, so libFuzzer can steer into them and reports are precise
	CC=clang meson setup "$bdir" --buildtype=debugoptimized -Dfuzz=true -Dtests=false \
		-Dsanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link \
		-Dc_link_args=-fsanitize=fuzzer-no-link
fi
ninja -C "$bdir" -j "$(nproc)"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

targets=()
if [ -n "${SCTPDK_FUZZ_TARGETS:-}" ]; then
	for t in $SCTPDK_FUZZ_TARGETS; do targets+=("$bdir/test/fuzz/fuzz-$t"); done
else
	for exe in "$bdir"/test/fuzz/fuzz-*; do
		[ -f "$exe" ] && [ -x "$exe" ] && targets+=("$exe")
	done
fi
if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz: no targets in $bdir/test/fuzz" >&2
	exit 1
fi

scratch=$(mktemp -d /tmp/sctpdk-fuzz.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
status=0
for exe in "${targets[@]}"; do
	name=${exe##*/fuzz-}
	if [ ! -x "$exe" ]; then
		echo "fuzz: $name: $exe not built" >&2
		status=1
		continue
	fi
	corpus="$scratch/$name/corpus"
	art="$scratch/$name/artifacts"
	mkdir -p "$corpus" "$art"
	seeds=test/fuzz/corpus/$name
	nseeds=0
	if [ -d "$seeds" ]; then
		cp -r "$seeds"/. "$corpus"/
		nseeds=$(find "$seeds" -type f | wc -l)
	fi
	log="$scratch/$name/log"
	echo "=== fuzz $name: ${secs}s, $nseeds seeds ==="
	rc=0
	"$exe" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$art/" "$corpus" >"$log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
	if [ $rc -ne 0 ] || grep -qE 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|ERROR: libFuzzer' "$log"; then
		echo "=== fuzz $name: FAILED (exit $rc) ===" >&2
		grep -E 'ERROR|runtime error|SUMMARY|#[0-9]+ 0x' "$log" | head -40 >&2 || true
		mkdir -p "fuzz-artifacts/$name"
		cp "$art"/* "fuzz-artifacts/$name/" 2>/dev/null || true
		echo "    reproducer(s) in fuzz-artifacts/$name/" >&2
		status=1
	else
		echo "=== fuzz $name: ok, ${execs:-?} executions, ${cov:-cov ?} ==="
	fi
done
exit $status
