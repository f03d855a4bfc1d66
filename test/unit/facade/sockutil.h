/* SPDX-License-Identifier: BSD-3-Clause */
/* Socket API helpers of the facade tests, over the loopback double or
 * running stacks alike: addresses, recvmsg/sendmsg with SCTP_SNDRCV. */
#ifndef SCTPDK_TEST_FACADE_SOCKUTIL_H
#define SCTPDK_TEST_FACADE_SOCKUTIL_H

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

#include <sctpdk/sctpdk_socket.h>

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

#endif
