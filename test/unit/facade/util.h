/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the facade tests (over the loopback test double). */
#ifndef SCTPDK_TEST_FACADE_UTIL_H
#define SCTPDK_TEST_FACADE_UTIL_H

#include <errno.h>

#include "loopback.h"
#include "sctpdk_test.h"
#include "sockutil.h"

/* TCP-style pair through a listener on 10.0.0.1:port. Returns 0 or -1. */
static inline int
fc_tcp_pair(uint16_t port, int *lsn, int *cli, int *srv)
{
	struct sockaddr_in a = fc_sin("10.0.0.1", port);
	*srv = -1;
	*lsn = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	*cli = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	if (*lsn < 0 || *cli < 0)
		return -1;
	if (sctpdk_bind(*lsn, SA(a), sizeof(a)) != 0 || sctpdk_listen(*lsn, 8) != 0)
		return -1;
	if (sctpdk_connect(*cli, SA(a), sizeof(a)) != 0)
		return -1;
	*srv = sctpdk_accept(*lsn, NULL, NULL);
	return *srv >= 0 ? 0 : -1;
}

/* UDP-style socket bound to ip:port and listening. */
static inline int
fc_udp_sock(const char *ip, uint16_t port)
{
	struct sockaddr_in a = fc_sin(ip, port);
	int s = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (s < 0 || sctpdk_bind(s, SA(a), sizeof(a)) != 0 || sctpdk_listen(s, 1) != 0)
		return -1;
	return s;
}

/* Read (blocking) until a data message arrives, skipping notifications. */
static inline struct fc_rx
fc_recv_data(int sd, void *buf, size_t len)
{
	for (;;) {
		struct fc_rx r = fc_recv(sd, buf, len, 0);
		if (r.n < 0 || !(r.flags & MSG_NOTIFICATION))
			return r;
	}
}

/* Read (blocking) until a notification of type t arrives; data skipped. */
static inline int
fc_wait_note(int sd, uint16_t t, union sctp_notification *out)
{
	char buf[4096];
	for (int i = 0; i < 1000; i++) {
		struct fc_rx r = fc_recv(sd, buf, sizeof(buf), 0);
		if (r.n < 0)
			return -1;
		if ((r.flags & MSG_NOTIFICATION) &&
		    ((union sctp_notification *)buf)->h.sn_type == t) {
			if (out != NULL)
				memcpy(out, buf,
				       sizeof(*out) < (size_t)r.n ? sizeof(*out) : (size_t)r.n);
			return 0;
		}
	}
	return -1;
}

/* Suite fixture: one loopback double (and facade) per suite. */
extern struct lb_stack *fc_lb;
int fc_suite_init(void);
int fc_suite_clean(void);

#endif
