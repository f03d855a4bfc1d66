/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * --api facade: the application threads of sctp-perf on sctpdk sockets
 * (include/sctpdk/sctpdk_socket.h) over the two stacks.
 *
 * --style stream: one TCP-style client socket per association, each bound
 * to its configured client endpoint (port 5000 + i) and connected to the
 * listening server socket (port 7000), which accepts one socket per
 * association. --style seqpacket: one UDP-style client socket per
 * association (bound likewise; the first send sets the association up),
 * one UDP-style server socket that receives from all of them.
 *
 * Every message goes through sctpdk_sendmsg (SCTP_SNDRCV cmsg: stream,
 * ppid, MSG_UNORDERED) and sctpdk_recvmsg. The client blocks in its sends;
 * readers take what is there with MSG_DONTWAIT and sleep in sctpdk_poll
 * when nothing is.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <rte_cycles.h>

#include <sctpdk/sctpdk_socket.h>

#include "stk.h"

#define FC_MAX 64

struct fc_ctx {
	struct perf_side *s;
	const struct perf_opts *o;
	int n;
	int sd[FC_MAX];
	sctp_assoc_t id[FC_MAX]; /* seqpacket client: association of sd[i] */
	uint16_t next_sid[FC_MAX];
	uint32_t inflight[FC_MAX], next_slot[FC_MAX];
	uint64_t *sent_tsc[FC_MAX];
	int busy[FC_MAX]; /* setup: state of slot i */
	uint8_t *tx_buf;
	struct sockaddr_in srv;
};

static struct sockaddr_in
sin_of(const char *ip, uint16_t port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

static int
sock_new(struct fc_ctx *x, uint16_t port)
{
	const struct perf_opts *o = x->o;
	int sd = sctpdk_socket(AF_INET, o->seqpacket ? SOCK_SEQPACKET : SOCK_STREAM, IPPROTO_SCTP);
	if (sd < 0)
		return -1;
	struct sockaddr_in a = sin_of(x->s->client ? STK_IP_C : STK_IP_S, port);
	if (sctpdk_bind(sd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		int e = errno;
		sctpdk_close(sd);
		errno = e;
		return -1;
	}
	struct sctp_event_subscribe ev;
	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = 1; /* SCTP_SNDRCV on receive: ppid, association */
	ev.sctp_association_event = 1;
	struct sctp_initmsg im = {.sinit_num_ostreams = o->streams,
				  .sinit_max_instreams = o->streams};
	int one = 1;
	int buf = (int)(4 * o->rwnd_bytes);
	if (sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) != 0 ||
	    sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im)) != 0 ||
	    sctpdk_setsockopt(sd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf)) != 0 ||
	    (o->wl == PERF_WL_RR &&
	     sctpdk_setsockopt(sd, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof(one)) != 0)) {
		int e = errno;
		sctpdk_close(sd);
		errno = e;
		return -1;
	}
	return sd;
}

/* sendmsg of len bytes with stream, ppid, flags and association */
static ssize_t
fc_send(struct fc_ctx *x, int sd, const void *to, uint32_t len, uint16_t sid, uint32_t ppid,
	uint16_t sflags, sctp_assoc_t assoc, int flags)
{
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
	struct iovec iov = {.iov_base = x->tx_buf, .iov_len = len};
	struct msghdr h = {.msg_name = (void *)(uintptr_t)to,
			   .msg_namelen = to != NULL ? sizeof(struct sockaddr_in) : 0,
			   .msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	memset(cbuf, 0, sizeof(cbuf));
	struct cmsghdr *c = CMSG_FIRSTHDR(&h);
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDRCV;
	c->cmsg_len = CMSG_LEN(sizeof(struct sctp_sndrcvinfo));
	struct sctp_sndrcvinfo *si = (struct sctp_sndrcvinfo *)CMSG_DATA(c);
	si->sinfo_stream = sid;
	si->sinfo_ppid = ppid;
	si->sinfo_flags = sflags | (x->o->unordered ? MSG_UNORDERED : 0);
	si->sinfo_assoc_id = assoc;
	return sctpdk_sendmsg(sd, &h, flags);
}

/* One message or notification, MSG_DONTWAIT. Returns bytes, 0 for a
 * notification (*note filled), -1 with errno. */
static ssize_t
fc_recv(struct fc_ctx *x, int sd, struct sctp_sndrcvinfo *si, union sctp_notification *note)
{
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
	struct iovec iov = {.iov_base = x->s->rx_buf, .iov_len = PERF_RX_BUF};
	struct msghdr h = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	ssize_t n = sctpdk_recvmsg(sd, &h, MSG_DONTWAIT);
	if (n < 0)
		return -1;
	if (h.msg_flags & MSG_NOTIFICATION) {
		if (note != NULL)
			memcpy(note, x->s->rx_buf,
			       (size_t)n < sizeof(*note) ? (size_t)n : sizeof(*note));
		return 0;
	}
	memset(si, 0, sizeof(*si));
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&h); c != NULL; c = CMSG_NXTHDR(&h, c))
		if (c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == SCTP_SNDRCV)
			memcpy(si, CMSG_DATA(c), sizeof(*si));
	return n == 0 ? -2 : n;
}

