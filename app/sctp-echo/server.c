/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The echo servers of the sockets API draft, Appendix A (one-to-one,
 * SOCK_STREAM: accept, then echo every message back on its stream) and
 * Appendix B (one-to-many, SOCK_SEQPACKET: echo every message back to the
 * association it came from, print notifications), on sctpdk sockets.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <sctpdk/sctpdk_socket.h>

#include "echo.h"

#define BUFLEN 65536

static socklen_t
sockaddr_of(const struct sctpdk_addr *a, uint16_t port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == SCTPDK_AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		memcpy(&s6->sin6_addr, a->u.v6, 16);
		return sizeof(*s6);
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	s4->sin_family = AF_INET;
	s4->sin_port = htons(port);
	memcpy(&s4->sin_addr, &a->u.v4, 4);
	return sizeof(*s4);
}

/* bind to the first address, bindx the others */
static int
bind_all(int sd, const struct echo_opts *o)
{
	struct sockaddr_storage ss;
	socklen_t l = sockaddr_of(&o->local[0], o->port, &ss);
	if (sctpdk_bind(sd, (struct sockaddr *)&ss, l) != 0) {
		perror("sctp-echo: bind");
		return -1;
	}
	for (unsigned i = 1; i < o->n_local; i++) {
		l = sockaddr_of(&o->local[i], o->port, &ss);
		if (sctpdk_bindx(sd, &ss, 1, SCTP_BINDX_ADD_ADDR) != 0)
			perror("sctp-echo: bindx");
	}
	return 0;
}

static void
print_note(const union sctp_notification *n)
{
	switch (n->sn_header.sn_type) {
	case SCTP_ASSOC_CHANGE:
		printf("sctp-echo: association %d: %s\n", (int)n->sn_assoc_change.sac_assoc_id,
		       n->sn_assoc_change.sac_state == SCTP_COMM_UP         ? "COMM_UP"
		       : n->sn_assoc_change.sac_state == SCTP_COMM_LOST     ? "COMM_LOST"
		       : n->sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP ? "SHUTDOWN_COMP"
		       : n->sn_assoc_change.sac_state == SCTP_RESTART       ? "RESTART"
									    : "CANT_STR_ASSOC");
		break;
	case SCTP_SHUTDOWN_EVENT:
		printf("sctp-echo: association %d: SHUTDOWN_EVENT\n",
		       (int)n->sn_shutdown_event.sse_assoc_id);
		break;
	default:
		printf("sctp-echo: notification %u\n", n->sn_header.sn_type);
		break;
	}
	fflush(stdout);
}

/* One recvmsg with its SCTP_SNDRCV data. */
static ssize_t
get(int sd, void *buf, size_t len, struct sockaddr_storage *from, socklen_t *fromlen,
    struct sctp_sndrcvinfo *si, int *flags)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	union {
		char b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
		struct cmsghdr align;
	} ctl;
	struct msghdr m = {.msg_name = from,
			   .msg_namelen = from != NULL ? sizeof(*from) : 0,
			   .msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = ctl.b,
			   .msg_controllen = sizeof(ctl.b)};
	ssize_t n = sctpdk_recvmsg(sd, &m, 0);
	*flags = m.msg_flags;
	if (fromlen != NULL)
		*fromlen = m.msg_namelen;
	memset(si, 0, sizeof(*si));
	struct cmsghdr *c = n >= 0 ? CMSG_FIRSTHDR(&m) : NULL;
	if (c != NULL && c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == SCTP_SNDRCV)
		memcpy(si, CMSG_DATA(c), sizeof(*si));
	return n;
}

