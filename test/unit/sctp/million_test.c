/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The million-message scenario: two endpoints over a clean simulated link
 * move SCTPDK_MILLION_MSGS messages (default 1,000,000; half in each
 * direction, both directions at once) of random sizes 1 B..64 KiB over 16
 * streams, mixed ordered and unordered. Every message must arrive exactly
 * once, byte-exact, ordered ones in per-stream order; then a graceful
 * shutdown ends with SHUTDOWN_COMP on both sides. Prints simulated and
 * wall-clock seconds.
 *
 * Sizes are log-uniform over 1..65536 (each power-of-two range equally
 * likely, so tiny, MTU-sized and 64 KiB messages all occur often), or
 * uniform with SCTPDK_MILLION_DIST=uniform (32 GiB in all, a benchmark
 * rather than a test); the PPID carries the message number so the
 * receiver can check everything.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk_crc32c.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"

#define N_STREAMS 16
#define MAX_MSG 65536
#define PAT_EXTRA 4096
#define QUEUE_TARGET (512u * 1024u)

struct mdir {
	uint32_t n;        /* messages in this direction */
	uint32_t *len;     /* per message */
	uint8_t *sid;
	uint8_t *unordered;
	uint8_t *seen;
	uint32_t next_send;
	uint32_t received;
	uint64_t bytes;
	int32_t last_ordered[N_STREAMS];
	uint32_t errors;
};

struct mnode {
	struct sctpdk_sim *sim;
	struct sctpdk_sctp_ep *ep;
	struct sctpdk_addr addr;
	uint64_t rng;
	sctpdk_assoc_id_t id;
	struct mdir *tx; /* what this node sends */
	struct mdir *rx; /* what this node receives */
	int up;
	int shutdown_comp;
	int shutdown_ev;
	uint32_t bad_crc;
	uint32_t other_events;
};

static uint8_t *pattern;
static struct rte_mempool *mpool;

static void
rnd(void *ctx, void *buf, size_t len)
{
	struct mnode *n = ctx;
	uint8_t *p = buf;
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)(sctpdk_test_rand(&n->rng) >> 32);
}

static void
out(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src, const struct sctpdk_addr *dst)
{
	struct mnode *n = ctx;
	sctpdk_sim_send(n->sim, pkt, src, dst);
}

static const uint8_t *
content(uint32_t k)
{
	return pattern + (k * 2654435761u) % PAT_EXTRA;
}

static struct rte_mbuf *
make_msg(uint32_t k, uint32_t len)
{
	unsigned nseg = (len + 2047) / 2048;
	struct rte_mbuf *segs[32];
	if (rte_pktmbuf_alloc_bulk(mpool, segs, nseg) != 0)
		return NULL;
	const uint8_t *src = content(k);
	for (unsigned i = 0; i < nseg; i++) {
		uint32_t n = len - i * 2048 < 2048 ? len - i * 2048 : 2048;
		memcpy(rte_pktmbuf_append(segs[i], (uint16_t)n), src + i * 2048, n);
		if (i > 0)
			rte_pktmbuf_chain(segs[0], segs[i]);
	}
	return segs[0];
}

static void
refill(struct mnode *n, uint64_t now)
{
	if (!n->up || n->tx->next_send >= n->tx->n)
		return;
	struct sctpdk_sctp_assoc_info info;
	if (sctpdk_sctp_assoc_info(n->ep, n->id, &info) != 0)
		return;
	uint32_t queued = info.queued_bytes;
	struct mdir *d = n->tx;
	while (d->next_send < d->n && queued < QUEUE_TARGET) {
		uint32_t k = d->next_send;
		struct rte_mbuf *m = make_msg(k, d->len[k]);
		if (m == NULL)
			break;
		int rc = sctpdk_sctp_send(n->ep, n->id, d->sid[k], k,
					  d->unordered[k] ? SCTPDK_SEND_UNORDERED : 0, 0, k, m, now);
		if (rc != 0) {
			rte_pktmbuf_free(m);
			break;
		}
		queued += d->len[k];
		d->next_send++;
	}
}

static void
check_msg(struct mdir *d, const struct sctpdk_sctp_event *ev)
{
	uint32_t k = ev->u.data.ppid;
	if (k >= d->n || d->seen[k]) {
		d->errors++;
		return;
	}
	d->seen[k] = 1;
	d->received++;
	d->bytes += ev->u.data.len;
	bool uo = (ev->u.data.flags & SCTPDK_MSG_UNORDERED) != 0;
	if (ev->u.data.sid != d->sid[k] || ev->u.data.len != d->len[k] || uo != d->unordered[k] ||
	    rte_pktmbuf_pkt_len(ev->u.data.msg) != d->len[k]) {
		d->errors++;
		return;
	}
	if (!uo) {
		if ((int64_t)k <= d->last_ordered[ev->u.data.sid])
			d->errors++;
		d->last_ordered[ev->u.data.sid] = (int32_t)k;
	}
	const uint8_t *want = content(k);
	uint32_t off = 0;
	for (const struct rte_mbuf *s = ev->u.data.msg; s != NULL; s = s->next) {
		if (memcmp(rte_pktmbuf_mtod(s, const uint8_t *), want + off, s->data_len) != 0) {
			d->errors++;
			return;
		}
		off += s->data_len;
	}
}

