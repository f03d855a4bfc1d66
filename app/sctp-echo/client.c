/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The echo client: count messages of size bytes, round robin over streams,
 * each with a distinct pattern and ppid; every echo must come back on the
 * same stream with the same ppid and the same bytes. Stream style: connect,
 * then close (graceful). Seqpacket style: implicit setup by sendmsg to
 * the server, then MSG_EOF and wait for SHUTDOWN_COMP.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sctpdk/sctpdk_socket.h>

#include "echo.h"

static socklen_t
sa_of(const struct sctpdk_addr *a, uint16_t port, struct sockaddr_storage *ss)
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

static uint8_t
pat(unsigned i, unsigned k)
{
	return (uint8_t)(i * 131 + k * 7 + 3);
}

static ssize_t
xfer(int sd, int out, void *buf, size_t len, const struct sockaddr_storage *to, socklen_t tolen,
     struct sctp_sndrcvinfo *si, int *flags)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	union {
		char b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct msghdr m = {.msg_name = (void *)(uintptr_t)to,
			   .msg_namelen = tolen,
			   .msg_iov = &iov,
			   .msg_iovlen = len ? 1 : 0,
			   .msg_control = ctl.b,
			   .msg_controllen = sizeof(ctl.b)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	if (out) {
		c->cmsg_level = IPPROTO_SCTP;
		c->cmsg_type = SCTP_SNDRCV;
		c->cmsg_len = CMSG_LEN(sizeof(*si));
		memcpy(CMSG_DATA(c), si, sizeof(*si));
		return sctpdk_sendmsg(sd, &m, 0);
	}
	ssize_t n = sctpdk_recvmsg(sd, &m, 0);
	*flags = m.msg_flags;
	memset(si, 0, sizeof(*si));
	c = n >= 0 ? CMSG_FIRSTHDR(&m) : NULL;
	if (c != NULL && c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == SCTP_SNDRCV)
		memcpy(si, CMSG_DATA(c), sizeof(*si));
	return n;
}

int
echo_client(const struct echo_opts *o)
{
	int dom = o->remote[0].family == SCTPDK_AF_INET6 ? AF_INET6 : AF_INET;
	int sd = sctpdk_socket(dom, o->seqpacket ? SOCK_SEQPACKET : SOCK_STREAM, IPPROTO_SCTP);
	if (sd < 0) {
		perror("sctp-echo: socket");
		return -1;
	}
	struct sockaddr_storage me, srv;
	socklen_t ml = sa_of(&o->local[0], o->lport, &me);
	socklen_t sl = sa_of(&o->remote[0], o->port, &srv);
	if (sctpdk_bind(sd, (struct sockaddr *)&me, ml) != 0) {
		perror("sctp-echo: bind");
		return -1;
	}
	struct sctp_event_subscribe ev = {.sctp_data_io_event = 1, .sctp_association_event = 1};
	sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev));
	struct sctp_initmsg im = {.sinit_num_ostreams = (uint16_t)o->streams,
				  .sinit_max_instreams = (uint16_t)o->streams};
	sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im));
	if (!o->seqpacket && sctpdk_connect(sd, (struct sockaddr *)&srv, sl) != 0) {
		perror("sctp-echo: connect");
		return -1;
	}
	uint8_t *out = malloc(o->size), *in = malloc(o->size + 1);
	if (out == NULL || in == NULL)
		return -1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	unsigned ok = 0, bad = 0;
	sctp_assoc_t id = 0;
	for (unsigned i = 0; i < o->count; i++) {
		for (unsigned k = 0; k < o->size; k++)
			out[k] = pat(i, k);
		struct sctp_sndrcvinfo si = {.sinfo_stream = (uint16_t)(i % o->streams),
					     .sinfo_ppid = htonl(i)};
		int fl;
		if (xfer(sd, 1, out, o->size, o->seqpacket ? &srv : NULL, o->seqpacket ? sl : 0,
			 &si, &fl) != (ssize_t)o->size) {
			perror("sctp-echo: sendmsg");
			bad++;
			break;
		}
		ssize_t n;
		for (;;) {
			/* never hang on a lost peer: 10 s per echo */
			struct sctpdk_pollfd p = {.fd = sd, .events = POLLIN};
			if (sctpdk_poll(&p, 1, 10000) != 1) {
				fprintf(stderr, "sctp-echo: no echo of message %u within 10 s\n", i);
				n = -1;
				break;
			}
			n = xfer(sd, 0, in, o->size + 1, NULL, 0, &si, &fl);
			if (n > 0 && (fl & MSG_NOTIFICATION)) {
				const union sctp_notification *nt = (const void *)in;
				if (nt->sn_header.sn_type == SCTP_ASSOC_CHANGE &&
				    nt->sn_assoc_change.sac_state == SCTP_COMM_UP)
					id = nt->sn_assoc_change.sac_assoc_id;
				continue;
			}
			break;
		}
		if (n == (ssize_t)o->size && (fl & MSG_EOR) && si.sinfo_stream == i % o->streams &&
		    si.sinfo_ppid == htonl(i) && memcmp(in, out, o->size) == 0)
			ok++;
		else
			bad++;
		if (n <= 0)
			break;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("sctp-echo: client %s: %u of %u messages echoed intact (%u bytes each, %u "
	       "streams), %u bad, %.0f round trips/s\n",
	       o->seqpacket ? "seqpacket" : "stream", ok, o->count, o->size, o->streams, bad,
	       s > 0 ? ok / s : 0.0);
	int rc = ok == o->count && bad == 0 ? 0 : -1;
	if (o->seqpacket && id != 0) {
		/* graceful end of the association, then its SHUTDOWN_COMP */
		struct sctp_sndrcvinfo eof = {.sinfo_flags = MSG_EOF, .sinfo_assoc_id = id};
		int fl;
		if (xfer(sd, 1, NULL, 0, NULL, 0, &eof, &fl) != 0)
			rc = -1;
		for (int k = 0; k < 100; k++) {
			struct sctpdk_pollfd p = {.fd = sd, .events = POLLIN};
			if (sctpdk_poll(&p, 1, 10000) != 1) {
				rc = -1;
				break;
			}
			ssize_t n = xfer(sd, 0, in, o->size + 1, NULL, 0, &eof, &fl);
			const union sctp_notification *nt = (const void *)in;
			if (n > 0 && (fl & MSG_NOTIFICATION) &&
			    nt->sn_header.sn_type == SCTP_ASSOC_CHANGE &&
			    nt->sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP) {
				printf("sctp-echo: client: SHUTDOWN_COMP\n");
				break;
			}
			if (n < 0) {
				rc = -1;
				break;
			}
		}
	} else if (o->seqpacket) {
		rc = -1;
	}
	sctpdk_close(sd);
	free(out);
	free(in);
	return rc;
}
