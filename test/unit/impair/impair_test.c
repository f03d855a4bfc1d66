/* SPDX-License-Identifier: BSD-3-Clause */
/* Packet impairment (drivers/impair/impair.c). */
#include <stdio.h>
#include <string.h>

#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_impair.h>

#include "sctpdk_test.h"

/* A 64-byte IPv4-typed frame carrying seq in bytes 20..23. */
static struct rte_mbuf *
pkt(uint32_t seq, uint16_t ethertype)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	if (m == NULL)
		return NULL;
	uint8_t *d = (uint8_t *)rte_pktmbuf_append(m, 64);
	memset(d, 0xa5, 64);
	d[12] = (uint8_t)(ethertype >> 8);
	d[13] = (uint8_t)ethertype;
	memcpy(d + 20, &seq, 4);
	return m;
}

static uint32_t
seq_of(const struct rte_mbuf *m)
{
	uint32_t s;
	memcpy(&s, rte_pktmbuf_mtod_offset(m, const uint8_t *, 20), 4);
	return s;
}

static struct sctpdk_impair *
one_rule(uint64_t seed, uint8_t action, uint8_t when, uint32_t ppm, uint64_t n)
{
	struct sctpdk_impair_config cfg;
	sctpdk_impair_config_default(&cfg, seed);
	cfg.pool = sctpdk_test_mbuf_pool();
	struct sctpdk_impair_rule r = {.action = action, .when = when, .ppm = ppm, .n = n};
	if (sctpdk_impair_add_rule(&cfg, &r) != 0)
		return NULL;
	return sctpdk_impair_new(&cfg);
}

/* Push total packets through in bursts of 32; record the output sequence. */
static uint32_t
run(struct sctpdk_impair *imp, uint32_t total, uint32_t *seqs, uint32_t seq_cap, uint64_t now)
{
	uint32_t nout = 0;
	for (uint32_t base = 0; base < total; base += 32) {
		struct rte_mbuf *in[32], *out[128];
		uint16_t n = (uint16_t)(total - base < 32 ? total - base : 32);
		for (uint16_t i = 0; i < n; i++)
			in[i] = pkt(base + i, 0x0800);
		uint16_t k = sctpdk_impair_apply(imp, in, n, out, 128, now);
		for (uint16_t i = 0; i < k; i++) {
			if (nout < seq_cap)
				seqs[nout] = seq_of(out[i]);
			nout++;
			rte_pktmbuf_free(out[i]);
		}
	}
	return nout;
}

static uint32_t seq_a[100000], seq_b[100000];

