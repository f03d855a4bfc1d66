/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * usrsctp baseline workloads over AF_CONN, one thread. See usrsctp_bench.h.
 */
#include "usrsctp_bench.h"

#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <usrsctp.h>

#include <sctpdk/sctpdk_error.h>

#define LINK_SLOTS 8192u /* packets the in-memory link can hold */
#define MAX_MSG (256u * 1024u)
#define PORT_BASE 5001u
#define SETTLE_ROUNDS 100000u /* bound on drive() rounds while waiting for a state */

/*
 * usrsctp keeps its whole stack in process globals, so only one bench
 * object may drive it; this flag is the one piece of shared state here.
 */
static atomic_flag usrsctp_taken = ATOMIC_FLAG_INIT;

/* The in-memory lower layer: a FIFO of packet copies. */
struct link {
	uint8_t *slots;
	uint32_t *lens;
	uint32_t slot_size;
	uint64_t head, tail;
	uint64_t packets, drops;
};

struct sctpdk_usrsctp_bench {
	struct link link; /* its address is the AF_CONN address of both endpoints */
	uint16_t next_port;
	uint8_t *txbuf, *rxbuf;
	uint64_t last_tick_ms;
};

struct pair {
	struct socket *lsn, *cli, *srv;
	uint16_t port;
	bool crc_probed; /* a corrupted packet was rejected (crc_probe) */
};

static uint64_t
now_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * Size the slots for packets of up to mtu bytes (plus slack: usrsctp never
 * exceeds the path MTU, a larger packet would count as a drop). Only called
 * with the link empty.
 */
static int
link_reserve(struct link *l, uint32_t mtu)
{
	uint32_t want = (mtu < 1500 ? 1500 : mtu) + 256;
	uint8_t *slots;

	if (want <= l->slot_size)
		return 0;
	slots = malloc((size_t)LINK_SLOTS * want);
	if (slots == NULL)
		return -1;
	free(l->slots);
	l->slots = slots;
	l->slot_size = want;
	return 0;
}

/* usrsctp calls this for every packet an endpoint sends. */
static int
link_output(void *addr, void *buffer, size_t length, uint8_t tos, uint8_t set_df)
{
	struct link *l = addr;
	uint32_t i;

	if (length > l->slot_size || l->tail - l->head == LINK_SLOTS) {
		l->drops++;
		return 0; /* lost on the wire: SCTP recovers */
	}
	i = (uint32_t)(l->tail % LINK_SLOTS);
	memcpy(l->slots + (size_t)i * l->slot_size, buffer, length);
	l->lens[i] = (uint32_t)length;
	l->tail++;
	return 0;
}

/*
 * Deliver queued packets, including those generated while delivering, and
 * advance usrsctp's clock. The slot stays owned until conninput returns.
 */
static void
drive(struct sctpdk_usrsctp_bench *b)
{
	struct link *l = &b->link;
	uint64_t ms;

	while (l->head != l->tail) {
		uint32_t i = (uint32_t)(l->head % LINK_SLOTS);

		usrsctp_conninput(l, l->slots + (size_t)i * l->slot_size, l->lens[i], 0);
		l->head++;
		l->packets++;
	}
	ms = now_ns(CLOCK_MONOTONIC_COARSE) / 1000000ull;
	if (ms != b->last_tick_ms) {
		usrsctp_handle_timers((uint32_t)(ms - b->last_tick_ms));
		b->last_tick_ms = ms;
	}
}

static void
conn_addr(struct sctpdk_usrsctp_bench *b, uint16_t port, struct sockaddr_conn *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->sconn_family = AF_CONN;
	sc->sconn_port = htons(port);
	sc->sconn_addr = &b->link;
}

static int
set_opts(struct socket *so, const struct sctpdk_usrsctp_bench_cfg *cfg, bool nodelay)
{
	struct sctp_initmsg init;
	int on = 1, v;

	memset(&init, 0, sizeof(init));
	init.sinit_num_ostreams = cfg->streams;
	init.sinit_max_instreams = cfg->streams;
	if (usrsctp_set_non_blocking(so, 1) < 0 ||
	    usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_INITMSG, &init, sizeof(init)) < 0)
		return -1;
	if (nodelay && usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_NODELAY, &on, sizeof(on)) < 0)
		return -1;
	v = (int)cfg->sndbuf;
	if (v > 0 && usrsctp_setsockopt(so, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)) < 0)
		return -1;
	v = (int)cfg->rcvbuf;
	if (v > 0 && usrsctp_setsockopt(so, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)) < 0)
		return -1;
	return 0;
}

