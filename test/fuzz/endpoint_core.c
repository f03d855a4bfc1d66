/* SPDX-License-Identifier: BSD-3-Clause */
/* Endpoint fuzzing core (see endpoint_core.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_sctp.h>

#include "endpoint_core.h"

#define QCAP 256

struct fnode {
	struct sctpdk_sctp_ep *ep;
	struct sctpdk_addr addr;
	uint64_t rng;
	unsigned nq;
	struct rte_mbuf *q[QCAP]; /* packets it sent, not yet delivered */
};

static struct rte_mempool *pool;

/* Seeds collected during setup when requested. */
static uint8_t (*seed_bufs)[2048];
static uint16_t *seed_lens;
static unsigned seed_max, seed_n;

static void
rnd(void *ctx, void *buf, size_t len)
{
	struct fnode *n = ctx;
	uint8_t *p = buf;
	for (size_t i = 0; i < len; i++) {
		n->rng ^= n->rng << 13;
		n->rng ^= n->rng >> 7;
		n->rng ^= n->rng << 17;
		p[i] = (uint8_t)n->rng;
	}
}

static void
out(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src, const struct sctpdk_addr *dst)
{
	struct fnode *n = ctx;
	if (seed_bufs != NULL && seed_n < seed_max) {
		uint32_t len = rte_pktmbuf_pkt_len(pkt);
		if (len > 2048)
			len = 2048;
		const void *p = rte_pktmbuf_read(pkt, 0, len, seed_bufs[seed_n]);
		if (p != seed_bufs[seed_n])
			memcpy(seed_bufs[seed_n], p, len);
		seed_lens[seed_n++] = (uint16_t)len;
	}
	if (n->nq < QCAP)
		n->q[n->nq++] = pkt;
	else
		rte_pktmbuf_free(pkt);
}

int
fuzz_endpoint_init(void)
{
	if (pool != NULL)
		return 0;
	char *argv[] = {"fuzz", "--no-huge", "--no-pci", "--no-shconf", "--no-telemetry",
			"-m", "256", "--log-level=error", NULL};
	if (rte_eal_init(8, argv) < 0)
		return -1;
	pool = rte_pktmbuf_pool_create("fuzz_pool", 8191, 0, 0, 2048 + 128, 0);
	return pool == NULL ? -1 : 0;
}

static void
drain_events(struct fnode *n)
{
	struct sctpdk_sctp_event ev[16];
	unsigned k;
	while ((k = sctpdk_sctp_event_poll(n->ep, ev, 16)) > 0)
		for (unsigned i = 0; i < k; i++)
			sctpdk_sctp_event_release(&ev[i]);
}

static void
drop_queue(struct fnode *n)
{
	for (unsigned i = 0; i < n->nq; i++)
		rte_pktmbuf_free(n->q[i]);
	n->nq = 0;
}

/* Deliver what `from` sent to `to` (count packets, -1 = all). */
static void
deliver(struct fnode *from, struct fnode *to, int count, uint64_t now)
{
	unsigned n = from->nq;
	struct rte_mbuf *q[QCAP];
	memcpy(q, from->q, n * sizeof(q[0]));
	from->nq = 0;
	for (unsigned i = 0; i < n; i++) {
		if (count >= 0 && (int)i >= count) {
			rte_pktmbuf_free(q[i]);
			continue;
		}
		sctpdk_sctp_input(to->ep, q[i], &from->addr, &to->addr, now);
	}
	drain_events(to);
}

static struct rte_mbuf *
small_msg(uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	if (m != NULL)
		memset(rte_pktmbuf_append(m, len), 0x42, len);
	return m;
}

static int
node_init(struct fnode *n, int i)
{
	memset(n, 0, sizeof(*n));
	n->rng = 0x9e3779b97f4a7c15ull + (uint64_t)i;
	n->addr = sctpdk_addr_v4(10, 9, 0, (uint8_t)(i + 1));
	struct sctpdk_sctp_config cfg;
	sctpdk_sctp_config_default(&cfg);
	cfg.local_port = (uint16_t)(5000 + i);
	cfg.n_local_addrs = 1;
	cfg.local_addrs[0] = n->addr;
	cfg.listening = i == 1;
	cfg.rwnd_bytes = 65536;
	cfg.max_events = 1024;
	cfg.pool = pool;
	cfg.ops.output = out;
	cfg.ops.random = rnd;
	cfg.ops.ctx = n;
	n->ep = sctpdk_sctp_ep_new(&cfg, 0);
	return n->ep == NULL ? -1 : 0;
}