static ssize_t
put(int sd, const void *buf, size_t len, const struct sockaddr_storage *to, socklen_t tolen,
    const struct sctp_sndrcvinfo *si)
{
	struct iovec iov = {.iov_base = (void *)(uintptr_t)buf, .iov_len = len};
	union {
		char b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct msghdr m = {.msg_name = (void *)(uintptr_t)to,
			   .msg_namelen = tolen,
			   .msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = ctl.b,
			   .msg_controllen = sizeof(ctl.b)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDRCV;
	c->cmsg_len = CMSG_LEN(sizeof(*si));
	memcpy(CMSG_DATA(c), si, sizeof(*si));
	return sctpdk_sendmsg(sd, &m, 0);
}

/* Appendix A: one-to-one style. */
int
echo_server_stream(const struct echo_opts *o)
{
	static char buf[BUFLEN];
	int lsd = sctpdk_socket(o->local[0].family == SCTPDK_AF_INET6 ? AF_INET6 : AF_INET,
				SOCK_STREAM, IPPROTO_SCTP);
	if (lsd < 0 || bind_all(lsd, o) != 0)
		return -1;
	struct sctp_initmsg im = {.sinit_num_ostreams = (uint16_t)o->streams,
				  .sinit_max_instreams = (uint16_t)o->streams};
	sctpdk_setsockopt(lsd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im));
	if (sctpdk_listen(lsd, 1) != 0) {
		perror("sctp-echo: listen");
		return -1;
	}
	printf("sctp-echo: stream server listening on port %u\n", o->port);
	echo_set_ready(o, 1);
	fflush(stdout);
	int rc = 0;
	for (;;) {
		int csd = sctpdk_accept(lsd, NULL, NULL);
		if (csd < 0) {
			perror("sctp-echo: accept");
			rc = -1;
			break;
		}
		struct sctp_event_subscribe ev = {.sctp_data_io_event = 1};
		sctpdk_setsockopt(csd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev));
		unsigned long msgs = 0, bytes = 0;
		for (;;) {
			struct sctp_sndrcvinfo si;
			int flags;
			ssize_t n = get(csd, buf, sizeof(buf), NULL, NULL, &si, &flags);
			if (n <= 0)
				break; /* 0: the peer closed */
			if (flags & MSG_NOTIFICATION) {
				print_note((union sctp_notification *)buf);
				continue;
			}
			/* echo on the stream it came on, same ppid */
			struct sctp_sndrcvinfo out = {.sinfo_stream = si.sinfo_stream,
						      .sinfo_ppid = si.sinfo_ppid};
			if (put(csd, buf, (size_t)n, NULL, 0, &out) != n) {
				perror("sctp-echo: sendmsg");
				break;
			}
			msgs++;
			bytes += (unsigned long)n;
		}
		printf("sctp-echo: connection closed, %lu messages, %lu bytes echoed\n", msgs,
		       bytes);
		fflush(stdout);
		sctpdk_close(csd);
		if (o->once)
			break;
	}
	sctpdk_close(lsd);
	return rc;
}

/* Appendix B: one-to-many style. */
int
echo_server_seqpacket(const struct echo_opts *o)
{
	static char buf[BUFLEN];
	int sd = sctpdk_socket(o->local[0].family == SCTPDK_AF_INET6 ? AF_INET6 : AF_INET,
			       SOCK_SEQPACKET, IPPROTO_SCTP);
	if (sd < 0 || bind_all(sd, o) != 0)
		return -1;
	struct sctp_event_subscribe ev = {
	    .sctp_data_io_event = 1, .sctp_association_event = 1, .sctp_shutdown_event = 1};
	sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev));
	struct sctp_initmsg im = {.sinit_num_ostreams = (uint16_t)o->streams,
				  .sinit_max_instreams = (uint16_t)o->streams};
	sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im));
	if (sctpdk_listen(sd, 1) != 0) {
		perror("sctp-echo: listen");
		return -1;
	}
	printf("sctp-echo: seqpacket server on port %u\n", o->port);
	echo_set_ready(o, 1);
	fflush(stdout);
	unsigned long msgs = 0, bytes = 0;
	int rc = 0;
	for (;;) {
		struct sockaddr_storage from;
		socklen_t fl;
		struct sctp_sndrcvinfo si;
		int flags;
		ssize_t n = get(sd, buf, sizeof(buf), &from, &fl, &si, &flags);
		if (n < 0) {
			perror("sctp-echo: recvmsg");
			rc = -1;
			break;
		}
		if (flags & MSG_NOTIFICATION) {
			const union sctp_notification *nt = (const void *)buf;
			print_note(nt);
			if (o->once && nt->sn_header.sn_type == SCTP_ASSOC_CHANGE &&
			    (nt->sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP ||
			     nt->sn_assoc_change.sac_state == SCTP_COMM_LOST))
				break;
			continue;
		}
		/* back to the association it came from, on its stream */
		struct sctp_sndrcvinfo out = {.sinfo_stream = si.sinfo_stream,
					      .sinfo_ppid = si.sinfo_ppid,
					      .sinfo_assoc_id = si.sinfo_assoc_id};
		if (put(sd, buf, (size_t)n, &from, fl, &out) != n) {
			perror("sctp-echo: sendmsg");
			continue;
		}
		msgs++;
		bytes += (unsigned long)n;
	}
	printf("sctp-echo: %lu messages, %lu bytes echoed\n", msgs, bytes);
	fflush(stdout);
	sctpdk_close(sd);
	return rc;
}
