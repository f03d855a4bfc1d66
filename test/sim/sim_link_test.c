/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Links: serialisation and queueing, random impairments against their
 * configured probabilities, jitter, link up/down, MTU and multi-homing.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"
#include "sim_test_nodes.h"

/* A -> Z through one link with cfg in both directions; Z is a sink. */
static struct sctpdk_sim *
pair(uint64_t seed, const struct sctpdk_sim_link_cfg *cfg, struct tn_sink *sz,
     struct sctpdk_addr *a, struct sctpdk_addr *z)
{
	struct sctpdk_sim *sim = sctpdk_sim_new(seed, sctpdk_test_mbuf_pool());
	if (sim == NULL)
		return NULL;
	*a = sctpdk_addr_v4(10, 0, 0, 1);
	*z = sctpdk_addr_v4(10, 0, 0, 2);
	if (sctpdk_sim_node_add(sim, &tn_sink_ops, sz, z, 1) != 0 ||
	    sctpdk_sim_link_add(sim, a, z, cfg, NULL) != 0) {
		sctpdk_sim_del(sim);
		return NULL;
	}
	return sim;
}

static void
test_rate_serialisation_times(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink sz = {0};
	struct sctpdk_addr a, z;
	struct sctpdk_sim_link_cfg c = {.delay_us = 1000, .rate_bps = 100000000};
	struct sctpdk_sim *sim = pair(11, &c, &sz, &a, &z);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	for (uint32_t i = 0; i < 10; i++)
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 1500), &a, &z);
	sctpdk_sim_run_until(sim, 100000);
	CU_ASSERT_EQUAL_FATAL(sz.n, 10);
	/* 1500 B at 100 Mbit/s = 120 us each, back to back, then 1 ms */
	for (unsigned int i = 0; i < 10; i++) {
		CU_ASSERT_EQUAL(sz.t_us[i], 1000 + 120 * (i + 1));
		CU_ASSERT_EQUAL(sz.tag[i], i);
	}
	/* an idle link starts serialising at once; overhead counts */
	struct sctpdk_sim_link_cfg c2 = {
	    .delay_us = 1000, .rate_bps = 100000000, .overhead_bytes = 40};
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_cfg(sim, 0, SCTPDK_SIM_AB, &c2), 0);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 99, 1460), &a, &z);
	sctpdk_sim_run_until(sim, 200000);
	CU_ASSERT_EQUAL(sz.n, 11);
	CU_ASSERT_EQUAL(sz.t_us[10], 100000 + 120 + 1000);
	/* 10 Gbit/s: 64-byte packets take 51.2 ns; the serialiser keeps the
	 * fraction, arrivals are rounded up to the microsecond */
	struct sctpdk_sim_link_cfg c3 = {.rate_bps = 10000000000ULL};
	sctpdk_sim_link_set_cfg(sim, 0, SCTPDK_SIM_AB, &c3);
	for (uint32_t i = 0; i < 100; i++)
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 64), &a, &z);
	sctpdk_sim_run_until(sim, 300000);
	CU_ASSERT_EQUAL_FATAL(sz.n, 111);
	CU_ASSERT_EQUAL(sz.t_us[110], 200000 + 6); /* 5.12 us -> 6 */
	CU_ASSERT_EQUAL(sz.t_us[11], 200001);
	sctpdk_sim_del(sim);
}

