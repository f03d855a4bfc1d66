/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The public headers as a strict ISO C99 program sees them: this unit is
 * built with -std=c99 -pedantic and without _GNU_SOURCE, and includes the
 * umbrella header before any system header (so it must be self-contained).
 * It exports the layout facts and checks the call signatures against libc's
 * own declarations of the POSIX calls they mirror.
 */
#include <sctpdk/sctpdk.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "api_layout.h"

#if defined(_GNU_SOURCE) || !defined(__STDC_VERSION__) || __STDC_VERSION__ != 199901L
#error "layout_c99.c must be compiled as strict C99 without _GNU_SOURCE"
#endif

#define API_SIZE(T)   {"sizeof(" #T ")", (long)sizeof(T)},
#define API_OFF(T, m) {"offsetof(" #T ", " #m ")", (long)offsetof(T, m)},
#define API_VAL(x)    {#x, (long)(x)},

const struct sctpdk_api_fact sctpdk_api_facts_c99[] = {SCTPDK_API_LAYOUT_LIST{NULL, 0}};

#define SAME_TYPE(call)                                                                            \
	{#call, __builtin_types_compatible_p(__typeof__(sctpdk_##call), __typeof__(call))},

const struct sctpdk_api_fact sctpdk_api_libc_types_c99[] = {
    SAME_TYPE(socket) SAME_TYPE(bind) SAME_TYPE(listen) SAME_TYPE(accept) SAME_TYPE(connect)
	SAME_TYPE(close) SAME_TYPE(shutdown) SAME_TYPE(sendmsg) SAME_TYPE(recvmsg) SAME_TYPE(send)
	    SAME_TYPE(recv) SAME_TYPE(sendto) SAME_TYPE(recvfrom) SAME_TYPE(read) SAME_TYPE(write)
		SAME_TYPE(getsockname) SAME_TYPE(getpeername) SAME_TYPE(setsockopt)
		    SAME_TYPE(getsockopt) SAME_TYPE(fcntl){NULL, 0}};
