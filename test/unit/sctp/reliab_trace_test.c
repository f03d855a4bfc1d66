/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reliability scenarios, congestion trace (RFC 9260 sections 6.3 and 7):
 * one sender's congestion window and RTO checked step by step against the
 * exact values of the RFC through slow start, a fast retransmit and a
 * series of T3-rtx expiries.
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

/* One change of the sender's congestion or RTO state. */
struct trace_rec {
	uint64_t t_us;
	struct sctpdk_sctp_path_info pi;
};

struct trace {
	struct trace_rec *rec;
	uint32_t n, cap;
	struct sctpdk_sctp_path_info last;
};

static void
trace_note(struct sp_node *n, uint64_t now)
{
	struct sctpdk_sctp_path_info pi;
	if (!n->up || sctpdk_sctp_path_info(n->ep, n->id, 0, &pi) != 0)
		return;
	struct trace *t = n->user;
	if (t->n > 0 && pi.cwnd == t->last.cwnd && pi.ssthresh == t->last.ssthresh &&
	    pi.rto_us == t->last.rto_us && pi.t3_expiries == t->last.t3_expiries &&
	    pi.fast_rtx_events == t->last.fast_rtx_events)
		return;
	if (t->n < t->cap)
		t->rec[t->n++] = (struct trace_rec){.t_us = now, .pi = pi};
	t->last = pi;
}

/* The sender's state after each call into it and after its events. */
static const struct sp_hooks trace_hooks = {.after = trace_note, .drained = trace_note};

/* Counts DATA packets the sender put on the link per round trip. */
struct round_count {
	uint64_t t0;
	uint32_t per_rtt[64];
};

static void
count_tap(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	struct round_count *rc = arg;
	if (ev->type != SCTPDK_SIM_EV_SENT || ev->dir != SCTPDK_SIM_AB)
		return;
	uint8_t types[SCTPDK_SIM_REC_CHUNKS];
	unsigned nt = sctpdk_sim_chunk_types(ev->pkt, types, SCTPDK_SIM_REC_CHUNKS);
	bool data = false;
	for (unsigned i = 0; i < nt; i++)
		data |= types[i] == 0;
	if (data && rc->t0 == 0)
		rc->t0 = ev->time_us; /* the first round starts with the first DATA */
	uint64_t k = (ev->time_us - rc->t0) / RTT_US;
	if (data && k < 64)
		rc->per_rtt[k]++;
}

static void
link_down(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	(void)arg;
	(void)now_us;
	sctpdk_sim_link_set_up(sim, 0, SCTPDK_SIM_BOTH, 0);
}

static void
link_up(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	(void)arg;
	(void)now_us;
	sctpdk_sim_link_set_up(sim, 0, SCTPDK_SIM_BOTH, 1);
}

/*
 * Trace of one sender (SACK for every packet, so slow start doubles per
 * round trip; 1452-byte messages fill one packet each; 50 ms RTT, no rate
 * limit): the exact values of RFC 9260 7.2.1-7.2.4 and 6.3.3.
 */