static sctpdk_assoc_id_t
only_assoc(struct fnode *n)
{
	/* Ids start at 1 and each endpoint has at most one here. */
	for (sctpdk_assoc_id_t id = 1; id < 8; id++) {
		struct sctpdk_sctp_assoc_info info;
		if (sctpdk_sctp_assoc_info(n->ep, id, &info) == 0)
			return id;
	}
	return 0;
}

static int
state_of(struct fnode *n)
{
	struct sctpdk_sctp_assoc_info info;
	sctpdk_assoc_id_t id = only_assoc(n);
	if (id == 0 || sctpdk_sctp_assoc_info(n->ep, id, &info) != 0)
		return SCTPDK_ST_CLOSED;
	return info.state;
}

/*
 * Drive A (client) and Z (server) so that *target ends in `state`.
 * Returns the state reached by the target.
 */
static int
setup(struct fnode *a, struct fnode *z, int state, struct fnode **target, struct fnode **peer,
      uint64_t *now)
{
	*target = a;
	*peer = z;
	if (state == SCTPDK_ST_CLOSED) {
		*target = z;
		*peer = a;
		return SCTPDK_ST_CLOSED;
	}
	if (sctpdk_sctp_associate(a->ep, &z->addr, 5001, 4, *now) <= 0)
		return -1;
	if (state == SCTPDK_ST_COOKIE_WAIT) {
		drop_queue(a);
		return state_of(a);
	}
	deliver(a, z, -1, *now); /* INIT */
	deliver(z, a, -1, *now); /* INIT ACK */
	if (state == SCTPDK_ST_COOKIE_ECHOED) {
		drop_queue(a);
		return state_of(a);
	}
	deliver(a, z, -1, *now); /* COOKIE ECHO */
	deliver(z, a, -1, *now); /* COOKIE ACK */
	drain_events(a);
	sctpdk_assoc_id_t ida = only_assoc(a), idz = only_assoc(z);
	if (ida == 0 || idz == 0)
		return -1;
	/* Some data each way so the trackers and queues hold state. */
	sctpdk_sctp_send(a->ep, ida, 1, 7, 0, 0, 0, small_msg(300), *now);
	sctpdk_sctp_send(z->ep, idz, 2, 8, SCTPDK_SEND_UNORDERED, 0, 0, small_msg(200), *now);
	deliver(a, z, -1, *now);
	deliver(z, a, -1, *now);
	if (state == SCTPDK_ST_ESTABLISHED)
		return state_of(a);
	if (state == SCTPDK_ST_SHUTDOWN_PENDING) {
		/* Data in flight, not acknowledged: the shutdown waits. */
		sctpdk_sctp_send(a->ep, ida, 0, 1, 0, 0, 0, small_msg(100), *now);
		drop_queue(a);
		sctpdk_sctp_shutdown(a->ep, ida, *now);
		drop_queue(a);
		return state_of(a);
	}
	if (state == SCTPDK_ST_SHUTDOWN_SENT) {
		*now += 300000; /* let delayed SACKs go */
		sctpdk_sctp_timer(a->ep, *now);
		sctpdk_sctp_timer(z->ep, *now);
		deliver(a, z, -1, *now);
		deliver(z, a, -1, *now);
		sctpdk_sctp_shutdown(a->ep, ida, *now);
		drop_queue(a);
		return state_of(a);
	}
	if (state == SCTPDK_ST_SHUTDOWN_RECEIVED) {
		/* Z has unacknowledged data when A's SHUTDOWN arrives. */
		*target = z;
		*peer = a;
		*now += 300000;
		sctpdk_sctp_timer(a->ep, *now);
		sctpdk_sctp_timer(z->ep, *now);
		deliver(a, z, -1, *now);
		deliver(z, a, -1, *now);
		sctpdk_sctp_send(z->ep, idz, 0, 1, 0, 0, 0, small_msg(100), *now);
		drop_queue(z);
		sctpdk_sctp_shutdown(a->ep, ida, *now);
		deliver(a, z, -1, *now);
		drop_queue(z);
		return state_of(z);
	}
	/* SHUTDOWN-ACK-SENT: Z answered A's SHUTDOWN; the ACK is lost. */
	*target = z;
	*peer = a;
	*now += 300000;
	sctpdk_sctp_timer(a->ep, *now);
	sctpdk_sctp_timer(z->ep, *now);
	deliver(a, z, -1, *now);
	deliver(z, a, -1, *now);
	sctpdk_sctp_shutdown(a->ep, ida, *now);
	deliver(a, z, -1, *now);
	drop_queue(z);
	return state_of(z);
}

