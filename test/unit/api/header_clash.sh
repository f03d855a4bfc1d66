#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# sctpdk_socket.h and a system SCTP header must never share a translation
# unit. Checks that the header alone compiles (control), that including it
# after <linux/sctp.h> or <usrsctp.h> stops at its #error, and that a system
# header included after it fails too (structure redefinitions): mixing is
# always a compile error, never silent.
# usage: header_clash.sh INCLUDE_DIR HAVE_LINUX(0|1) HAVE_USRSCTP(0|1) CC [CC ARGS...]
set -u
inc=$1 have_linux=$2 have_usrsctp=$3
shift 3
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
msg='do not include a system SCTP header in the same unit'

printf '#include <sctpdk/sctpdk_socket.h>\nint main(void) { return SCTP_STATUS == 14 ? 0 : 1; }\n' \
	>"$dir/alone.ok.c"
tests=alone.ok
if [ "$have_linux" = 1 ]; then
	printf '#include <sys/socket.h>\n#include <linux/sctp.h>\n#include <sctpdk/sctpdk_socket.h>\n' \
		>"$dir/linux_first.error.c"
	printf '#include <sctpdk/sctpdk_socket.h>\n#include <linux/sctp.h>\n' \
		>"$dir/linux_after.fail.c"
	tests="$tests linux_first.error linux_after.fail"
fi
if [ "$have_usrsctp" = 1 ]; then
	printf '#include <usrsctp.h>\n#include <sctpdk/sctpdk.h>\n' >"$dir/usrsctp_first.error.c"
	printf '#include <sctpdk/sctpdk.h>\n#include <usrsctp.h>\n' >"$dir/usrsctp_after.fail.c"
	tests="$tests usrsctp_first.error usrsctp_after.fail"
fi

fail=0
for t in $tests; do
	"$@" -fsyntax-only -I"$inc" "$dir/$t.c" >"$dir/$t.log" 2>&1
	rc=$?
	ok=1
	case $t in
	*.ok) [ $rc -eq 0 ] || ok=0 ;;
	*.error) [ $rc -ne 0 ] && grep -q "$msg" "$dir/$t.log" || ok=0 ;;
	*.fail) [ $rc -ne 0 ] || ok=0 ;;
	esac
	if [ $ok = 1 ]; then
		echo "ok   $t (exit $rc)"
	else
		echo "FAIL $t (exit $rc)"
		sed 's/^/     /' "$dir/$t.log" | head -20
		fail=1
	fi
done
exit $fail