static void
test_drop_rate_fixed_seed(void)
{
	struct sctpdk_impair *a = one_rule(42, SCTPDK_IMPAIR_DROP, SCTPDK_IMPAIR_PROB, 50000, 0);
	struct sctpdk_impair *b = one_rule(42, SCTPDK_IMPAIR_DROP, SCTPDK_IMPAIR_PROB, 50000, 0);
	struct sctpdk_impair *c = one_rule(43, SCTPDK_IMPAIR_DROP, SCTPDK_IMPAIR_PROB, 50000, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	uint32_t na = run(a, 100000, seq_a, 100000, 0);
	uint32_t nb = run(b, 100000, seq_b, 100000, 0);
	struct sctpdk_impair_stats st;
	sctpdk_impair_stats_get(a, &st);
	CU_ASSERT_EQUAL(st.in, 100000);
	CU_ASSERT_EQUAL(st.dropped + st.out, 100000);
	CU_ASSERT_EQUAL(na, st.out);
	/* 5% +- 0.3% of 100000 */
	CU_ASSERT(st.dropped >= 4700 && st.dropped <= 5300);
	printf(" [dropped %lu of 100000] ", (unsigned long)st.dropped);
	/* same seed: the very same packets survive, in order */
	CU_ASSERT_EQUAL(na, nb);
	CU_ASSERT_EQUAL(memcmp(seq_a, seq_b, na * sizeof(seq_a[0])), 0);
	for (uint32_t i = 1; i < na; i++)
		CU_ASSERT_FATAL(seq_a[i] > seq_a[i - 1]);
	/* another seed: a different selection */
	uint32_t nc = run(c, 100000, seq_b, 100000, 0);
	CU_ASSERT(nc != na || memcmp(seq_a, seq_b, na * sizeof(seq_a[0])) != 0);
	sctpdk_impair_del(a);
	sctpdk_impair_del(b);
	sctpdk_impair_del(c);
}

static void
test_every_nth_and_nth(void)
{
	struct sctpdk_impair *imp = one_rule(1, SCTPDK_IMPAIR_DROP, SCTPDK_IMPAIR_EVERY_NTH, 0, 10);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	uint32_t n = run(imp, 1000, seq_a, 1000, 0);
	CU_ASSERT_EQUAL(n, 900);
	/* packets 10, 20, ... (1-based) are gone: seq 9, 19, ... */
	for (uint32_t i = 0; i < n; i++)
		CU_ASSERT_FATAL(seq_a[i] % 10 != 9);
	sctpdk_impair_del(imp);
	imp = one_rule(1, SCTPDK_IMPAIR_DROP, SCTPDK_IMPAIR_NTH, 0, 7);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	n = run(imp, 100, seq_a, 100, 0);
	CU_ASSERT_EQUAL(n, 99);
	CU_ASSERT_EQUAL(seq_a[5], 5);
	CU_ASSERT_EQUAL(seq_a[6], 7);
	struct sctpdk_impair_stats st;
	sctpdk_impair_stats_get(imp, &st);
	CU_ASSERT_EQUAL(st.hits[0], 1);
	sctpdk_impair_del(imp);
	/* rule validation */
	struct sctpdk_impair_config cfg;
	sctpdk_impair_config_default(&cfg, 1);
	struct sctpdk_impair_rule bad = {.action = SCTPDK_IMPAIR_DROP, .when = SCTPDK_IMPAIR_NTH};
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &bad), SCTPDK_ERR_INVAL);
	bad.when = SCTPDK_IMPAIR_PROB;
	bad.ppm = 1000001;
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &bad), SCTPDK_ERR_INVAL);
	bad.action = 9;
	bad.ppm = 1;
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &bad), SCTPDK_ERR_INVAL);
	struct sctpdk_impair_rule dup = {.action = SCTPDK_IMPAIR_DUP, .when = SCTPDK_IMPAIR_PROB};
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &dup), 0);
	CU_ASSERT_PTR_NULL(sctpdk_impair_new(&cfg)); /* DUP needs a pool */
	for (int i = 1; i < SCTPDK_IMPAIR_MAX_RULES; i++)
		CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &dup), 0);
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &dup), SCTPDK_ERR_NOSPACE);
}

static void
test_duplicate(void)
{
	struct sctpdk_impair *imp = one_rule(1, SCTPDK_IMPAIR_DUP, SCTPDK_IMPAIR_EVERY_NTH, 0, 4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	uint32_t n = run(imp, 100, seq_a, 1000, 0);
	CU_ASSERT_EQUAL(n, 125);
	/* 0 1 2 3 3 4 5 6 7 7 ... */
	CU_ASSERT_EQUAL(seq_a[3], 3);
	CU_ASSERT_EQUAL(seq_a[4], 3);
	CU_ASSERT_EQUAL(seq_a[5], 4);
	CU_ASSERT_EQUAL(seq_a[124], 99);
	CU_ASSERT_EQUAL(seq_a[123], 99);
	struct sctpdk_impair_stats st;
	sctpdk_impair_stats_get(imp, &st);
	CU_ASSERT_EQUAL(st.duplicated, 25);
	sctpdk_impair_del(imp);
}

static void
test_reorder(void)
{
	struct sctpdk_impair_config cfg;
	sctpdk_impair_config_default(&cfg, 7);
	struct sctpdk_impair_rule r = {
	    .action = SCTPDK_IMPAIR_REORDER, .when = SCTPDK_IMPAIR_NTH, .n = 3, .count = 2};
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &r), 0);
	struct sctpdk_impair *imp = sctpdk_impair_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	uint32_t n = run(imp, 10, seq_a, 100, 0);
	CU_ASSERT_EQUAL(n, 10);
	const uint32_t want[10] = {0, 1, 3, 4, 2, 5, 6, 7, 8, 9};
	CU_ASSERT_EQUAL(memcmp(seq_a, want, sizeof(want)), 0);
	sctpdk_impair_del(imp);
	/* with nothing following, the held packet leaves after reorder_max_us */
	cfg.reorder_max_us = 500;
	r.n = 2;
	cfg.rules[0] = r;
	imp = sctpdk_impair_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	CU_ASSERT_EQUAL(run(imp, 2, seq_a, 100, 1000), 1);
	struct rte_mbuf *out[4];
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, NULL, 0, out, 4, 1499), 0);
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, NULL, 0, out, 4, 1500), 1);
	CU_ASSERT_EQUAL(seq_of(out[0]), 1);
	rte_pktmbuf_free(out[0]);
	sctpdk_impair_del(imp);
}