static void
test_rate_throughput_and_queue_drops(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink sz = {0};
	struct sctpdk_addr a, z;
	struct sctpdk_sim_link_cfg c = {
	    .delay_us = 1000, .rate_bps = 100000000, .queue_bytes = 30000};
	struct sctpdk_sim *sim = pair(12, &c, &sz, &a, &z);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	/* offer 120 Mbit/s for 200 ms: 10 x 1500 B every ms */
	struct tn_pump p = {.mp = mp,
			    .src = a,
			    .dst = z,
			    .len = 1500,
			    .burst = 10,
			    .period_us = 1000,
			    .ticks = 200};
	CU_ASSERT_EQUAL(tn_pump_start(sim, &p, 0), 0);
	sctpdk_sim_run_until(sim, 1000000);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	CU_ASSERT_EQUAL(st.sent_pkts, 2000);
	CU_ASSERT_EQUAL(st.delivered_pkts, sz.n);
	CU_ASSERT_EQUAL(st.sent_pkts, st.delivered_pkts + st.dropped[SCTPDK_SIM_DROP_QUEUE]);
	CU_ASSERT_EQUAL(st.dropped_pkts, st.dropped[SCTPDK_SIM_DROP_QUEUE]);
	CU_ASSERT_TRUE(st.queue_max_bytes <= 30000);
	CU_ASSERT_TRUE(st.queue_max_bytes >= 28500);
	/* link busy from 0 to the last departure: 120 us per delivered packet */
	CU_ASSERT_EQUAL_FATAL(sz.n > 1600, 1);
	uint64_t busy_us = sz.t_us[sz.n - 1] - 1000;
	CU_ASSERT_EQUAL(busy_us, 120 * (uint64_t)sz.n);
	double mbps = (double)sz.bytes * 8 / (double)busy_us;
	CU_ASSERT_DOUBLE_EQUAL(mbps, 100.0, 0.01);
	/* the last burst leaves at 199 ms: 199 ms of capacity (1658.3 packets)
	 * plus the queue (30000 B = 20 packets) that drains after it */
	CU_ASSERT_TRUE(sz.n >= 1658 + 18 && sz.n <= 1659 + 20);
	for (unsigned int i = 1; i < sz.n && i < TN_MAX_RX; i++)
		CU_ASSERT_TRUE(sz.t_us[i] - sz.t_us[i - 1] == 120);
	sctpdk_sim_del(sim);
}

static void
test_queue_overflow_exact(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink sz = {0};
	struct sctpdk_addr a, z;
	struct sctpdk_sim_link_cfg c = {.delay_us = 10, .rate_bps = 1000000, .queue_bytes = 4500};
	struct sctpdk_sim *sim = pair(13, &c, &sz, &a, &z);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	for (uint32_t i = 0; i < 10; i++)
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 1500), &a, &z);
	/* 1500 B at 1 Mbit/s = 12 ms; at 12 ms two are queued, one fits again */
	sctpdk_sim_run_until(sim, 12000);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 10, 1500), &a, &z);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 11, 1500), &a, &z);
	sctpdk_sim_run_until(sim, 1000000);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_QUEUE], 8);
	CU_ASSERT_EQUAL_FATAL(sz.n, 4);
	CU_ASSERT_EQUAL(sz.tag[0], 0);
	CU_ASSERT_EQUAL(sz.tag[1], 1);
	CU_ASSERT_EQUAL(sz.tag[2], 2);
	CU_ASSERT_EQUAL(sz.tag[3], 10);
	CU_ASSERT_EQUAL(sz.t_us[0], 12010);
	CU_ASSERT_EQUAL(sz.t_us[3], 48010);
	CU_ASSERT_EQUAL(st.queue_max_bytes, 4500);
	sctpdk_sim_del(sim);
}

static void
test_default_queue_is_bdp(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink sz = {0};
	struct sctpdk_addr a, z;
	/* 100 Mbit/s, 10 ms: 2 x 10 ms x 100 Mbit/s = 250000 B -> 166 x 1500 B */
	struct sctpdk_sim_link_cfg c = {.delay_us = 10000, .rate_bps = 100000000};
	struct sctpdk_sim *sim = pair(14, &c, &sz, &a, &z);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	for (uint32_t i = 0; i < 200; i++)
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 1500), &a, &z);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_QUEUE], 34);
	/* without delay the floor of 64 KiB applies: 43 x 1500 B */
	struct sctpdk_sim_link_cfg c0 = {.rate_bps = 100000000};
	sctpdk_sim_link_set_cfg(sim, 0, SCTPDK_SIM_BA, &c0);
	for (uint32_t i = 0; i < 100; i++)
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 1500), &z, &a);
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_BA, &st);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_QUEUE], 57);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_NOROUTE], 0);
	sctpdk_sim_run_until(sim, 1000000);
	CU_ASSERT_EQUAL(sz.n, 166);
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_BA, &st);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_NOROUTE], 43); /* A is no node here */
	sctpdk_sim_del(sim);
}