/* Sleep until one of the sockets is readable (or 50 ms). */
static void
fc_wait_in(struct fc_ctx *x, const int *sd, int n)
{
	struct sctpdk_pollfd p[FC_MAX];
	for (int i = 0; i < n; i++)
		p[i] = (struct sctpdk_pollfd){.fd = sd[i], .events = POLLIN};
	(void)sctpdk_poll(p, (nfds_t)n, 50);
}

/* ---- setting the associations up ------------------------------------------ */

/* Wait for the COMM_UP of a seqpacket socket (its id). */
static int
await_note(struct fc_ctx *x, int sd, uint16_t state, sctp_assoc_t *id)
{
	uint64_t t0 = perf_now_us();
	while (perf_now_us() - t0 < 5000000 && perf_side_phase(x->s) != PH_DONE) {
		struct sctp_sndrcvinfo si;
		union sctp_notification nt;
		ssize_t r = fc_recv(x, sd, &si, &nt);
		if (r == 0 && nt.sn_header.sn_type == SCTP_ASSOC_CHANGE) {
			if (nt.sn_assoc_change.sac_state == state) {
				if (id != NULL)
					*id = nt.sn_assoc_change.sac_assoc_id;
				return 0;
			}
			if (nt.sn_assoc_change.sac_state != SCTP_COMM_UP)
				return -1;
		} else if (r < 0 && errno == EAGAIN) {
			fc_wait_in(x, &sd, 1);
		}
	}
	return -1;
}