static void
test_trace(void)
{
	const uint32_t MTU = 1452;
	struct sctpdk_sctp_config cfg;
	reliab_config(&cfg);
	cfg.sack_freq = 1;
	cfg.max_burst = 0;
	struct sp_pair pair;
	reliab_pair_init(&pair, 77, 900, 3, 1, &cfg);
	struct sctpdk_sim *sim = pair.sim;
	struct sp_node *nodes = pair.node;
	struct sp_dir *a2z = &pair.a2z;
	reliab_plan(a2z, 40u << 20, 5);
	a2z->n = (40u << 20) / 1000;
	for (uint32_t k = 0; k < a2z->n; k++)
		a2z->len[k] = MTU;
	reliab_plan(&pair.z2a, 0, 6);
	struct trace tr = {.cap = 100000};
	tr.rec = calloc(tr.cap, sizeof(*tr.rec));
	CU_ASSERT_PTR_NOT_NULL_FATAL(tr.rec);
	nodes[0].hooks = &trace_hooks;
	nodes[0].user = &tr;
	struct sctpdk_sim_link_cfg lc = {.delay_us = RTT_US / 2};
	sp_pair_link(&pair, 0, &lc, NULL);
	struct round_count rcount;
	memset(&rcount, 0, sizeof(rcount));
	sctpdk_sim_set_tap(sim, count_tap, &rcount);
	/* The 200th DATA packet is lost: fast retransmit. */
	struct sctpdk_sim_rule drop = {.chunk_type = 0, .first = 200,
				       .action = SCTPDK_SIM_ACT_DROP};
	CU_ASSERT_FATAL(sctpdk_sim_rule_add(sim, 0, SCTPDK_SIM_AB, &drop) >= 0);
	sp_pair_up(&pair, 10ull * 1000000);
	uint64_t t0 = sctpdk_sim_now_us(sim);
	sp_refill(&nodes[0], t0);
	sctpdk_sim_node_kick(sim, 0);
	/* Then the link goes down for 20 s: consecutive T3-rtx expiries. */
	uint64_t t_cut = t0 + 3000000;
	sctpdk_sim_call_at(sim, t_cut, link_down, NULL);
	sctpdk_sim_call_at(sim, t_cut + 20000000, link_up, NULL);
	sctpdk_sim_run_until(sim, t_cut + 70000000);

	/* 1. Slow start: DATA packets per round trip double from the initial
	 *    cwnd (4380 -> 4 packets: sending while flight < cwnd), and every
	 *    SACK in slow start raises cwnd by exactly min(acked, MTU). */
	printf("\n  DATA packets per RTT:");
	for (int k = 0; k < 6; k++)
		printf(" %u", rcount.per_rtt[k]);
	for (int k = 0; k < 5; k++)
		CU_ASSERT_EQUAL(rcount.per_rtt[k], 4u << k);
	CU_ASSERT_TRUE_FATAL(tr.n > 10);
	CU_ASSERT_EQUAL(tr.rec[0].pi.cwnd, 4380u); /* min(4*MTU, max(2*MTU, 4380)) */
	uint32_t ss_steps = 0, ss_bad = 0;
	uint32_t i = 1;
	for (; i < tr.n && tr.rec[i].pi.fast_rtx_events == 0; i++) {
		if (tr.rec[i].pi.cwnd != tr.rec[i - 1].pi.cwnd) {
			ss_steps++;
			ss_bad += tr.rec[i].pi.cwnd != tr.rec[i - 1].pi.cwnd + MTU;
		}
	}
	printf("\n  slow start: %u steps of +%u bytes (cwnd 4380 -> %u)", ss_steps, MTU,
	       tr.rec[i - 1].pi.cwnd);
	CU_ASSERT(ss_steps >= 190);
	CU_ASSERT_EQUAL(ss_bad, 0);
	/* 2. Fast retransmit: ssthresh = max(cwnd/2, 4*MTU), cwnd = ssthresh. */
	CU_ASSERT_FATAL(i < tr.n);
	uint32_t before = tr.rec[i - 1].pi.cwnd;
	uint32_t half = before / 2 > 4 * MTU ? before / 2 : 4 * MTU;
	printf("\n  fast retransmit: cwnd %u -> %u, ssthresh %u", before, tr.rec[i].pi.cwnd,
	       tr.rec[i].pi.ssthresh);
	CU_ASSERT_EQUAL(tr.rec[i].pi.ssthresh, half);
	CU_ASSERT_EQUAL(tr.rec[i].pi.cwnd, half);
	CU_ASSERT_EQUAL(tr.rec[i].pi.fast_rtx_events, 1);
	/* 3. T3 expiries during the outage: cwnd = 1 MTU, ssthresh =
	 *    max(cwnd/2, 4*MTU), RTO doubling from RTO.Min (1 s: the
	 *    measured 50 ms RTT gives 150 ms, raised to the minimum) and each
	 *    expiry one RTO after the previous one. */
	uint64_t t3_seen = 0, prev_t = 0, prev_rto = 0;
	uint32_t prev_cwnd = 0;
	printf("\n  T3 expiries (time after the cut, RTO, cwnd, ssthresh):");
	for (uint32_t j = 1; j < tr.n; j++) {
		const struct sctpdk_sctp_path_info *p = &tr.rec[j].pi, *q = &tr.rec[j - 1].pi;
		if (p->t3_expiries == q->t3_expiries)
			continue;
		t3_seen++;
		printf(" [%.3f s, %.0f s, %u, %u]", (tr.rec[j].t_us - t_cut) / 1e6, p->rto_us / 1e6,
		       p->cwnd, p->ssthresh);
		CU_ASSERT_EQUAL(p->cwnd, MTU);
		uint32_t want_ss = q->cwnd / 2 > 4 * MTU ? q->cwnd / 2 : 4 * MTU;
		CU_ASSERT_EQUAL(p->ssthresh, want_ss);
		if (t3_seen == 1) {
			CU_ASSERT_EQUAL(q->rto_us, 1000000u);
			CU_ASSERT_EQUAL(p->rto_us, 2000000u);
			prev_cwnd = q->cwnd;
		} else {
			CU_ASSERT_EQUAL(p->rto_us, prev_rto * 2);
			CU_ASSERT_EQUAL(tr.rec[j].t_us - prev_t, prev_rto);
		}
		prev_t = tr.rec[j].t_us;
		prev_rto = p->rto_us;
	}
	(void)prev_cwnd;
	/* Expiries 1, 3, 7, 15 s into the 20 s outage (the timer was running
	 * when it began, so each is 50 ms earlier), and the one at 31 s
	 * retransmits over the restored link. */
	CU_ASSERT_EQUAL(t3_seen, 5);
	printf("\n  after the outage: %u of %u messages delivered, errors %u\n", a2z->received,
	       a2z->n, a2z->errors);
	CU_ASSERT_EQUAL(a2z->errors, 0);
	CU_ASSERT_EQUAL(a2z->received, a2z->n);
	CU_ASSERT_EQUAL(nodes[0].lost, 0);
	sp_pair_fini(&pair);
	free(tr.rec);
}


SCTPDK_TEST_SUITE(sctp_reliab_trace, reliab_suite_init, reliab_suite_fini,
		  SCTPDK_TEST(test_trace))