/* Send n packets of 100 B in batches of 1000 over a zero-delay link. */
static void
blast(struct sctpdk_sim *sim, const struct sctpdk_addr *a, const struct sctpdk_addr *z,
      unsigned int n)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	for (unsigned int i = 0; i < n; i++) {
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 100), a, z);
		if (i % 1000 == 999)
			sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 1);
	}
	sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 1000);
}

#define N_STAT 20000

static void
test_loss_dup_corrupt_rates(void)
{
	struct tn_sink *sz = calloc(1, sizeof(*sz));
	CU_ASSERT_PTR_NOT_NULL_FATAL(sz);
	struct sctpdk_addr a, z;
	struct sctpdk_sim_link_stats st;

	/* loss 10 %: 3 sigma is 127 packets of 20000 */
	struct sctpdk_sim_link_cfg c = {.loss = 0.1};
	struct sctpdk_sim *sim = pair(21, &c, sz, &a, &z);
	blast(sim, &a, &z, N_STAT);
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	CU_ASSERT_TRUE(st.dropped[SCTPDK_SIM_DROP_LOSS] > 1800 &&
		       st.dropped[SCTPDK_SIM_DROP_LOSS] < 2200);
	CU_ASSERT_EQUAL(sz->n + st.dropped[SCTPDK_SIM_DROP_LOSS], N_STAT);
	CU_ASSERT_EQUAL(sz->bad, 0);
	sctpdk_sim_del(sim);

	/* duplication 5 %: every duplicate is a good extra copy */
	memset(sz, 0, sizeof(*sz));
	struct sctpdk_sim_link_cfg d = {.dup = 0.05};
	sim = pair(22, &d, sz, &a, &z);
	blast(sim, &a, &z, N_STAT);
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	CU_ASSERT_TRUE(st.duplicated > 850 && st.duplicated < 1150);
	CU_ASSERT_EQUAL(sz->n, N_STAT + st.duplicated);
	CU_ASSERT_EQUAL(st.delivered_pkts, N_STAT + st.duplicated);
	CU_ASSERT_EQUAL(sz->bad, 0);
	sctpdk_sim_del(sim);

	/* corruption 5 %: exactly the corrupted ones fail the receiver's CRC */
	memset(sz, 0, sizeof(*sz));
	struct sctpdk_sim_link_cfg k = {.corrupt = 0.05};
	sim = pair(23, &k, sz, &a, &z);
	blast(sim, &a, &z, N_STAT);
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	CU_ASSERT_TRUE(st.corrupted > 850 && st.corrupted < 1150);
	CU_ASSERT_EQUAL(sz->bad, st.corrupted);
	CU_ASSERT_EQUAL(sz->n, N_STAT);
	sctpdk_sim_del(sim);

	/* the probabilities 0 and 1 are exact */
	memset(sz, 0, sizeof(*sz));
	struct sctpdk_sim_link_cfg all = {.loss = 1.0};
	sim = pair(24, &all, sz, &a, &z);
	blast(sim, &a, &z, 500);
	CU_ASSERT_EQUAL(sz->n, 0);
	sctpdk_sim_link_set_cfg(sim, 0, SCTPDK_SIM_BOTH, NULL);
	blast(sim, &a, &z, 500);
	CU_ASSERT_EQUAL(sz->n, 500);
	sctpdk_sim_del(sim);
	free(sz);
}