static void
drain(struct mnode *n, uint64_t now)
{
	struct sctpdk_sctp_event ev[64];
	unsigned k;
	while ((k = sctpdk_sctp_event_poll(n->ep, ev, 64)) > 0) {
		for (unsigned i = 0; i < k; i++) {
			struct sctpdk_sctp_event *e = &ev[i];
			if (e->type == SCTPDK_EV_DATA) {
				check_msg(n->rx, e);
			} else if (e->type == SCTPDK_EV_ASSOC_CHANGE) {
				if (e->u.assoc_change.state == SCTPDK_COMM_UP) {
					n->up = 1;
					n->id = e->assoc_id;
				} else if (e->u.assoc_change.state == SCTPDK_SHUTDOWN_COMP) {
					n->shutdown_comp++;
				} else {
					n->other_events++;
				}
			} else if (e->type == SCTPDK_EV_SHUTDOWN) {
				n->shutdown_ev++;
			} else {
				n->other_events++;
			}
			sctpdk_sctp_event_release(e);
		}
	}
	refill(n, now);
}

static void
m_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	const struct sctpdk_addr *dst, uint64_t now)
{
	struct mnode *n = ctx;
	if (!sctpdk_sctp_cksum_ok(pkt, 0)) {
		n->bad_crc++;
		rte_pktmbuf_free(pkt);
		return;
	}
	sctpdk_sctp_input(n->ep, pkt, src, dst, now);
	drain(n, now);
}

static void
m_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now)
{
	struct mnode *n = ctx;
	sctpdk_sctp_timer(n->ep, now);
	drain(n, now);
}

static uint64_t
m_deadline(void *ctx)
{
	struct mnode *n = ctx;
	return sctpdk_sctp_next_deadline(n->ep);
}

static const struct sctpdk_sim_node_ops mops = {
	.input = m_input, .timer = m_timer, .next_deadline = m_deadline};

static int uniform_sizes; /* SCTPDK_MILLION_DIST=uniform */

static void
mdir_init(struct mdir *d, uint32_t n, uint64_t seed)
{
	memset(d, 0, sizeof(*d));
	d->n = n;
	d->len = calloc(n, sizeof(*d->len));
	d->sid = calloc(n, 1);
	d->unordered = calloc(n, 1);
	d->seen = calloc(n, 1);
	CU_ASSERT_FATAL(d->len && d->sid && d->unordered && d->seen);
	for (int s = 0; s < N_STREAMS; s++)
		d->last_ordered[s] = -1;
	uint64_t st = seed;
	for (uint32_t k = 0; k < n; k++) {
		uint64_t r = sctpdk_test_rand(&st);
		/* log-uniform in [1, 65536], or uniform when asked */
		double u = (double)(r >> 11) / (double)(1ull << 53);
		uint32_t len = uniform_sizes ? 1 + (uint32_t)(u * MAX_MSG)
					     : (uint32_t)exp(u * log(65536.0 + 1.0));
		if (len < 1)
			len = 1;
		if (len > MAX_MSG)
			len = MAX_MSG;
		d->len[k] = len;
		d->sid[k] = (uint8_t)((r >> 3) % N_STREAMS);
		d->unordered[k] = (r & 7) < 3; /* 3/8 unordered */
	}
	/* The extremes always occur. */
	if (n > 4) {
		d->len[0] = 1;
		d->len[1] = MAX_MSG;
		d->len[2] = 1452;
		d->len[3] = 1453;
	}
}

static void
mdir_free(struct mdir *d)
{
	free(d->len);
	free(d->sid);
	free(d->unordered);
	free(d->seen);
}

static int
not_done(void *arg)
{
	struct mnode *nodes = arg;
	return !(nodes[0].rx->received == nodes[0].rx->n && nodes[1].rx->received == nodes[1].rx->n);
}

static int
not_closed(void *arg)
{
	struct mnode *nodes = arg;
	return !(nodes[0].shutdown_comp && nodes[1].shutdown_comp);
}

