/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the facade tests (over the loopback test double). */
#ifndef SCTPDK_TEST_FACADE_UTIL_H
#define SCTPDK_TEST_FACADE_UTIL_H

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <sctpdk/sctpdk_socket.h>

#include "loopback.h"
#include "sctpdk_test.h"

static inline struct sockaddr_in
fc_sin(const char *ip, uint16_t port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

#define SA(x) ((struct sockaddr *)&(x))

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

/* recvmsg into buf with an SCTP_SNDRCV control buffer. */
struct fc_rx {
	ssize_t n;
	int flags;
	int have_sndrcv;
	struct sctp_sndrcvinfo si;
	struct sockaddr_in from;
	socklen_t fromlen;
};

static inline struct fc_rx
fc_recv(int sd, void *buf, size_t len, int flags)
{
	struct fc_rx r;
	memset(&r, 0, sizeof(r));
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	union {
		char b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
		struct cmsghdr align;
	} ctl;
	struct msghdr m = {.msg_name = &r.from,
			   .msg_namelen = sizeof(r.from),
			   .msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = ctl.b,
			   .msg_controllen = sizeof(ctl.b)};
	r.n = sctpdk_recvmsg(sd, &m, flags);
	r.flags = m.msg_flags;
	r.fromlen = m.msg_namelen;
	if (r.n >= 0 && m.msg_controllen >= CMSG_LEN(sizeof(r.si))) {
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);
		if (c != NULL && c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == SCTP_SNDRCV) {
			memcpy(&r.si, CMSG_DATA(c), sizeof(r.si));
			r.have_sndrcv = 1;
		}
	}
	return r;
}

/* sendmsg with an SCTP_SNDRCV item. */
static inline ssize_t
fc_send_si(int sd, const void *buf, size_t len, const struct sockaddr_in *to,
	   const struct sctp_sndrcvinfo *si, int flags)
{
	struct iovec iov = {.iov_base = (void *)(uintptr_t)buf, .iov_len = len};
	union {
		char b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct msghdr m = {.msg_name = (void *)(uintptr_t)to,
			   .msg_namelen = to ? sizeof(*to) : 0,
			   .msg_iov = &iov,
			   .msg_iovlen = len ? 1 : 0};
	if (si != NULL) {
		m.msg_control = ctl.b;
		m.msg_controllen = sizeof(ctl.b);
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = IPPROTO_SCTP;
		c->cmsg_type = SCTP_SNDRCV;
		c->cmsg_len = CMSG_LEN(sizeof(*si));
		memcpy(CMSG_DATA(c), si, sizeof(*si));
	}
	return sctpdk_sendmsg(sd, &m, flags);
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