static void
test_delay_flush_and_free(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	unsigned int avail0 = rte_mempool_avail_count(mp);
	struct sctpdk_impair_config cfg;
	sctpdk_impair_config_default(&cfg, 7);
	struct sctpdk_impair_rule r = {.action = SCTPDK_IMPAIR_DELAY,
				       .when = SCTPDK_IMPAIR_EVERY_NTH,
				       .n = 2,
				       .delay_us = 1000};
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &r), 0);
	struct sctpdk_impair *imp = sctpdk_impair_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	struct rte_mbuf *in[4], *out[8];
	for (uint32_t i = 0; i < 4; i++)
		in[i] = pkt(i, 0x0800);
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, in, 4, out, 8, 0), 2);
	CU_ASSERT_EQUAL(seq_of(out[0]), 0);
	CU_ASSERT_EQUAL(seq_of(out[1]), 2);
	rte_pktmbuf_free_bulk(out, 2);
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, NULL, 0, out, 8, 999), 0);
	/* due: released ahead of new traffic */
	in[0] = pkt(10, 0x0800);
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, in, 1, out, 8, 1000), 3);
	CU_ASSERT_EQUAL(seq_of(out[0]), 1);
	CU_ASSERT_EQUAL(seq_of(out[1]), 3);
	CU_ASSERT_EQUAL(seq_of(out[2]), 10);
	rte_pktmbuf_free_bulk(out, 3);
	/* output capacity 1: the rest waits for the next call */
	for (uint32_t i = 0; i < 3; i++)
		in[i] = pkt(20 + i, 0x0800);
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, in, 3, out, 1, 2000), 1);
	CU_ASSERT_EQUAL(seq_of(out[0]), 21);
	rte_pktmbuf_free(out[0]);
	struct sctpdk_impair_stats st;
	sctpdk_impair_stats_get(imp, &st);
	CU_ASSERT_EQUAL(st.held, 2); /* 20 and 22 delayed (6th, 8th seen) */
	CU_ASSERT_EQUAL(sctpdk_impair_flush(imp, out, 8), 2);
	rte_pktmbuf_free_bulk(out, 2);
	/* held packets are freed with the instance */
	in[0] = pkt(30, 0x0800);
	in[1] = pkt(31, 0x0800);
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, in, 2, out, 8, 3000), 1);
	rte_pktmbuf_free(out[0]);
	sctpdk_impair_stats_get(imp, &st);
	CU_ASSERT_EQUAL(st.held, 1);
	CU_ASSERT_EQUAL(st.delayed, 5);
	sctpdk_impair_del(imp);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), avail0);

	/* bounded hold queue */
	cfg.hold_max = 4;
	cfg.rules[0].n = 1;
	imp = sctpdk_impair_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	CU_ASSERT_EQUAL(run(imp, 10, seq_a, 100, 0), 0);
	sctpdk_impair_stats_get(imp, &st);
	CU_ASSERT_EQUAL(st.held, 4);
	CU_ASSERT_EQUAL(st.overflow, 6);
	sctpdk_impair_del(imp);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), avail0);
}