static double
wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void
test_million_messages(void)
{
	const char *env = getenv("SCTPDK_MILLION_MSGS");
	uint32_t total = env != NULL ? (uint32_t)strtoul(env, NULL, 10) : 1000000u;
	if (total < 10)
		total = 10;
	const char *dist = getenv("SCTPDK_MILLION_DIST");
	uniform_sizes = dist != NULL && strcmp(dist, "uniform") == 0;
	printf("\n  million scenario: %u messages (SCTPDK_MILLION_MSGS=%s), sizes %s\n", total,
	       env != NULL ? env : "unset", uniform_sizes ? "uniform" : "log-uniform");
	mpool = rte_pktmbuf_pool_create("million_pool", 65535, 256, 0, 2048 + 128, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mpool);
	pattern = malloc(MAX_MSG + PAT_EXTRA);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pattern);
	uint64_t ps = 12345;
	for (uint32_t i = 0; i < MAX_MSG + PAT_EXTRA; i++)
		pattern[i] = (uint8_t)(sctpdk_test_rand(&ps) >> 40);

	struct mdir a2z, z2a;
	mdir_init(&a2z, total / 2, 1);
	mdir_init(&z2a, total - total / 2, 2);
	struct sctpdk_sim *sim = sctpdk_sim_new(42, mpool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct mnode nodes[2];
	memset(nodes, 0, sizeof(nodes));
	for (int i = 0; i < 2; i++) {
		struct mnode *n = &nodes[i];
		n->sim = sim;
		n->rng = 1000 + (uint64_t)i;
		n->addr = sctpdk_addr_v4(10, 1, 0, (uint8_t)(i + 1));
		n->tx = i == 0 ? &a2z : &z2a;
		n->rx = i == 0 ? &z2a : &a2z;
		struct sctpdk_sctp_config cfg;
		sctpdk_sctp_config_default(&cfg);
		cfg.local_port = (uint16_t)(5000 + i);
		cfg.n_local_addrs = 1;
		cfg.local_addrs[0] = n->addr;
		cfg.listening = i == 1;
		cfg.out_streams = N_STREAMS;
		cfg.rwnd_bytes = 1u << 20;
		cfg.pool = mpool;
		cfg.ops.output = out;
		cfg.ops.random = rnd;
		cfg.ops.ctx = n;
		n->ep = sctpdk_sctp_ep_new(&cfg, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n->ep);
		CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &mops, n, &n->addr, 1) >= 0);
	}
	struct sctpdk_sim_link_cfg lc = {.delay_us = 500};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &nodes[0].addr, &nodes[1].addr, &lc, NULL) >= 0);

	double w0 = wall();
	int64_t id = sctpdk_sctp_associate(nodes[0].ep, &nodes[1].addr, 5001, N_STREAMS, 0);
	CU_ASSERT_FATAL(id > 0);
	sctpdk_sim_node_kick(sim, 0);
	int rc = sctpdk_sim_run_while(sim, not_done, nodes, 3600ull * 1000000);
	CU_ASSERT_EQUAL(rc, 0);
	uint64_t t_data = sctpdk_sim_now_us(sim);
	CU_ASSERT_EQUAL(sctpdk_sctp_shutdown(nodes[0].ep, nodes[0].id, t_data), 0);
	sctpdk_sim_node_kick(sim, 0);
	rc = sctpdk_sim_run_while(sim, not_closed, nodes, 60ull * 1000000);
	CU_ASSERT_EQUAL(rc, 0);
	double w1 = wall();
	uint64_t t_end = sctpdk_sim_now_us(sim);

	CU_ASSERT_EQUAL(a2z.received, a2z.n);
	CU_ASSERT_EQUAL(z2a.received, z2a.n);
	CU_ASSERT_EQUAL(a2z.errors, 0);
	CU_ASSERT_EQUAL(z2a.errors, 0);
	CU_ASSERT_EQUAL(nodes[0].shutdown_comp, 1);
	CU_ASSERT_EQUAL(nodes[1].shutdown_comp, 1);
	CU_ASSERT_EQUAL(nodes[1].shutdown_ev, 1);
	CU_ASSERT_EQUAL(nodes[0].other_events + nodes[1].other_events, 0);
	CU_ASSERT_EQUAL(nodes[0].bad_crc + nodes[1].bad_crc, 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(nodes[0].ep), 0);
	CU_ASSERT_EQUAL(sctpdk_sctp_assoc_count(nodes[1].ep), 0);
	struct sctpdk_sctp_stats sa, sz;
	sctpdk_sctp_stats_get(nodes[0].ep, &sa);
	sctpdk_sctp_stats_get(nodes[1].ep, &sz);
	printf("  %u + %u messages, %" PRIu64 " + %" PRIu64 " bytes delivered exactly once, "
	       "byte-exact, in order\n",
	       a2z.received, z2a.received, a2z.bytes, z2a.bytes);
	printf("  packets: A tx %" PRIu64 " rx %" PRIu64 ", Z tx %" PRIu64 " rx %" PRIu64 "\n",
	       sa.tx_packets, sa.rx_packets, sz.tx_packets, sz.rx_packets);
	printf("  simulated: %.3f s of data + %.3f s shutdown; wall: %.2f s\n",
	       t_data / 1e6, (t_end - t_data) / 1e6, w1 - w0);

	sctpdk_sim_del(sim);
	sctpdk_sctp_ep_del(nodes[0].ep);
	sctpdk_sctp_ep_del(nodes[1].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mpool), 0);
	rte_mempool_free(mpool);
	mdir_free(&a2z);
	mdir_free(&z2a);
	free(pattern);
}

static int
suite_init(void)
{
	return sctpdk_test_eal_init();
}

SCTPDK_TEST_SUITE(sctp_million, suite_init, NULL, SCTPDK_TEST(test_million_messages))