/* Fix the path MTU of a connected one-to-one socket (PMTU discovery off). */
static int
set_mtu(struct socket *so, uint32_t mtu)
{
	struct sctp_paddrparams pp;

	memset(&pp, 0, sizeof(pp));
	/* All paths: family AF_CONN with no address (an unspecified family is refused). */
	((struct sockaddr_conn *)&pp.spp_address)->sconn_family = AF_CONN;
	pp.spp_flags = SPP_PMTUD_DISABLE;
	pp.spp_pathmtu = mtu;
	return usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof(pp));
}

static uint32_t
get_mtu(struct socket *so)
{
	struct sctp_status st;
	socklen_t len = sizeof(st);

	memset(&st, 0, sizeof(st));
	if (usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_STATUS, &st, &len) < 0)
		return 0;
	return st.sstat_primary.spinfo_mtu;
}

static struct socket *
new_socket(void)
{
	return usrsctp_socket(AF_CONN, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0, NULL);
}

static uint16_t
take_ports(struct sctpdk_usrsctp_bench *b)
{
	uint16_t p = b->next_port;

	b->next_port = (uint16_t)(b->next_port + 2);
	if (b->next_port > 40000)
		b->next_port = PORT_BASE;
	return p;
}

/* Listening socket on a fresh port. */
static struct socket *
open_listener(struct sctpdk_usrsctp_bench *b, const struct sctpdk_usrsctp_bench_cfg *cfg,
	      bool nodelay, uint16_t port)
{
	struct sockaddr_conn sc;
	struct socket *so = new_socket();

	conn_addr(b, port, &sc);
	if (so == NULL || set_opts(so, cfg, nodelay) < 0 ||
	    usrsctp_bind(so, (struct sockaddr *)&sc, sizeof(sc)) < 0 ||
	    usrsctp_listen(so, 128) < 0) {
		fprintf(stderr, "usrsctp-bench: listener on port %u: %s\n", port, strerror(errno));
		if (so != NULL)
			usrsctp_close(so);
		return NULL;
	}
	return so;
}

/* Connect a client (bound to local_port, 0 for ephemeral) and accept it. */
static int
connect_accept(struct sctpdk_usrsctp_bench *b, const struct sctpdk_usrsctp_bench_cfg *cfg,
	       bool nodelay, struct socket *lsn, uint16_t port, uint16_t local_port,
	       struct socket **cli, struct socket **srv)
{
	struct sockaddr_conn sc;
	unsigned i;

	*srv = NULL;
	*cli = new_socket();
	if (*cli == NULL || set_opts(*cli, cfg, nodelay) < 0)
		goto fail;
	if (local_port != 0) {
		conn_addr(b, local_port, &sc);
		if (usrsctp_bind(*cli, (struct sockaddr *)&sc, sizeof(sc)) < 0)
			goto fail;
	}
	conn_addr(b, port, &sc);
	if (usrsctp_connect(*cli, (struct sockaddr *)&sc, sizeof(sc)) < 0 && errno != EINPROGRESS)
		goto fail;
	for (i = 0; i < SETTLE_ROUNDS; i++) {
		drive(b);
		*srv = usrsctp_accept(lsn, NULL, NULL);
		if (*srv != NULL)
			break;
		if (errno != EWOULDBLOCK && errno != EAGAIN)
			goto fail;
	}
	if (*srv == NULL || usrsctp_set_non_blocking(*srv, 1) < 0)
		goto fail;
	drive(b);
	return 0;
fail:
	fprintf(stderr, "usrsctp-bench: association setup failed: %s\n", strerror(errno));
	if (*cli != NULL)
		usrsctp_close(*cli);
	if (*srv != NULL)
		usrsctp_close(*srv);
	*cli = *srv = NULL;
	return -1;
}

/* Close everything and let the shutdown handshakes run to the end. */
static void
pair_close(struct sctpdk_usrsctp_bench *b, struct pair *p)
{
	unsigned i;

	if (p->cli != NULL)
		usrsctp_close(p->cli);
	if (p->srv != NULL)
		usrsctp_close(p->srv);
	if (p->lsn != NULL)
		usrsctp_close(p->lsn);
	for (i = 0; i < 1000; i++)
		drive(b);
	memset(p, 0, sizeof(*p));
}

