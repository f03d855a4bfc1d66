/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The public headers as a C++11 program sees them (built with -std=c++11
 * -pedantic -Werror, system headers first): the same sizes, offsets and
 * values as the strict C99 unit, and the same call signatures. Exits 0 when
 * everything agrees, 1 otherwise, listing each difference.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include <sctpdk/sctpdk.h>

#include <cstdio>
#include <cstring>
#include <type_traits>

#include "api_layout.h"

#define API_SIZE(T)   {"sizeof(" #T ")", (long)sizeof(T)},
#define API_OFF(T, m) {"offsetof(" #T ", " #m ")", (long)offsetof(T, m)},
#define API_VAL(x)    {#x, (long)(x)},

static const sctpdk_api_fact facts_cxx[] = {SCTPDK_API_LAYOUT_LIST{nullptr, 0}};

static int failures;

static void
check(bool ok, const char *what)
{
	if (!ok) {
		std::printf("FAIL: %s\n", what);
		failures++;
	}
}

#define SIG(call, type) check(std::is_same<decltype(call), type>::value, #call " signature")

int
main()
{
	size_t n = 0;
	for (; facts_cxx[n].name; n++) {
		const sctpdk_api_fact &c = sctpdk_api_facts_c99[n];
		if (!c.name || std::strcmp(c.name, facts_cxx[n].name) != 0) {
			check(false, "fact lists out of step");
			break;
		}
		if (c.value != facts_cxx[n].value) {
			std::printf("FAIL: %s: C99 %ld, C++ %ld\n", c.name, c.value,
				    facts_cxx[n].value);
			failures++;
		}
	}
	check(n > 100, "fact list length");

	SIG(sctpdk_socket, int(int, int, int));
	SIG(sctpdk_bind, int(int, const sockaddr *, socklen_t));
	SIG(sctpdk_accept, int(int, sockaddr *, socklen_t *));
	SIG(sctpdk_sendmsg, ssize_t(int, const msghdr *, int));
	SIG(sctpdk_recvmsg, ssize_t(int, msghdr *, int));
	SIG(sctpdk_sendto, ssize_t(int, const void *, size_t, int, const sockaddr *, socklen_t));
	SIG(sctpdk_recvfrom, ssize_t(int, void *, size_t, int, sockaddr *, socklen_t *));
	SIG(sctpdk_fcntl, int(int, int, ...));
	SIG(sctpdk_bindx, int(int, const sockaddr_storage *, int, int));
	SIG(sctpdk_peeloff, int(int, const sctp_assoc_t *));
	SIG(sctpdk_poll, int(sctpdk_pollfd *, nfds_t, int));

	/* The Appendix A reading pattern compiles and works in C++ too. */
	union sctp_notification sn;
	std::memset(&sn, 0, sizeof(sn));
	sn.sn_assoc_change.sac_type = SCTP_ASSOC_CHANGE;
	sn.sn_assoc_change.sac_state = SCTP_COMM_UP;
	check(sn.sn_type == SCTP_ASSOC_CHANGE && sn.sn_header.sn_type == SCTP_ASSOC_CHANGE,
	      "notification header through the union");
	check(offsetof(sctp_remote_error, sre_data) == 16 && sizeof(sctp_remote_error) == 16,
	      "sre_data tail");

	std::printf("api-header-cxx: %zu facts compared with the C99 unit, %d failure(s)\n", n,
		    failures);
	return failures ? 1 : 0;
}