static int
client_open(struct fc_ctx *x)
{
	const struct perf_opts *o = x->o;
	x->n = (int)o->assocs;
	for (int i = 0; i < x->n; i++) {
		x->sd[i] = sock_new(x, (uint16_t)(PERF_CLIENT_PORT + i));
		if (x->sd[i] < 0) {
			perf_side_fail(x->s, "client socket %d: %s", i, strerror(errno));
			return -1;
		}
		if (!o->seqpacket) {
			if (sctpdk_connect(x->sd[i], (struct sockaddr *)&x->srv, sizeof(x->srv)) !=
			    0) {
				perf_side_fail(x->s, "connect %d: %s", i, strerror(errno));
				return -1;
			}
			continue;
		}
		/* implicit setup: SCTP_INIT-less empty send is EINVAL, so the
		 * first message sets the association up; wait for COMM_UP */
		if (fc_send(x, x->sd[i], &x->srv, 4, 0, UINT32_MAX, 0, 0, 0) < 0 ||
		    await_note(x, x->sd[i], SCTP_COMM_UP, &x->id[i]) != 0) {
			perf_side_fail(x->s, "association %d not up: %s", i, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* ---- client ------------------------------------------------------------------ */

static void
client_bulk(struct fc_ctx *x)
{
	struct perf_side *s = x->s;
	const struct perf_opts *o = x->o;
	int i = 0;
	while (perf_side_phase(s) != PH_DONE) {
		if (perf_side_phase(s) == PH_PAUSE) {
			usleep(1000);
			continue;
		}
		uint32_t len = perf_side_size(s);
		ssize_t r = fc_send(x, x->sd[i], NULL, len, x->next_sid[i], 0, 0, x->id[i], 0);
		if (r != (ssize_t)len) {
			perf_side_fail(s, "sendmsg: %s", strerror(errno));
			return;
		}
		s->c.msgs_tx++;
		s->c.bytes_tx += len;
		if (++x->next_sid[i] == o->streams)
			x->next_sid[i] = 0;
		if (++i == x->n)
			i = 0;
	}
}

static int
rr_request(struct fc_ctx *x, int i)
{
	struct perf_side *s = x->s;
	uint32_t slot = x->next_slot[i];
	x->sent_tsc[i][slot] = rte_rdtsc();
	uint32_t len = perf_side_size(s);
	if (fc_send(x, x->sd[i], NULL, len, x->next_sid[i], slot, 0, x->id[i], 0) !=
	    (ssize_t)len) {
		perf_side_fail(s, "sendmsg: %s", strerror(errno));
		return -1;
	}
	if (++x->next_sid[i] == x->o->streams)
		x->next_sid[i] = 0;
	if (++x->next_slot[i] == x->o->depth)
		x->next_slot[i] = 0;
	x->inflight[i]++;
	s->c.msgs_tx++;
	return 0;
}

static void
client_rr(struct fc_ctx *x)
{
	struct perf_side *s = x->s;
	const struct perf_opts *o = x->o;
	for (int i = 0; i < x->n; i++) {
		x->sent_tsc[i] = calloc(o->depth, sizeof(uint64_t));
		if (x->sent_tsc[i] == NULL)
			return;
	}
	while (perf_side_phase(s) != PH_DONE) {
		int work = 0;
		for (int i = 0; i < x->n; i++) {
			while (x->inflight[i] < o->depth && perf_side_phase(s) != PH_PAUSE)
				if (rr_request(x, i) != 0)
					return;
			struct sctp_sndrcvinfo si;
			ssize_t r;
			while ((r = fc_recv(x, x->sd[i], &si, NULL)) >= 0) {
				if (r == 0)
					continue;
				work++;
				s->c.msgs_rx++;
				s->c.bytes_rx += (uint64_t)r;
				if (si.sinfo_ppid < o->depth && x->inflight[i] > 0) {
					if (perf_side_phase(s) == PH_RUN)
						perf_side_rtt(s, rte_rdtsc() -
								     x->sent_tsc[i][si.sinfo_ppid]);
					x->inflight[i]--;
				}
				if (x->inflight[i] < o->depth && perf_side_phase(s) != PH_PAUSE &&
				    rr_request(x, i) != 0)
					return;
			}
		}
		if (work == 0)
			fc_wait_in(x, x->sd, x->n);
	}
}

/* Setup + graceful teardown cycles, --depth sockets in turn. stream: a
 * new socket bound to the slot's port, blocking connect, close (graceful;
 * the port is bindable again once the shutdown completed). seqpacket:
 * one socket per slot; first message -> COMM_UP, MSG_EOF -> SHUTDOWN_COMP. */
static void
client_setup(struct fc_ctx *x)
{
	struct perf_side *s = x->s;
	const struct perf_opts *o = x->o;
	x->n = (int)o->depth;
	for (int i = 0; i < x->n; i++) {
		x->sd[i] = -1;
		if (o->seqpacket && (x->sd[i] = sock_new(x, (uint16_t)(PERF_CLIENT_PORT + i))) < 0) {
			perf_side_fail(s, "client socket %d: %s", i, strerror(errno));
			return;
		}
	}
	s->up = 1;
	while (perf_side_phase(s) != PH_DONE) {
		int work = 0;
		for (int i = 0; i < x->n && perf_side_phase(s) != PH_DONE; i++) {
			if (!o->seqpacket) {
				int sd = sock_new(x, (uint16_t)(PERF_CLIENT_PORT + i));
				if (sd < 0) {
					if (errno != EADDRINUSE) {
						perf_side_fail(s, "socket: %s", strerror(errno));
						return;
					}
					continue; /* the last shutdown of this port runs */
				}
				if (sctpdk_connect(sd, (struct sockaddr *)&x->srv, sizeof(x->srv)) ==
				    0) {
					s->c.setups++;
					s->c.teardowns++;
					s->c.msgs_rx++;
				} else {
					s->c.drops++;
				}
				sctpdk_close(sd);
				work++;
				continue;
			}
			/* seqpacket: a state machine per slot */
			struct sctp_sndrcvinfo si;
			union sctp_notification nt;
			if (x->busy[i] == 0) {
				if (fc_send(x, x->sd[i], &x->srv, 4, 0, UINT32_MAX, 0, 0, 0) < 0) {
					s->c.drops++;
					continue;
				}
				x->busy[i] = 1;
				work++;
			}
			ssize_t r;
			while ((r = fc_recv(x, x->sd[i], &si, &nt)) >= 0) {
				if (r != 0 || nt.sn_header.sn_type != SCTP_ASSOC_CHANGE)
					continue;
				work++;
				uint16_t st = nt.sn_assoc_change.sac_state;
				if (st == SCTP_COMM_UP) {
					s->c.setups++;
					fc_send(x, x->sd[i], NULL, 0, 0, 0, MSG_EOF,
						nt.sn_assoc_change.sac_assoc_id, 0);
				} else if (st == SCTP_SHUTDOWN_COMP) {
					s->c.teardowns++;
					s->c.msgs_rx++;
					x->busy[i] = 0;
				} else {
					s->c.drops++;
					x->busy[i] = 0;
				}
			}
		}
		if (work == 0 && o->seqpacket)
			fc_wait_in(x, x->sd, x->n);
		else if (work == 0)
			usleep(50);
	}
}

/* ---- server ------------------------------------------------------------------ */

static void
server_run(struct fc_ctx *x)
{
	struct perf_side *s = x->s;
	const struct perf_opts *o = x->o;
	int lsd = sock_new(x, PERF_SERVER_PORT);
	if (lsd < 0 || sctpdk_listen(lsd, 128) != 0) {
		perf_side_fail(s, "server socket: %s", strerror(errno));
		return;
	}
	x->n = 0;
	if (o->seqpacket)
		x->sd[x->n++] = lsd;
	else
		sctpdk_fcntl(lsd, F_SETFL, O_NONBLOCK);
	s->up = 1;
	while (perf_side_phase(s) != PH_DONE) {
		int work = 0;
		if (!o->seqpacket) {
			int a;
			while ((a = sctpdk_accept(lsd, NULL, NULL)) >= 0) {
				work++;
				if (o->wl == PERF_WL_SETUP || x->n == FC_MAX) {
					sctpdk_close(a);
					continue;
				}
				x->sd[x->n++] = a;
			}
		}
		for (int i = 0; i < x->n; i++) {
			struct sctp_sndrcvinfo si;
			ssize_t r;
			while ((r = fc_recv(x, x->sd[i], &si, NULL)) != -1) {
				work++;
				if (r == -2) { /* end of file: the peer closed */
					sctpdk_close(x->sd[i]);
					x->sd[i--] = x->sd[--x->n];
					break;
				}
				if (r == 0)
					continue;
				if (si.sinfo_ppid == UINT32_MAX) /* seqpacket setup message */
					continue;
				s->c.msgs_rx++;
				s->c.bytes_rx += (uint64_t)r;
				if (o->wl != PERF_WL_RR)
					continue;
				memcpy(x->tx_buf, s->rx_buf, (size_t)r);
				if (fc_send(x, x->sd[i], NULL, (uint32_t)r, si.sinfo_stream,
					    si.sinfo_ppid, 0, si.sinfo_assoc_id, 0) != r) {
					perf_side_fail(s, "answer: %s", strerror(errno));
					return;
				}
				s->c.msgs_tx++;
			}
		}
		if (work == 0) {
			int w[FC_MAX + 1];
			int k = 0;
			if (!o->seqpacket)
				w[k++] = lsd;
			for (int i = 0; i < x->n && k < FC_MAX; i++)
				w[k++] = x->sd[i];
			fc_wait_in(x, w, k);
		}
	}
	for (int i = 0; i < x->n; i++)
		if (x->sd[i] != lsd)
			sctpdk_close(x->sd[i]);
	sctpdk_close(lsd);
}

void *
perf_fc_side(void *arg)
{
	struct perf_side *s = arg;
	struct fc_ctx *x = calloc(1, sizeof(*x));
	s->clk_ok = pthread_getcpuclockid(pthread_self(), &s->clk) == 0;
	(void)prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0);
	if (x == NULL || (x->tx_buf = malloc(65536 + 64)) == NULL) {
		perf_side_fail(s, "no memory");
		free(x);
		return NULL;
	}
	x->s = s;
	x->o = s->k->o;
	for (int i = 0; i < FC_MAX; i++)
		x->sd[i] = -1;
	perf_side_fill(x->tx_buf, 65536);
	x->srv = sin_of(STK_IP_S, PERF_SERVER_PORT);
	if (!s->client) {
		server_run(x);
	} else if (x->o->wl == PERF_WL_SETUP) {
		client_setup(x);
		for (int i = 0; i < x->n; i++)
			if (x->sd[i] >= 0)
				sctpdk_close(x->sd[i]);
	} else {
		if (client_open(x) == 0) {
			s->up = 1;
			if (x->o->wl == PERF_WL_RR)
				client_rr(x);
			else
				client_bulk(x);
		}
		for (int i = 0; i < x->n; i++) {
			if (x->sd[i] >= 0)
				sctpdk_close(x->sd[i]);
			free(x->sent_tsc[i]);
		}
	}
	free(x->tx_buf);
	free(x);
	return NULL;
}
