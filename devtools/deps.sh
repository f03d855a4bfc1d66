#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install what building and testing sctpdk needs on Debian 12 (bookworm).
# Usage: devtools/deps.sh [build|test]   (default: test = everything)
# As root it runs apt-get; otherwise it prints the command to run.
set -euo pipefail

what=${1:-test}
build_pkgs=(build-essential pkg-config meson ninja-build dpdk-dev libdpdk-dev
	libcunit1-dev libssl-dev libnuma-dev libpcap-dev python3)
test_pkgs=(clang libclang-rt-14-dev tshark python3-scapy libusrsctp-dev
	iproute2 procps python3-matplotlib)

pkgs=("${build_pkgs[@]}")
[ "$what" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "sctpdk: missing packages: ${missing[*]}" >&2
	echo "sctpdk: run as root:  apt-get install -y ${missing[*]}" >&2
	exit 1
fi
echo "sctpdk: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer for it.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections || true
if ! apt-get install -y -q --no-install-recommends "${missing[@]}"; then
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