static void
test_reorder_rate_and_holdback(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink *sz = calloc(1, sizeof(*sz));
	CU_ASSERT_PTR_NOT_NULL_FATAL(sz);
	struct sctpdk_addr a, z;
	struct sctpdk_sim_link_cfg c = {.delay_us = 100, .reorder = 0.1, .reorder_us = 50};
	struct sctpdk_sim *sim = pair(31, &c, sz, &a, &z);
	struct tn_pump p = {
	    .mp = mp, .src = a, .dst = z, .len = 100, .burst = 1, .period_us = 10, .ticks = 4000};
	tn_pump_start(sim, &p, 0);
	sctpdk_sim_run_until(sim, 100000);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	CU_ASSERT_EQUAL_FATAL(sz->n, 4000);
	/* 10 %: 3 sigma is 57 packets of 4000 */
	CU_ASSERT_TRUE(st.reordered > 330 && st.reordered < 470);
	unsigned int late = 0, held = 0;
	uint32_t max_tag = 0;
	for (unsigned int i = 0; i < sz->n; i++) {
		uint64_t sent = (uint64_t)sz->tag[i] * 10;
		if (i > 0 && sz->tag[i] < max_tag)
			late++;
		if (sz->tag[i] > max_tag)
			max_tag = sz->tag[i];
		if (sz->t_us[i] == sent + 150)
			held++;
		else
			CU_ASSERT_EQUAL(sz->t_us[i], sent + 100);
	}
	CU_ASSERT_EQUAL(held, st.reordered);
	/* a held packet is overtaken unless the next ones are all held too */
	CU_ASSERT_TRUE(late <= held && late + 5 >= held);
	sctpdk_sim_del(sim);
	free(sz);
}

static void
test_jitter_bounds_and_fifo(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink *sz = calloc(1, sizeof(*sz));
	CU_ASSERT_PTR_NOT_NULL_FATAL(sz);
	struct sctpdk_addr a, z;
	struct sctpdk_sim_link_cfg c = {.delay_us = 1000, .jitter_us = 400};
	struct sctpdk_sim *sim = pair(41, &c, sz, &a, &z);
	/* spaced further apart than the jitter: delays are independent */
	struct tn_pump p = {
	    .mp = mp, .src = a, .dst = z, .len = 100, .burst = 1, .period_us = 1000, .ticks = 2000};
	tn_pump_start(sim, &p, 0);
	sctpdk_sim_run_until(sim, 3000000);
	CU_ASSERT_EQUAL_FATAL(sz->n, 2000);
	uint64_t sum = 0, lo = UINT64_MAX, hi = 0;
	for (unsigned int i = 0; i < sz->n; i++) {
		uint64_t d = sz->t_us[i] - (uint64_t)sz->tag[i] * 1000;
		sum += d;
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
	}
	CU_ASSERT_TRUE(lo >= 1000 && lo < 1010);
	CU_ASSERT_TRUE(hi <= 1400 && hi > 1390);
	double mean = (double)sum / sz->n;
	CU_ASSERT_DOUBLE_EQUAL(mean, 1200.0, 10.0); /* sigma of the mean: 2.6 us */
	sctpdk_sim_del(sim);

	/* packets closer than the jitter are never reordered by it */
	memset(sz, 0, sizeof(*sz));
	sim = pair(42, &c, sz, &a, &z);
	struct tn_pump q = {
	    .mp = mp, .src = a, .dst = z, .len = 100, .burst = 1, .period_us = 10, .ticks = 2000};
	tn_pump_start(sim, &q, 0);
	sctpdk_sim_run_until(sim, 3000000);
	CU_ASSERT_EQUAL_FATAL(sz->n, 2000);
	unsigned int bumped = 0;
	for (unsigned int i = 0; i < sz->n; i++) {
		CU_ASSERT_EQUAL(sz->tag[i], i);
		if (i > 0) {
			CU_ASSERT_TRUE(sz->t_us[i] >= sz->t_us[i - 1]);
			bumped += sz->t_us[i] == sz->t_us[i - 1];
		}
	}
	CU_ASSERT_TRUE(bumped > 0); /* the FIFO clamp did act */
	sctpdk_sim_del(sim);
	free(sz);
}