unsigned
fuzz_endpoint_seeds(int state, uint8_t (*bufs)[2048], uint16_t *lens, unsigned max)
{
	seed_bufs = bufs;
	seed_lens = lens;
	seed_max = max;
	seed_n = 0;
	uint8_t in[2] = {(uint8_t)state, 0};
	fuzz_endpoint_one(in, sizeof(in));
	seed_bufs = NULL;
	return seed_n;
}

int
fuzz_endpoint_one(const uint8_t *data, size_t size)
{
	if (size < 2 || fuzz_endpoint_init() != 0)
		return -1;
	unsigned in_use = rte_mempool_in_use_count(pool);
	struct fnode a, z;
	if (node_init(&a, 0) != 0 || node_init(&z, 1) != 0)
		abort();
	uint64_t now = 1000000;
	struct fnode *t, *p;
	int reached = setup(&a, &z, data[0] % SCTPDK_ST_COUNT, &t, &p, &now);
	uint8_t flags = data[1];
	sctpdk_assoc_id_t tid = only_assoc(t);
	struct sctpdk_sctp_assoc_info info;
	memset(&info, 0, sizeof(info));
	if (tid != 0)
		sctpdk_sctp_assoc_info(t->ep, tid, &info);
	size_t off = 2;
	while (off + 2 <= size) {
		uint16_t len = (uint16_t)(data[off] << 8 | data[off + 1]);
		off += 2;
		if (len > size - off)
			len = (uint16_t)(size - off);
		if (len > 2048)
			len = 2048;
		struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
		if (m == NULL)
			break;
		uint8_t *b = (uint8_t *)rte_pktmbuf_append(m, len);
		memcpy(b, data + off, len);
		off += len;
		if (len >= 12 && (flags & 2)) {
			uint16_t sp = (uint16_t)(t == &a ? 5001 : 5000), dp = (uint16_t)(t == &a ? 5000 : 5001);
			b[0] = (uint8_t)(sp >> 8), b[1] = (uint8_t)sp;
			b[2] = (uint8_t)(dp >> 8), b[3] = (uint8_t)dp;
		}
		if (len >= 12 && (flags & 1)) {
			uint32_t v = info.local_vtag;
			b[4] = (uint8_t)(v >> 24), b[5] = (uint8_t)(v >> 16);
			b[6] = (uint8_t)(v >> 8), b[7] = (uint8_t)v;
		}
		sctpdk_sctp_input(t->ep, m, &p->addr, &t->addr, now);
		drain_events(t);
		if (flags & 4) {
			deliver(t, p, -1, now);
			deliver(p, t, -1, now);
		} else {
			drop_queue(t);
		}
		if (off < size) {
			now += (uint64_t)data[off++] * 10000;
			sctpdk_sctp_timer(t->ep, now);
			sctpdk_sctp_timer(p->ep, now);
			drain_events(t);
			drain_events(p);
			drop_queue(t);
			drop_queue(p);
		}
	}
	/* A final long wait runs every timer to its end. */
	for (int i = 0; i < 64; i++) {
		uint64_t d1 = sctpdk_sctp_next_deadline(t->ep), d2 = sctpdk_sctp_next_deadline(p->ep);
		uint64_t d = d1 < d2 ? d1 : d2;
		if (d == UINT64_MAX)
			break;
		now = d > now ? d : now;
		sctpdk_sctp_timer(t->ep, now);
		sctpdk_sctp_timer(p->ep, now);
		drain_events(t);
		drain_events(p);
		drop_queue(t);
		drop_queue(p);
	}
	drop_queue(&a);
	drop_queue(&z);
	sctpdk_sctp_ep_del(a.ep);
	sctpdk_sctp_ep_del(z.ep);
	if (rte_mempool_in_use_count(pool) != in_use) {
		fprintf(stderr, "fuzz-endpoint: mbuf leak (%u in use, %u before)\n",
			rte_mempool_in_use_count(pool), in_use);
		abort();
	}
	return reached;
}