static void
test_corrupt_one_bit_and_clones(void)
{
	struct sctpdk_impair_config cfg;
	sctpdk_impair_config_default(&cfg, 99);
	cfg.pool = sctpdk_test_mbuf_pool();
	struct sctpdk_impair_rule r = {.action = SCTPDK_IMPAIR_CORRUPT,
				       .when = SCTPDK_IMPAIR_PROB,
				       .ppm = 1000000,
				       .offset = 14};
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &r), 0);
	struct sctpdk_impair *imp = sctpdk_impair_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	for (uint32_t i = 0; i < 200; i++) {
		struct rte_mbuf *in[1] = {pkt(i, 0x0800)}, *out[2];
		struct rte_mbuf *ref = pkt(i, 0x0800);
		CU_ASSERT_EQUAL_FATAL(sctpdk_impair_apply(imp, in, 1, out, 2, 0), 1);
		const uint8_t *a = rte_pktmbuf_mtod(out[0], const uint8_t *);
		const uint8_t *b = rte_pktmbuf_mtod(ref, const uint8_t *);
		int bits = 0, first = -1;
		for (int j = 0; j < 64; j++) {
			bits += __builtin_popcount(a[j] ^ b[j]);
			if (a[j] != b[j] && first < 0)
				first = j;
		}
		CU_ASSERT_EQUAL(bits, 1);
		CU_ASSERT(first >= 14);
		rte_pktmbuf_free(out[0]);
		rte_pktmbuf_free(ref);
	}
	/* a clone held elsewhere (a retransmission copy) is not touched */
	struct rte_mbuf *orig = pkt(5, 0x0800);
	struct rte_mbuf *clone = rte_pktmbuf_clone(orig, sctpdk_test_mbuf_pool());
	CU_ASSERT_PTR_NOT_NULL_FATAL(clone);
	struct rte_mbuf *in[1] = {clone}, *out[2];
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, in, 1, out, 2, 0), 1);
	struct rte_mbuf *ref = pkt(5, 0x0800);
	CU_ASSERT_EQUAL(memcmp(rte_pktmbuf_mtod(orig, void *), rte_pktmbuf_mtod(ref, void *), 64),
			0);
	CU_ASSERT_NOT_EQUAL(
	    memcmp(rte_pktmbuf_mtod(out[0], void *), rte_pktmbuf_mtod(ref, void *), 64), 0);
	rte_pktmbuf_free(out[0]);
	rte_pktmbuf_free(orig);
	rte_pktmbuf_free(ref);
	struct sctpdk_impair_stats st;
	sctpdk_impair_stats_get(imp, &st);
	CU_ASSERT_EQUAL(st.corrupted, 201);
	sctpdk_impair_del(imp);
}

static void
test_ip_only_spares_arp(void)
{
	struct sctpdk_impair_config cfg;
	sctpdk_impair_config_default(&cfg, 3);
	cfg.ip_only = 1;
	struct sctpdk_impair_rule r = {
	    .action = SCTPDK_IMPAIR_DROP, .when = SCTPDK_IMPAIR_PROB, .ppm = 1000000};
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &r), 0);
	struct sctpdk_impair *imp = sctpdk_impair_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	struct rte_mbuf *in[3] = {pkt(1, 0x0806), pkt(2, 0x0800), pkt(3, 0x86dd)}, *out[4];
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, in, 3, out, 4, 0), 1);
	CU_ASSERT_EQUAL(seq_of(out[0]), 1);
	rte_pktmbuf_free(out[0]);
	sctpdk_impair_del(imp);
	/* no rules: what does not fit the output waits, in order */
	sctpdk_impair_config_default(&cfg, 3);
	imp = sctpdk_impair_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	for (uint32_t i = 0; i < 3; i++)
		in[i] = pkt(40 + i, 0x0800);
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, in, 3, out, 1, 0), 1);
	CU_ASSERT_EQUAL(seq_of(out[0]), 40);
	rte_pktmbuf_free(out[0]);
	CU_ASSERT_EQUAL(sctpdk_impair_apply(imp, NULL, 0, out, 4, 0), 2);
	CU_ASSERT_EQUAL(seq_of(out[0]), 41);
	CU_ASSERT_EQUAL(seq_of(out[1]), 42);
	rte_pktmbuf_free_bulk(out, 2);
	sctpdk_impair_del(imp);
}