static void
set_down(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	sctpdk_sim_link_set_up(sim, *(int *)arg, SCTPDK_SIM_BOTH, 0);
}

static void
test_link_down_up(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct sctpdk_sim *sim = sctpdk_sim_new(51, mp);
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 1), z = sctpdk_addr_v4(10, 0, 0, 2);
	struct tn_sink sa = {0}, sz = {0};
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sa, &a, 1);
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sz, &z, 1);
	struct sctpdk_sim_link_cfg c = {.delay_us = 1000};
	int l = sctpdk_sim_link_add(sim, &a, &z, &c, NULL);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 0, 100), &a, &z);
	sctpdk_sim_call_at(sim, 500, set_down, &l);
	sctpdk_sim_run_until(sim, 600);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 1, 100), &a, &z); /* dropped at entry */
	sctpdk_sim_run_until(sim, 700);
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_up(sim, l, SCTPDK_SIM_BOTH, 1), 0);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 2, 100), &a, &z);
	sctpdk_sim_run_until(sim, 5000);
	CU_ASSERT_EQUAL_FATAL(sz.n, 1);
	CU_ASSERT_EQUAL(sz.tag[0], 2);
	CU_ASSERT_EQUAL(sz.t_us[0], 1700);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, l, SCTPDK_SIM_AB, &st);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_DOWN], 2); /* one in flight, one at entry */
	CU_ASSERT_EQUAL(st.sent_pkts, 3);

	/* one direction down: the other still carries */
	sctpdk_sim_link_set_up(sim, l, SCTPDK_SIM_AB, 0);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 3, 100), &a, &z);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 4, 100), &z, &a);
	sctpdk_sim_run_until(sim, 10000);
	CU_ASSERT_EQUAL(sz.n, 1);
	CU_ASSERT_EQUAL(sa.n, 1);
	CU_ASSERT_EQUAL(sa.tag[0], 4);
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_up(sim, 7, SCTPDK_SIM_AB, 0), SCTPDK_ERR_NOTFOUND);
	sctpdk_sim_del(sim);
}

