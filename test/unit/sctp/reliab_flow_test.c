/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reliability scenarios, flow control and fairness (RFC 9260 sections 6.1
 * and 7): a zero window while the receiving application stops reading,
 * and two associations sharing one bottleneck.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk/sctpdk_sctp_path.h>

#include "reliab.h"
#include "sctpdk_sim.h"
#include "sctpdk_test.h"

struct zw {
	struct sp_node *nodes;
	uint64_t t_pause, t_resume;
	uint32_t rx_at_pause, rx_at_resume_minus;
	uint32_t min_peer_rwnd;
	uint32_t max_flight_late; /* sender's flight in the second half of the pause */
};

static void
zw_pause(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct zw *z = arg;
	(void)sim;
	(void)now_us;
	z->nodes[1].paused = true;
}

static void
zw_resume(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct zw *z = arg;
	z->nodes[1].paused = false;
	sp_drain(&z->nodes[1], now_us);
	sctpdk_sim_node_kick(sim, 1);
}

static void
zw_sample(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct zw *z = arg;
	struct sctpdk_sctp_assoc_info ai;
	if (sctpdk_sctp_assoc_info(z->nodes[0].ep, z->nodes[0].id, &ai) == 0) {
		if (ai.peer_rwnd < z->min_peer_rwnd)
			z->min_peer_rwnd = ai.peer_rwnd;
		if (now_us > z->t_pause + (z->t_resume - z->t_pause) / 2 && now_us < z->t_resume &&
		    ai.outstanding_bytes > z->max_flight_late)
			z->max_flight_late = ai.outstanding_bytes;
	}
	if (now_us < z->t_resume + 1000000)
		sctpdk_sim_call_at(sim, now_us + 10000, zw_sample, z);
}

/*
 * Zero window: the receiving application stops reading for 10 s; the
 * sender stalls on the closed window (probing with one chunk) and resumes
 * when reading does; nothing is lost or duplicated. 256 KiB window,
 * 50 ms RTT, 100 Mbit/s.
 */
static void
test_zero_window(void)
{
	struct sctpdk_sctp_config cfg;
	reliab_config(&cfg);
	cfg.rwnd_bytes = 256u << 10;
	struct sp_pair p;
	reliab_pair_init(&p, 51, 5100, 6, 1, &cfg);
	struct sctpdk_sim *sim = p.sim;
	struct sp_node *nodes = p.node;
	struct sp_dir *a2z = &p.a2z, *z2a = &p.z2a;
	reliab_plan(a2z, 24u << 20, 51);
	reliab_plan(z2a, 0, 52);
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2, .rate_bps = RATE_BPS};
	sp_pair_link(&p, 0, &lc, NULL);
	sp_pair_up(&p, 10ull * 1000000);
	uint64_t t0 = sctpdk_sim_now_us(sim);
	struct zw z = {.nodes = nodes, .t_pause = t0 + 1000000, .t_resume = t0 + 11000000,
		       .min_peer_rwnd = UINT32_MAX};
	sctpdk_sim_call_at(sim, z.t_pause, zw_pause, &z);
	sctpdk_sim_call_at(sim, z.t_resume, zw_resume, &z);
	sctpdk_sim_call_at(sim, t0, zw_sample, &z);
	sctpdk_sim_run_until(sim, z.t_pause);
	uint32_t got_at_pause = a2z->received;
	sctpdk_sim_run_until(sim, z.t_resume - 1);
	struct sctpdk_sctp_stats st_z;
	sctpdk_sctp_stats_get(nodes[1].ep, &st_z);
	sctpdk_sim_run_while(sim, sp_transfer_pending_alive, nodes, 600ull * 1000000);
	uint64_t t_end = sctpdk_sim_now_us(sim);
	printf("\n  reading paused %.1f-%.1f s: peer window seen by the sender down to %u B, "
	       "its flight in the second half of the pause <= %u B; %u messages before the "
	       "pause, all %u delivered at %.2f s, exactly once, in order\n",
	       (z.t_pause - t0) / 1e6, (z.t_resume - t0) / 1e6, z.min_peer_rwnd,
	       z.max_flight_late, got_at_pause, a2z->received, (t_end - t0) / 1e6);
	CU_ASSERT(got_at_pause > 0);
	CU_ASSERT(z.min_peer_rwnd < 1452);
	CU_ASSERT(z.max_flight_late <= 2 * 1452); /* one probe chunk at a time */
	CU_ASSERT_EQUAL(a2z->received, a2z->n);
	CU_ASSERT_EQUAL(a2z->errors, 0);
	CU_ASSERT_EQUAL(nodes[0].lost + nodes[1].lost, 0);
	CU_ASSERT(t_end < z.t_resume + 10000000);
	sp_pair_fini(&p);
}

/* Two endpoints (ports 5000+2k and 5001+2k) behind one simulated node. */
struct mux {
	struct sp_node *n[2];
};

static void
mux_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	  const struct sctpdk_addr *dst, uint64_t now)
{
	struct mux *m = ctx;
	const uint8_t *h = rte_pktmbuf_mtod(pkt, const uint8_t *);
	uint16_t dport = (uint16_t)(h[2] << 8 | h[3]);
	sp_node_input(m->n[(dport / 2) % 2 == 0 ? 0 : 1], sim, pkt, src, dst, now);
}

static void
mux_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now)
{
	struct mux *m = ctx;
	for (int i = 0; i < 2; i++)
		if (sctpdk_sctp_next_deadline(m->n[i]->ep) <= now)
			sp_node_timer(m->n[i], sim, now);
}

