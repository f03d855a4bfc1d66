#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build an optimised libusrsctp.so.2 from a usrsctp source tree of the same
# version as Debian's (0.9.5.0), for a fair usrsctp baseline: Debian's
# package is built with usrsctp's autotools default --enable-debug, which
# appends -O0 to CFLAGS. The result is ABI-compatible; run any program
# linked with Debian's library against it with
#   LD_LIBRARY_PATH=OUT/usrsctplib usrsctp-bench ...
#
#   build-optimized-usrsctp.sh SRC_DIR OUT_DIR
# Options are those of Debian's build except optimisation: CMake Release
# (-O3), SCTP_DEBUG kept, INVARIANTS off, IPv4+IPv6, shared library.
set -euo pipefail
src=${1:?usage: build-optimized-usrsctp.sh SRC_DIR OUT_DIR}
out=${2:?usage: build-optimized-usrsctp.sh SRC_DIR OUT_DIR}
cmake -S "$src" -B "$out" -DCMAKE_BUILD_TYPE=Release -Dsctp_build_shared_lib=ON \
	-Dsctp_build_programs=OFF -Dsctp_werror=OFF -Dsctp_debug=ON -Dsctp_invariants=OFF
cmake --build "$out" -j "${JOBS:-2}"
ls -l "$out"/usrsctplib/libusrsctp.so.2