static void
test_multihomed_routing(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct sctpdk_sim *sim = sctpdk_sim_new(61, mp);
	struct sctpdk_addr as[2] = {sctpdk_addr_v4(10, 0, 0, 1), sctpdk_addr_v4(10, 1, 0, 1)};
	struct sctpdk_addr zs[2] = {sctpdk_addr_v4(10, 0, 0, 2), sctpdk_addr_v4(10, 1, 0, 2)};
	struct tn_sink sa = {0}, sz = {0};
	CU_ASSERT_EQUAL(sctpdk_sim_node_add(sim, &tn_sink_ops, &sa, as, 2), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_node_add(sim, &tn_sink_ops, &sz, zs, 2), 1);
	struct sctpdk_sim_link_cfg fast = {.delay_us = 1000}, slow = {.delay_us = 5000};
	int l0 = sctpdk_sim_link_add(sim, &as[0], &zs[0], &fast, NULL);
	int l1 = sctpdk_sim_link_add(sim, &as[1], &zs[1], &slow, NULL);
	CU_ASSERT_EQUAL(l0, 0);
	CU_ASSERT_EQUAL(l1, 1);
	enum sctpdk_sim_dir dir;
	CU_ASSERT_EQUAL(sctpdk_sim_link_find(sim, &zs[1], &as[1], &dir), 1);
	CU_ASSERT_EQUAL(dir, SCTPDK_SIM_BA);
	CU_ASSERT_EQUAL(sctpdk_sim_link_find(sim, &as[0], &zs[1], &dir), SCTPDK_ERR_NOTFOUND);

	sctpdk_sim_send(sim, tn_pkt_len(mp, 1, 100), &as[1], &zs[1]);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 0, 100), &as[0], &zs[0]);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 2, 100), &as[0], &zs[1]); /* no such path */
	sctpdk_sim_send(sim, tn_pkt_len(mp, 3, 100), &zs[1], &as[1]);
	sctpdk_sim_run_until(sim, 10000);
	CU_ASSERT_EQUAL_FATAL(sz.n, 2);
	CU_ASSERT_EQUAL(sz.tag[0], 0);
	CU_ASSERT_EQUAL(sz.t_us[0], 1000);
	CU_ASSERT_TRUE(sctpdk_addr_eq(&sz.dst[0], &zs[0]));
	CU_ASSERT_EQUAL(sz.tag[1], 1);
	CU_ASSERT_EQUAL(sz.t_us[1], 5000);
	CU_ASSERT_TRUE(sctpdk_addr_eq(&sz.dst[1], &zs[1]));
	CU_ASSERT_EQUAL_FATAL(sa.n, 1);
	CU_ASSERT_TRUE(sctpdk_addr_eq(&sa.dst[0], &as[1]));

	/* primary path cut: the secondary still works */
	sctpdk_sim_link_set_up(sim, l0, SCTPDK_SIM_BOTH, 0);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 4, 100), &as[0], &zs[0]);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 5, 100), &as[1], &zs[1]);
	sctpdk_sim_run_until(sim, 20000);
	CU_ASSERT_EQUAL(sz.n, 3);
	CU_ASSERT_EQUAL(sz.tag[2], 5);
	struct sctpdk_sim_link_stats s0, s1;
	sctpdk_sim_link_stats(sim, l0, SCTPDK_SIM_AB, &s0);
	sctpdk_sim_link_stats(sim, l1, SCTPDK_SIM_AB, &s1);
	CU_ASSERT_EQUAL(s0.sent_pkts, 2);
	CU_ASSERT_EQUAL(s0.delivered_pkts, 1);
	CU_ASSERT_EQUAL(s0.dropped[SCTPDK_SIM_DROP_DOWN], 1);
	CU_ASSERT_EQUAL(s1.sent_pkts, 2);
	CU_ASSERT_EQUAL(s1.delivered_pkts, 2);
	struct sctpdk_sim_stats gs;
	sctpdk_sim_stats(sim, &gs);
	CU_ASSERT_EQUAL(gs.noroute_pkts, 1);
	sctpdk_sim_del(sim);
}

static void
test_mtu_drop(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink sz = {0};
	struct sctpdk_addr a, z;
	struct sctpdk_sim_link_cfg c = {.mtu_bytes = 1000};
	struct sctpdk_sim *sim = pair(71, &c, &sz, &a, &z);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 0, 1000), &a, &z);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 1, 1004), &a, &z);
	sctpdk_sim_run_until(sim, 10);
	CU_ASSERT_EQUAL(sz.n, 1);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_MTU], 1);
	sctpdk_sim_del(sim);
}

static void
test_copy_pool_exhaustion(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct rte_mempool *tiny =
	    rte_pktmbuf_pool_create("sim_tiny", 8, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tiny);
	unsigned int before = rte_mempool_avail_count(mp);
	struct sctpdk_sim *sim = sctpdk_sim_new(16, tiny);
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 1), z = sctpdk_addr_v4(10, 0, 0, 2);
	struct tn_sink sz = {0};
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sz, &z, 1);
	/* every packet is corrupted (one copy) and duplicated (another copy) */
	struct sctpdk_sim_link_cfg c = {.delay_us = 100, .corrupt = 1.0, .dup = 1.0};
	sctpdk_sim_link_add(sim, &a, &z, &c, NULL);
	for (uint32_t i = 0; i < 10; i++)
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 100), &a, &z);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	/* 8 copies: 4 corrupted packets with their duplicates; the other 6
	 * cannot be corrupted and are dropped, their originals freed */
	CU_ASSERT_EQUAL(st.corrupted, 4);
	CU_ASSERT_EQUAL(st.duplicated, 4);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_NOMEM], 6);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(tiny), 0);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), before);
	sctpdk_sim_run_until(sim, 1000);
	CU_ASSERT_EQUAL(sz.n, 8);
	CU_ASSERT_EQUAL(sz.bad, 8);
	/* the receiver freed them: copies are back, and the link works again */
	CU_ASSERT_EQUAL(rte_mempool_avail_count(tiny), 8);
	sctpdk_sim_link_set_cfg(sim, 0, SCTPDK_SIM_AB, NULL);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 99, 100), &a, &z);
	sctpdk_sim_run_until(sim, 2000);
	CU_ASSERT_EQUAL(sz.n, 9);
	CU_ASSERT_EQUAL(sz.bad, 8);
	sctpdk_sim_del(sim);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), before);
	rte_mempool_free(tiny);
}