static uint64_t
mux_deadline(void *ctx)
{
	struct mux *m = ctx;
	uint64_t a = sctpdk_sctp_next_deadline(m->n[0]->ep);
	uint64_t b = sctpdk_sctp_next_deadline(m->n[1]->ep);
	return a < b ? a : b;
}

static const struct sctpdk_sim_node_ops mux_ops = {
	.input = mux_input, .timer = mux_timer, .next_deadline = mux_deadline};

static int
two_not_done(void *arg)
{
	struct sp_node *n = arg; /* n[0..3]: senders 0 and 2 */
	return n[1].rx->received < n[1].rx->n || n[3].rx->received < n[3].rx->n;
}

/*
 * Two associations share one 100 Mbit/s, 50 ms RTT bottleneck, started
 * together. From 3 s on until the first one completes, their goodputs are
 * within 20 % of each other.
 */
static void
test_two_flows_converge(void)
{
	/* Not scaled: shorter runs end inside the first loss epochs. */
	uint64_t bytes = 128ull << 20;
	struct sp_dir tx[2], none[2];
	const struct sp_env *env = reliab_env();
	struct sctpdk_sim *sim = sctpdk_sim_new(61, env->pool);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct sp_node n[4]; /* 0: sender 1 (A side), 1: its receiver (Z side), 2, 3: flow 2 */
	memset(n, 0, sizeof(n));
	struct sctpdk_addr addr[2] = {sctpdk_addr_v4(10, 7, 0, 1), sctpdk_addr_v4(10, 7, 0, 2)};
	for (int f = 0; f < 2; f++) {
		reliab_plan(&tx[f], bytes, 61 + (uint64_t)f);
		reliab_plan(&none[f], 0, 63 + (uint64_t)f);
	}
	for (int i = 0; i < 4; i++) {
		int f = i / 2, side = i % 2;
		n[i].sim = sim;
		n[i].env = env;
		n[i].rng = 6100 + (uint64_t)i;
		n[i].addr = addr[side];
		n[i].tx = side == 0 ? &tx[f] : &none[f];
		n[i].rx = side == 0 ? &none[f] : &tx[f];
		struct sctpdk_sctp_config cfg;
		reliab_config(&cfg);
		cfg.local_port = (uint16_t)(5000 + 2 * f + side);
		cfg.n_local_addrs = 1;
		cfg.local_addrs[0] = addr[side];
		cfg.listening = side == 1;
		sp_node_ep_new(&n[i], &cfg);
	}
	/* ports 5000/5002 on A, 5001/5003 on Z: (port / 2) % 2 selects the flow */
	struct mux ma = {{&n[0], &n[2]}}, mz = {{&n[1], &n[3]}};
	CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &mux_ops, &ma, &addr[0], 1) >= 0);
	CU_ASSERT_FATAL(sctpdk_sim_node_add(sim, &mux_ops, &mz, &addr[1], 1) >= 0);
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2, .rate_bps = RATE_BPS};
	CU_ASSERT_FATAL(sctpdk_sim_link_add(sim, &addr[0], &addr[1], &lc, NULL) >= 0);
	CU_ASSERT_FATAL(sctpdk_sctp_associate(n[0].ep, &addr[1], 5001, N_STREAMS, 0) > 0);
	CU_ASSERT_FATAL(sctpdk_sctp_associate(n[2].ep, &addr[1], 5003, N_STREAMS, 0) > 0);
	sctpdk_sim_node_kick(sim, 0);
	uint64_t t_both = sctpdk_sim_now_us(sim);
	/* Measure from 3 s after the start until the first finishes. */
	sctpdk_sim_run_until(sim, t_both + 3000000);
	uint64_t b0[2] = {tx[0].bytes, tx[1].bytes}, tm0 = sctpdk_sim_now_us(sim);
	while (tx[0].received < tx[0].n && tx[1].received < tx[1].n &&
	       sctpdk_sim_now_us(sim) < tm0 + 600000000ull)
		sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 100000);
	uint64_t b1[2] = {tx[0].bytes, tx[1].bytes}, tm1 = sctpdk_sim_now_us(sim);
	double g[2];
	for (int f = 0; f < 2; f++)
		g[f] = (double)(b1[f] - b0[f]) * 8.0 / ((double)(tm1 - tm0) / 1e6);
	CU_ASSERT_EQUAL(sctpdk_sim_run_while(sim, two_not_done, n, 600ull * 1000000), 0);
	double ratio = g[0] > g[1] ? g[1] / g[0] : g[0] / g[1];
	printf("\n  shared 100 Mbit/s bottleneck, %.1f s measured: flow 1 %.2f Mbit/s, flow 2 "
	       "%.2f Mbit/s (ratio %.2f, >= 0.80 required), sum %.2f Mbit/s\n",
	       (tm1 - tm0) / 1e6, g[0] / 1e6, g[1] / 1e6, ratio, (g[0] + g[1]) / 1e6);
	CU_ASSERT(ratio >= 0.8);
	CU_ASSERT(tm1 - tm0 >= 2000000);
	for (int f = 0; f < 2; f++) {
		CU_ASSERT_EQUAL(tx[f].received, tx[f].n);
		CU_ASSERT_EQUAL(tx[f].errors, 0);
	}
	sctpdk_sim_del(sim);
	for (int i = 0; i < 4; i++)
		sctpdk_sctp_ep_del(n[i].ep);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(env->pool), 0);
	for (int f = 0; f < 2; f++) {
		sp_dir_free(&tx[f]);
		sp_dir_free(&none[f]);
	}
}

SCTPDK_TEST_SUITE(sctp_reliab_flow, reliab_suite_init, reliab_suite_fini,
		  SCTPDK_TEST(test_zero_window), SCTPDK_TEST(test_two_flows_converge))