/* Read what is there; counts whole messages (MSG_EOR). Returns bytes read. */
static uint64_t
drain_socket(struct sctpdk_usrsctp_bench *b, struct socket *so, uint64_t *msgs)
{
	uint64_t bytes = 0;

	for (;;) {
		struct sockaddr_conn from;
		socklen_t fromlen = sizeof(from), infolen = 0;
		unsigned int infotype = 0;
		int flags = 0;
		ssize_t n = usrsctp_recvv(so, b->rxbuf, MAX_MSG, (struct sockaddr *)&from, &fromlen,
					  NULL, &infolen, &infotype, &flags);

		if (n <= 0)
			break;
		bytes += (uint64_t)n;
		if (flags & MSG_EOR)
			(*msgs)++;
	}
	return bytes;
}

/*
 * Prove that the receiver verifies CRC32c: usrsctp counts packets it
 * checksums on send, but on the AF_CONN input path it verifies without
 * counting. Send one byte, deliver a corrupted copy of its packet first
 * (it must be dropped as a checksum error), then the genuine one (it must
 * arrive). Returns 0 when both happened.
 */
static int
crc_probe(struct sctpdk_usrsctp_bench *b, struct pair *p)
{
	struct sctp_sndinfo si;
	struct sctpstat s0, s1;
	struct link *l = &b->link;
	uint64_t msgs = 0;
	uint8_t *copy;
	uint32_t len;
	unsigned i;

	drive(b);
	memset(&si, 0, sizeof(si));
	if (usrsctp_sendv(p->cli, b->txbuf, 1, NULL, 0, &si, sizeof(si), SCTP_SENDV_SNDINFO, 0) < 0 ||
	    l->head == l->tail)
		return -1;
	len = l->lens[l->head % LINK_SLOTS];
	copy = malloc(len);
	if (copy == NULL)
		return -1;
	memcpy(copy, l->slots + (size_t)(l->head % LINK_SLOTS) * l->slot_size, len);
	copy[len - 1] ^= 0x5a;
	usrsctp_get_stat(&s0);
	usrsctp_conninput(l, copy, len, 0);
	usrsctp_get_stat(&s1);
	free(copy);
	for (i = 0; i < 100 && msgs == 0; i++) {
		drive(b);
		drain_socket(b, p->srv, &msgs);
	}
	return s1.sctps_checksumerrors - s0.sctps_checksumerrors == 1 && msgs == 1 ? 0 : -1;
}

static int
pair_open(struct sctpdk_usrsctp_bench *b, const struct sctpdk_usrsctp_bench_cfg *cfg,
	  bool nodelay, struct pair *p)
{
	memset(p, 0, sizeof(*p));
	p->port = take_ports(b);
	p->lsn = open_listener(b, cfg, nodelay, p->port);
	if (p->lsn == NULL)
		return -1;
	if (connect_accept(b, cfg, nodelay, p->lsn, p->port, (uint16_t)(p->port + 1), &p->cli,
			   &p->srv) < 0) {
		usrsctp_close(p->lsn);
		return -1;
	}
	if (crc_probe(b, p) < 0) {
		fprintf(stderr, "usrsctp-bench: the receiver did not reject a corrupted packet\n");
		pair_close(b, p);
		return -1;
	}
	p->crc_probed = true;
	if (cfg->mtu != 0 && (set_mtu(p->cli, cfg->mtu) < 0 || set_mtu(p->srv, cfg->mtu) < 0)) {
		fprintf(stderr, "usrsctp-bench: cannot set MTU %u: %s\n", cfg->mtu, strerror(errno));
		pair_close(b, p);
		return -1;
	}
	return 0;
}

static ssize_t
send_msg(struct sctpdk_usrsctp_bench *b, struct socket *so,
	 const struct sctpdk_usrsctp_bench_cfg *cfg, uint16_t sid)
{
	struct sctp_sndinfo si;

	memset(&si, 0, sizeof(si));
	si.snd_sid = sid;
	si.snd_flags = cfg->unordered ? SCTP_UNORDERED : 0;
	return usrsctp_sendv(so, b->txbuf, cfg->msg_size, NULL, 0, &si, sizeof(si),
			     SCTP_SENDV_SNDINFO, 0);
}