static void
test_lost_packets_use_link_time(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink sz = {0};
	struct sctpdk_addr a, z;
	/* every other packet lost (rule-free: loss 1 then 0 per packet) */
	struct sctpdk_sim_link_cfg lossy = {.rate_bps = 100000000, .loss = 1.0};
	struct sctpdk_sim_link_cfg clean = {.rate_bps = 100000000};
	struct sctpdk_sim *sim = pair(15, &clean, &sz, &a, &z);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	for (uint32_t i = 0; i < 6; i++) {
		sctpdk_sim_link_set_cfg(sim, 0, SCTPDK_SIM_AB, i % 2 ? &clean : &lossy);
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 1500), &a, &z);
	}
	sctpdk_sim_run_until(sim, 10000);
	CU_ASSERT_EQUAL_FATAL(sz.n, 3);
	/* 1, 3, 5 arrive as if 0, 2, 4 had been on the wire before them */
	CU_ASSERT_EQUAL(sz.t_us[0], 240);
	CU_ASSERT_EQUAL(sz.t_us[1], 480);
	CU_ASSERT_EQUAL(sz.t_us[2], 720);
	sctpdk_sim_del(sim);
}

static void
test_burst_loss(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink *sz = calloc(1, sizeof(*sz));
	CU_ASSERT_PTR_NOT_NULL_FATAL(sz);
	struct sctpdk_addr a, z;
	/* bad 1 % -> bursts of 4 packets on average, 3.85 % of packets bad */
	struct sctpdk_sim_link_cfg c = {.burst_enter = 0.01, .burst_leave = 0.25};
	struct sctpdk_sim *sim = pair(81, &c, sz, &a, &z);
	const unsigned int n = 40000;
	for (unsigned int i = 0; i < n; i++) {
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 16), &a, &z);
		sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 1);
	}
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	uint64_t lost = st.dropped[SCTPDK_SIM_DROP_LOSS];
	CU_ASSERT_EQUAL(lost + sz->n, n);
	/* expected 1538 lost in ~385 bursts; bursty, so wide bounds */
	CU_ASSERT_TRUE(lost > 1100 && lost < 2000);
	CU_ASSERT_TRUE(st.bursts > 300 && st.bursts < 470);
	double mean = (double)lost / (double)st.bursts;
	CU_ASSERT_DOUBLE_EQUAL(mean, 4.0, 0.6);
	sctpdk_sim_del(sim);
	free(sz);
}

/* Counts consecutive losses seen by a tap. */
struct gap_tap {
	int in_gap;
	uint64_t gaps;
	uint64_t lost;
};

static void
gap_fn(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	struct gap_tap *g = arg;
	if (ev->type == SCTPDK_SIM_EV_DROPPED) {
		g->lost++;
		g->gaps += !g->in_gap;
		g->in_gap = 1;
	} else if (ev->type == SCTPDK_SIM_EV_DELIVERED) {
		g->in_gap = 0;
	}
}