/* One ring port pair (single queue), configured and started. */
static int
ring_pair(const char *tag, uint16_t *a, uint16_t *b, struct rte_ring **r1, struct rte_ring **r2)
{
	char n[32];
	snprintf(n, sizeof(n), "%s_r1", tag);
	*r1 = rte_ring_create(n, 1024, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
	snprintf(n, sizeof(n), "%s_r2", tag);
	*r2 = rte_ring_create(n, 1024, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (*r1 == NULL || *r2 == NULL)
		return -1;
	snprintf(n, sizeof(n), "%s_a", tag);
	int pa = rte_eth_from_rings(n, r2, 1, r1, 1, 0);
	snprintf(n, sizeof(n), "%s_b", tag);
	int pb = rte_eth_from_rings(n, r1, 1, r2, 1, 0);
	if (pa < 0 || pb < 0)
		return -1;
	*a = (uint16_t)pa;
	*b = (uint16_t)pb;
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	for (int i = 0; i < 2; i++) {
		uint16_t p = i == 0 ? *a : *b;
		if (rte_eth_dev_configure(p, 1, 1, &conf) != 0 ||
		    rte_eth_rx_queue_setup(p, 0, 256, 0, NULL, sctpdk_test_mbuf_pool()) != 0 ||
		    rte_eth_tx_queue_setup(p, 0, 256, 0, NULL) != 0 || rte_eth_dev_start(p) != 0)
			return -1;
	}
	return 0;
}

static void
ring_pair_free(uint16_t a, uint16_t b, struct rte_ring *r1, struct rte_ring *r2)
{
	rte_eth_dev_stop(a);
	rte_eth_dev_stop(b);
	rte_eth_dev_close(a);
	rte_eth_dev_close(b);
	struct rte_mbuf *m;
	while (rte_ring_dequeue(r1, (void **)&m) == 0)
		rte_pktmbuf_free(m);
	while (rte_ring_dequeue(r2, (void **)&m) == 0)
		rte_pktmbuf_free(m);
	rte_ring_free(r1);
	rte_ring_free(r2);
}

static uint32_t
drain(uint16_t port, uint32_t *seqs)
{
	struct rte_mbuf *rx[64];
	uint32_t got = 0;
	uint16_t k;
	while ((k = rte_eth_rx_burst(port, 0, rx, 64)) > 0)
		for (uint16_t i = 0; i < k; i++) {
			seqs[got++] = seq_of(rx[i]);
			rte_pktmbuf_free(rx[i]);
		}
	return got;
}

static void
test_rx_callback_on_ring_port(void)
{
	uint16_t a, b;
	struct rte_ring *r1, *r2;
	CU_ASSERT_EQUAL_FATAL(ring_pair("imprx", &a, &b, &r1, &r2), 0);
	struct sctpdk_impair *imp = one_rule(5, SCTPDK_IMPAIR_DROP, SCTPDK_IMPAIR_EVERY_NTH, 0, 5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	CU_ASSERT_EQUAL(sctpdk_impair_attach_rx(imp, b, 0), 0);
	CU_ASSERT_EQUAL(sctpdk_impair_attach_rx(imp, b, 0), SCTPDK_ERR_STATE);
	struct rte_mbuf *tx[100];
	for (uint32_t i = 0; i < 100; i++)
		tx[i] = pkt(i, 0x0800);
	CU_ASSERT_EQUAL(rte_eth_tx_burst(a, 0, tx, 100), 100);
	CU_ASSERT_EQUAL(drain(b, seq_a), 80);
	for (uint32_t i = 0; i < 80; i++)
		CU_ASSERT_FATAL(seq_a[i] % 5 != 4);
	CU_ASSERT_EQUAL(sctpdk_impair_detach_rx(imp), 0);
	for (uint32_t i = 0; i < 10; i++)
		tx[i] = pkt(i, 0x0800);
	CU_ASSERT_EQUAL(rte_eth_tx_burst(a, 0, tx, 10), 10);
	CU_ASSERT_EQUAL(drain(b, seq_a), 10);
	struct sctpdk_impair_stats st;
	sctpdk_impair_stats_get(imp, &st);
	CU_ASSERT_EQUAL(st.dropped, 20);
	sctpdk_impair_del(imp);
	ring_pair_free(a, b, r1, r2);
}

static uint64_t fake_now;

static uint64_t
fake_clock(void *arg)
{
	(void)arg;
	return fake_now;
}

static void
test_tx_wrapper_on_ring_port(void)
{
	uint16_t a, b;
	struct rte_ring *r1, *r2;
	CU_ASSERT_EQUAL_FATAL(ring_pair("imptx", &a, &b, &r1, &r2), 0);
	struct sctpdk_impair_config cfg;
	sctpdk_impair_config_default(&cfg, 11);
	cfg.pool = sctpdk_test_mbuf_pool();
	cfg.now_us = fake_clock;
	struct sctpdk_impair_rule dup = {
	    .action = SCTPDK_IMPAIR_DUP, .when = SCTPDK_IMPAIR_EVERY_NTH, .n = 2};
	struct sctpdk_impair_rule delay = {
	    .action = SCTPDK_IMPAIR_DELAY, .when = SCTPDK_IMPAIR_NTH, .n = 1, .delay_us = 100};
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &delay), 0);
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &dup), 0);
	struct sctpdk_impair *imp = sctpdk_impair_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	fake_now = 0;
	struct rte_mbuf *tx[100];
	for (uint32_t i = 0; i < 100; i++)
		tx[i] = pkt(i, 0x0800);
	CU_ASSERT_EQUAL(sctpdk_impair_tx_burst(imp, a, 0, tx, 100), 100);
	/* packet 0 delayed; the dup rule sees 1..99 and copies 2,4..98 */
	uint32_t got = drain(b, seq_a);
	CU_ASSERT_EQUAL(got, 99 + 49);
	CU_ASSERT_EQUAL(seq_a[0], 1);
	fake_now = 100;
	CU_ASSERT_EQUAL(sctpdk_impair_tx_burst(imp, a, 0, NULL, 0), 0);
	CU_ASSERT_EQUAL(drain(b, seq_a), 1);
	CU_ASSERT_EQUAL(seq_a[0], 0);
	/* tx_flush sends what is still held */
	struct sctpdk_impair_rule all = {.action = SCTPDK_IMPAIR_DELAY,
					 .when = SCTPDK_IMPAIR_PROB,
					 .ppm = 1000000,
					 .delay_us = 1000000};
	sctpdk_impair_del(imp);
	sctpdk_impair_config_default(&cfg, 11);
	cfg.now_us = fake_clock;
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&cfg, &all), 0);
	imp = sctpdk_impair_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	for (uint32_t i = 0; i < 5; i++)
		tx[i] = pkt(i, 0x0800);
	CU_ASSERT_EQUAL(sctpdk_impair_tx_burst(imp, a, 0, tx, 5), 5);
	CU_ASSERT_EQUAL(drain(b, seq_a), 0);
	CU_ASSERT_EQUAL(sctpdk_impair_tx_flush(imp, a, 0), 5);
	CU_ASSERT_EQUAL(drain(b, seq_a), 5);
	CU_ASSERT_EQUAL(seq_a[4], 4);
	sctpdk_impair_del(imp);
	ring_pair_free(a, b, r1, r2);
}

SCTPDK_TEST_SUITE(impair, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_drop_rate_fixed_seed),
		  SCTPDK_TEST(test_every_nth_and_nth), SCTPDK_TEST(test_duplicate),
		  SCTPDK_TEST(test_reorder), SCTPDK_TEST(test_delay_flush_and_free),
		  SCTPDK_TEST(test_corrupt_one_bit_and_clones),
		  SCTPDK_TEST(test_ip_only_spares_arp), SCTPDK_TEST(test_rx_callback_on_ring_port),
		  SCTPDK_TEST(test_tx_wrapper_on_ring_port))