static int
run_bulk(struct sctpdk_usrsctp_bench *b, const struct sctpdk_usrsctp_bench_cfg *cfg,
	 struct sctpdk_usrsctp_bench_result *res)
{
	struct pair p;
	uint64_t t0, c0, end, now, sent = 0, msgs = 0, bytes = 0;
	uint16_t sid = 0;
	unsigned iter = 0;

	if (pair_open(b, cfg, cfg->nodelay, &p) < 0)
		return SCTPDK_ERR_STATE;
	res->mtu = get_mtu(p.cli);
	res->crc_rejects_corrupt = p.crc_probed;
	t0 = now_ns(CLOCK_MONOTONIC);
	c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	end = t0 + (uint64_t)(cfg->duration_s * 1e9);
	do {
		int k;

		for (k = 0; k < 64; k++) {
			if (send_msg(b, p.cli, cfg, sid) < 0) {
				if (errno != EWOULDBLOCK && errno != EAGAIN) {
					fprintf(stderr, "usrsctp-bench: send: %s\n", strerror(errno));
					pair_close(b, &p);
					return SCTPDK_ERR_STATE;
				}
				break;
			}
			sent++;
			sid = (uint16_t)((sid + 1) % cfg->streams);
		}
		drive(b);
		bytes += drain_socket(b, p.srv, &msgs);
		drive(b);
		now = (++iter & 7) == 0 ? now_ns(CLOCK_MONOTONIC) : t0;
	} while (now < end);
	res->cpu_s = (double)(now_ns(CLOCK_PROCESS_CPUTIME_ID) - c0) / 1e9;
	res->wall_s = (double)(now - t0) / 1e9;
	res->messages = msgs;
	res->bytes = bytes;
	pair_close(b, &p);
	if (msgs == 0 || bytes < msgs * cfg->msg_size) {
		fprintf(stderr, "usrsctp-bench: bulk %u B moved %" PRIu64 " messages, %" PRIu64
			" bytes (sent %" PRIu64 ")\n", cfg->msg_size, msgs, bytes, sent);
		return SCTPDK_ERR_STATE;
	}
	return 0;
}