static void
test_burst_loss_gaps_seen_by_receiver(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink *sz = calloc(1, sizeof(*sz));
	CU_ASSERT_PTR_NOT_NULL_FATAL(sz);
	struct sctpdk_addr a, z;
	struct sctpdk_sim_link_cfg c = {.burst_enter = 0.02, .burst_leave = 0.5};
	struct sctpdk_sim *sim = pair(82, &c, sz, &a, &z);
	struct gap_tap g = {0};
	sctpdk_sim_set_tap(sim, gap_fn, &g);
	for (unsigned int i = 0; i < 20000; i++) {
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 16), &a, &z);
		sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 1);
	}
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	/* with burst_loss = 1 every burst is one gap of consecutive losses, and
	 * a burst can only end in the good state, so gaps == bursts */
	CU_ASSERT_EQUAL(g.lost, st.dropped[SCTPDK_SIM_DROP_LOSS]);
	CU_ASSERT_EQUAL(g.gaps, st.bursts);
	CU_ASSERT_DOUBLE_EQUAL((double)g.lost / (double)g.gaps, 2.0, 0.25);
	struct sctpdk_sim_link_cfg bad = {.burst_enter = 0.1, .burst_leave = 1.5};
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_cfg(sim, 0, SCTPDK_SIM_AB, &bad), SCTPDK_ERR_INVAL);
	sctpdk_sim_del(sim);
	free(sz);
}

static void
test_link_set_up_at(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct tn_sink *sz = calloc(1, sizeof(*sz));
	CU_ASSERT_PTR_NOT_NULL_FATAL(sz);
	struct sctpdk_addr a, z;
	struct sctpdk_sim_link_cfg c = {.delay_us = 50};
	struct sctpdk_sim *sim = pair(83, &c, sz, &a, &z);
	/* outage from 1000 to 3000 us; one packet every 100 us */
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_up_at(sim, 0, SCTPDK_SIM_BOTH, 0, 1000), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_up_at(sim, 0, SCTPDK_SIM_BOTH, 1, 3000), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_link_set_up_at(sim, 4, SCTPDK_SIM_BOTH, 1, 3000),
			SCTPDK_ERR_NOTFOUND);
	struct tn_pump p = {
	    .mp = mp, .src = a, .dst = z, .len = 100, .burst = 1, .period_us = 100, .ticks = 50};
	tn_pump_start(sim, &p, 0);
	sctpdk_sim_run_until(sim, 10000);
	/* sent at 0..900 arrive (the last at 950); 1000..2900 meet a down link
	 * (the outage was scheduled first, so it runs before the send at 1000);
	 * 3000..4900 arrive */
	CU_ASSERT_EQUAL_FATAL(sz->n, 10 + 20);
	CU_ASSERT_EQUAL(sz->tag[9], 9);
	CU_ASSERT_EQUAL(sz->tag[10], 30);
	CU_ASSERT_EQUAL(sz->t_us[10], 3050);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &st);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_DOWN], 20);
	sctpdk_sim_del(sim);
	free(sz);
}

static int
link_suite_init(void)
{
	return sctpdk_test_eal_init();
}

SCTPDK_TEST_SUITE(sim_link, link_suite_init, NULL, SCTPDK_TEST(test_rate_serialisation_times),
		  SCTPDK_TEST(test_rate_throughput_and_queue_drops),
		  SCTPDK_TEST(test_queue_overflow_exact), SCTPDK_TEST(test_default_queue_is_bdp),
		  SCTPDK_TEST(test_loss_dup_corrupt_rates),
		  SCTPDK_TEST(test_reorder_rate_and_holdback),
		  SCTPDK_TEST(test_jitter_bounds_and_fifo), SCTPDK_TEST(test_link_down_up),
		  SCTPDK_TEST(test_multihomed_routing), SCTPDK_TEST(test_mtu_drop),
		  SCTPDK_TEST(test_copy_pool_exhaustion),
		  SCTPDK_TEST(test_lost_packets_use_link_time), SCTPDK_TEST(test_burst_loss),
		  SCTPDK_TEST(test_burst_loss_gaps_seen_by_receiver),
		  SCTPDK_TEST(test_link_set_up_at))