/* Wait until one whole message is read from so. Returns 0 or -1. */
static int
recv_one(struct sctpdk_usrsctp_bench *b, struct socket *so, uint64_t *bytes)
{
	uint64_t msgs = 0;
	unsigned i;

	for (i = 0; i < SETTLE_ROUNDS && msgs == 0; i++) {
		*bytes += drain_socket(b, so, &msgs);
		if (msgs == 0)
			drive(b);
	}
	return msgs == 1 ? 0 : -1;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static double
percentile_us(const uint64_t *v, uint64_t n, double q)
{
	uint64_t i = (uint64_t)(q * (double)(n - 1) + 0.5);

	return (double)v[i] / 1000.0;
}

static int
run_rr(struct sctpdk_usrsctp_bench *b, const struct sctpdk_usrsctp_bench_cfg *cfg,
       struct sctpdk_usrsctp_bench_result *res)
{
	struct pair p;
	uint64_t t0, c0, end, now, n = 0, cap = 1u << 20, bytes = 0;
	uint64_t *rtt = malloc(cap * sizeof(*rtt));
	int rc = 0;

	if (rtt == NULL)
		return SCTPDK_ERR_NOMEM;
	if (pair_open(b, cfg, true, &p) < 0) {
		free(rtt);
		return SCTPDK_ERR_STATE;
	}
	res->mtu = get_mtu(p.cli);
	res->crc_rejects_corrupt = p.crc_probed;
	t0 = now_ns(CLOCK_MONOTONIC);
	c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	end = t0 + (uint64_t)(cfg->duration_s * 1e9);
	now = t0;
	while (now < end) {
		uint64_t start = now;

		if (send_msg(b, p.cli, cfg, 0) < 0)
			rc = -1;
		drive(b);
		if (rc == 0)
			rc = recv_one(b, p.srv, &bytes);
		if (rc == 0 && send_msg(b, p.srv, cfg, 0) < 0)
			rc = -1;
		drive(b);
		if (rc == 0)
			rc = recv_one(b, p.cli, &bytes);
		if (rc != 0) {
			fprintf(stderr, "usrsctp-bench: round trip %" PRIu64 " failed: %s\n", n,
				strerror(errno));
			break;
		}
		now = now_ns(CLOCK_MONOTONIC);
		if (n == cap) {
			uint64_t *bigger = realloc(rtt, 2 * cap * sizeof(*rtt));

			if (bigger == NULL) {
				rc = -1;
				break;
			}
			rtt = bigger;
			cap *= 2;
		}
		rtt[n++] = now - start;
	}
	res->cpu_s = (double)(now_ns(CLOCK_PROCESS_CPUTIME_ID) - c0) / 1e9;
	res->wall_s = (double)(now - t0) / 1e9;
	res->messages = n;
	res->bytes = bytes;
	if (n > 0) {
		qsort(rtt, n, sizeof(*rtt), cmp_u64);
		res->rtt_p50_us = percentile_us(rtt, n, 0.50);
		res->rtt_p99_us = percentile_us(rtt, n, 0.99);
		res->rtt_p999_us = percentile_us(rtt, n, 0.999);
	}
	free(rtt);
	pair_close(b, &p);
	return rc == 0 && n > 0 ? 0 : SCTPDK_ERR_STATE;
}

/* One association: connect, accept, client closes gracefully, server closes. */
static int
setup_cycle(struct sctpdk_usrsctp_bench *b, const struct sctpdk_usrsctp_bench_cfg *cfg,
	    struct socket *lsn, uint16_t port)
{
	struct socket *cli, *srv;

	if (connect_accept(b, cfg, false, lsn, port, 0, &cli, &srv) < 0)
		return -1;
	usrsctp_close(cli); /* nothing unread: SHUTDOWN, not ABORT */
	drive(b);
	usrsctp_close(srv);
	drive(b);
	return 0;
}

static int
run_setup(struct sctpdk_usrsctp_bench *b, const struct sctpdk_usrsctp_bench_cfg *cfg,
	  struct sctpdk_usrsctp_bench_result *res)
{
	struct sctpstat s0, s1;
	struct socket *lsn;
	struct pair probe;
	uint64_t t0, c0, end, now, n = 0;
	uint16_t port;
	unsigned i;
	int rc = 0;

	/* The checksum probe needs an association with data: use a throw-away pair. */
	if (pair_open(b, cfg, false, &probe) < 0)
		return SCTPDK_ERR_STATE;
	res->mtu = get_mtu(probe.cli);
	res->crc_rejects_corrupt = probe.crc_probed;
	pair_close(b, &probe);
	port = take_ports(b);
	lsn = open_listener(b, cfg, false, port);
	if (lsn == NULL)
		return SCTPDK_ERR_STATE;
	usrsctp_get_stat(&s0);
	t0 = now_ns(CLOCK_MONOTONIC);
	c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	end = t0 + (uint64_t)(cfg->duration_s * 1e9);
	now = t0;
	while (now < end) {
		if (setup_cycle(b, cfg, lsn, port) < 0) {
			rc = SCTPDK_ERR_STATE;
			break;
		}
		n++;
		now = now_ns(CLOCK_MONOTONIC);
	}
	res->cpu_s = (double)(now_ns(CLOCK_PROCESS_CPUTIME_ID) - c0) / 1e9;
	res->wall_s = (double)(now - t0) / 1e9;
	usrsctp_close(lsn);
	for (i = 0; i < 1000; i++)
		drive(b);
	usrsctp_get_stat(&s1);
	res->messages = n;
	res->assocs_established = s1.sctps_activeestab - s0.sctps_activeestab;
	res->assocs_aborted = s1.sctps_aborted - s0.sctps_aborted;
	if (rc == 0 && (n == 0 || res->assocs_established != n || res->assocs_aborted != 0)) {
		fprintf(stderr, "usrsctp-bench: setup: %" PRIu64 " cycles, %" PRIu64
			" established, %" PRIu64 " aborted\n", n, res->assocs_established,
			res->assocs_aborted);
		rc = SCTPDK_ERR_STATE;
	}
	return rc;
}

int
sctpdk_usrsctp_bench_new(struct sctpdk_usrsctp_bench **out)
{
	struct sctpdk_usrsctp_bench *b;
	size_t i;

	if (atomic_flag_test_and_set(&usrsctp_taken))
		return SCTPDK_ERR_EXISTS;
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		goto nomem;
	b->link.lens = calloc(LINK_SLOTS, sizeof(uint32_t));
	b->txbuf = malloc(MAX_MSG);
	b->rxbuf = malloc(MAX_MSG);
	if (link_reserve(&b->link, 1500) < 0 || b->link.lens == NULL || b->txbuf == NULL || b->rxbuf == NULL)
		goto nomem;
	for (i = 0; i < MAX_MSG; i++)
		b->txbuf[i] = (uint8_t)(i * 131u + 7u);
	b->next_port = PORT_BASE;
	usrsctp_init_nothreads(0, link_output, NULL);
	usrsctp_register_address(&b->link);
	b->last_tick_ms = now_ns(CLOCK_MONOTONIC_COARSE) / 1000000ull;
	*out = b;
	return 0;
nomem:
	if (b != NULL) {
		free(b->link.slots);
		free(b->link.lens);
		free(b->txbuf);
		free(b->rxbuf);
		free(b);
	}
	atomic_flag_clear(&usrsctp_taken);
	return SCTPDK_ERR_NOMEM;
}

int
sctpdk_usrsctp_bench_run(struct sctpdk_usrsctp_bench *b,
			 const struct sctpdk_usrsctp_bench_cfg *cfg,
			 struct sctpdk_usrsctp_bench_result *res)
{
	struct sctpstat s0, s1;
	uint64_t pk0, dr0;
	int rc;

	if (b == NULL || cfg == NULL || res == NULL || !(cfg->duration_s > 0) ||
	    cfg->streams == 0 || cfg->msg_size > MAX_MSG ||
	    (cfg->kind != SCTPDK_USRSCTP_BENCH_SETUP && cfg->msg_size == 0) ||
	    (cfg->mtu != 0 && (cfg->mtu < 576 || cfg->mtu > 9000)))
		return SCTPDK_ERR_INVAL;
	if (link_reserve(&b->link, cfg->mtu) < 0)
		return SCTPDK_ERR_NOMEM;
	memset(res, 0, sizeof(*res));
	res->kind = cfg->kind;
	res->msg_size = cfg->kind == SCTPDK_USRSCTP_BENCH_SETUP ? 0 : cfg->msg_size;
	usrsctp_get_stat(&s0);
	pk0 = b->link.packets;
	dr0 = b->link.drops;
	switch (cfg->kind) {
	case SCTPDK_USRSCTP_BENCH_BULK:
		rc = run_bulk(b, cfg, res);
		break;
	case SCTPDK_USRSCTP_BENCH_RR:
		rc = run_rr(b, cfg, res);
		break;
	case SCTPDK_USRSCTP_BENCH_SETUP:
		rc = run_setup(b, cfg, res);
		break;
	default:
		return SCTPDK_ERR_INVAL;
	}
	usrsctp_get_stat(&s1);
	res->packets = b->link.packets - pk0;
	res->link_drops = b->link.drops - dr0;
	res->retransmissions = s1.sctps_sendretransdata - s0.sctps_sendretransdata;
	res->crc_computed = s1.sctps_sendswcrc - s0.sctps_sendswcrc;
	/* The probe's corrupted packet is the one expected checksum error. */
	res->crc_errors = s1.sctps_checksumerrors - s0.sctps_checksumerrors -
			  (res->crc_rejects_corrupt ? 1 : 0);
	if (res->wall_s > 0) {
		res->msgs_per_s = (double)res->messages / res->wall_s;
		res->gbit_per_s = (double)res->bytes * 8 / res->wall_s / 1e9;
	}
	if (res->messages > 0)
		res->cpu_us_per_msg = res->cpu_s * 1e6 / (double)res->messages;
	if (res->cpu_s > 0) {
		res->msgs_per_cpu_s = (double)res->messages / res->cpu_s;
		res->gbit_per_cpu_s = (double)res->bytes * 8 / res->cpu_s / 1e9;
		res->cpu_util = res->wall_s > 0 ? res->cpu_s / res->wall_s : 0;
	}
	return rc;
}

void
sctpdk_usrsctp_bench_del(struct sctpdk_usrsctp_bench *b)
{
	unsigned i;

	if (b == NULL)
		return;
	for (i = 0; i < 100 && usrsctp_finish() != 0; i++)
		drive(b);
	usrsctp_deregister_address(&b->link);
	free(b->link.slots);
	free(b->link.lens);
	free(b->txbuf);
	free(b->rxbuf);
	free(b);
	atomic_flag_clear(&usrsctp_taken);
}

const char *
sctpdk_usrsctp_bench_library(void)
{
	Dl_info info;

	if (dladdr((void *)usrsctp_init_nothreads, &info) == 0 || info.dli_fname == NULL)
		return "unknown";
	return info.dli_fname;
}

const char *
sctpdk_usrsctp_bench_kind_name(enum sctpdk_usrsctp_bench_kind kind)
{
	switch (kind) {
	case SCTPDK_USRSCTP_BENCH_BULK:
		return "bulk";
	case SCTPDK_USRSCTP_BENCH_RR:
		return "rr";
	case SCTPDK_USRSCTP_BENCH_SETUP:
		return "setup";
	}
	return "?";
}

void
sctpdk_usrsctp_bench_print(FILE *f, const struct sctpdk_usrsctp_bench_result *res, unsigned n)
{
	unsigned i;

	fprintf(f, "%-6s %6s %5s %11s %7s %11s %8s %10s %5s %8s %8s %8s %7s\n", "work", "size",
		"mtu", "msgs/s", "Gbit/s", "msgs/cpu-s", "Gbit/cpu", "cpu_us/msg", "util",
		"p50_us", "p99_us", "p999_us", "rtx");
	for (i = 0; i < n; i++) {
		const struct sctpdk_usrsctp_bench_result *r = &res[i];

		fprintf(f, "%-6s %6u %5u %11.0f %7.3f %11.0f %8.3f %10.3f %5.2f",
			sctpdk_usrsctp_bench_kind_name(r->kind), r->msg_size, r->mtu, r->msgs_per_s,
			r->gbit_per_s, r->msgs_per_cpu_s, r->gbit_per_cpu_s, r->cpu_us_per_msg,
			r->cpu_util);
		if (r->kind == SCTPDK_USRSCTP_BENCH_RR)
			fprintf(f, " %8.2f %8.2f %8.2f", r->rtt_p50_us, r->rtt_p99_us, r->rtt_p999_us);
		else
			fprintf(f, " %8s %8s %8s", "-", "-", "-");
		fprintf(f, " %7" PRIu64 "\n", r->retransmissions);
	}
}

void
sctpdk_usrsctp_bench_json(FILE *f, const struct sctpdk_usrsctp_bench_result *res, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		const struct sctpdk_usrsctp_bench_result *r = &res[i];

		fprintf(f, "%s    {\"workload\": \"%s\", \"msg_size\": %u, \"mtu\": %u, "
			"\"messages\": %" PRIu64 ", \"bytes\": %" PRIu64 ", "
			"\"wall_s\": %.6f, \"cpu_s\": %.6f, \"msgs_per_s\": %.1f, "
			"\"gbit_per_s\": %.4f, \"cpu_us_per_msg\": %.4f, "
			"\"msgs_per_cpu_s\": %.1f, \"gbit_per_cpu_s\": %.4f, \"cpu_util\": %.3f, ",
			i ? ",\n" : "", sctpdk_usrsctp_bench_kind_name(r->kind), r->msg_size,
			r->mtu, r->messages, r->bytes, r->wall_s, r->cpu_s, r->msgs_per_s,
			r->gbit_per_s, r->cpu_us_per_msg, r->msgs_per_cpu_s, r->gbit_per_cpu_s,
			r->cpu_util);
		fprintf(f, "\"rtt_p50_us\": %.3f, \"rtt_p99_us\": %.3f, \"rtt_p999_us\": %.3f, ",
			r->rtt_p50_us, r->rtt_p99_us, r->rtt_p999_us);
		fprintf(f, "\"packets\": %" PRIu64 ", \"link_drops\": %" PRIu64 ", "
			"\"retransmissions\": %" PRIu64 ", \"crc_computed\": %" PRIu64 ", "
			"\"crc_rejects_corrupt\": %s, \"crc_errors\": %" PRIu64 ", "
			"\"assocs_established\": %" PRIu64 ", \"assocs_aborted\": %" PRIu64 "}",
			r->packets, r->link_drops, r->retransmissions, r->crc_computed,
			r->crc_rejects_corrupt ? "true" : "false", r->crc_errors, r->assocs_established, r->assocs_aborted);
	}
	if (n > 0)
		fprintf(f, "\n");
}
