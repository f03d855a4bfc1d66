/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * End-to-end: a stop-and-wait ARQ protocol (a stand-in for the SCTP core)
 * on two nodes, over links with every impairment on. It exercises what
 * protocol tests rely on together: timers driving retransmissions,
 * re-entrant sends, corruption caught by the receiver's CRC, rules,
 * starting a node from outside with sctpdk_sim_node_kick, run_while, and
 * run-to-run determinism.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"
#include "sim_test_nodes.h"

#define ARQ_MSGS 200
#define T_DATA   0
#define T_ACK    3

struct arq_tx {
	struct rte_mempool *mp;
	struct sctpdk_addr self;
	struct sctpdk_addr peer;
	uint32_t next; /* first unacknowledged message */
	uint64_t rto_us;
	uint64_t deadline; /* retransmission timer */
	unsigned int sent;
	unsigned int retransmits;
	unsigned int bad_acks;
	uint64_t done_us;
};

struct arq_rx {
	struct rte_mempool *mp;
	uint32_t expected;
	uint32_t order[ARQ_MSGS];
	unsigned int dups;
	unsigned int bad;
};

static void
tx_send_current(struct arq_tx *t, struct sctpdk_sim *sim, uint64_t now_us)
{
	const uint8_t type = T_DATA;
	struct rte_mbuf *m = tn_pkt(t->mp, t->next, &type, 1, 200);
	if (m != NULL)
		sctpdk_sim_send(sim, m, &t->self, &t->peer);
	t->sent++;
	t->deadline = now_us + t->rto_us;
}

static void
tx_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	 const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct arq_tx *t = ctx;
	int ok = tn_pkt_ok(pkt) && sctpdk_sim_has_chunk(pkt, T_ACK);
	uint32_t ack = tn_tag(pkt);
	rte_pktmbuf_free(pkt);
	if (!ok) {
		t->bad_acks++;
		return;
	}
	if (ack <= t->next || t->next >= ARQ_MSGS)
		return; /* old or duplicate acknowledgement */
	t->next = ack;
	if (t->next >= ARQ_MSGS) {
		t->deadline = SCTPDK_SIM_NEVER;
		t->done_us = now_us;
		return;
	}
	tx_send_current(t, sim, now_us);
}

static void
tx_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct arq_tx *t = ctx;
	t->retransmits++;
	tx_send_current(t, sim, now_us);
}

static uint64_t
tx_deadline(void *ctx)
{
	return ((struct arq_tx *)ctx)->deadline;
}

static const struct sctpdk_sim_node_ops tx_ops = {tx_input, tx_timer, tx_deadline};

static void
rx_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	 const struct sctpdk_addr *dst, uint64_t now_us)
{
	struct arq_rx *r = ctx;
	if (!tn_pkt_ok(pkt) || !sctpdk_sim_has_chunk(pkt, T_DATA)) {
		r->bad++;
		rte_pktmbuf_free(pkt);
		return;
	}
	uint32_t seq = tn_tag(pkt);
	rte_pktmbuf_free(pkt);
	if (seq == r->expected && seq < ARQ_MSGS)
		r->order[r->expected++] = seq;
	else
		r->dups++;
	/* cumulative acknowledgement, sent from inside input */
	const uint8_t type = T_ACK;
	struct rte_mbuf *ack = tn_pkt(r->mp, r->expected, &type, 1, 4);
	if (ack != NULL)
		sctpdk_sim_send(sim, ack, dst, src);
}

static const struct sctpdk_sim_node_ops rx_ops = {.input = rx_input};

/* Tap: which delivered packets were corrupted on the way (copies of a
 * corrupted packet included). */
#define MAX_IDS 65536
struct corrupt_watch {
	uint8_t bad_id[MAX_IDS / 8];
	unsigned int delivered_bad;
	unsigned int overflow;
};

static int
id_marked(const struct corrupt_watch *w, uint64_t id)
{
	return id < MAX_IDS && (w->bad_id[id / 8] >> (id % 8)) & 1;
}

static void
watch_tap(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	struct corrupt_watch *w = arg;
	if (ev->pkt_id >= MAX_IDS) {
		w->overflow++;
		return;
	}
	if (ev->type == SCTPDK_SIM_EV_CORRUPTED ||
	    (ev->type == SCTPDK_SIM_EV_DUPLICATED && id_marked(w, ev->orig_id)))
		w->bad_id[ev->pkt_id / 8] |= (uint8_t)(1u << (ev->pkt_id % 8));
	if (ev->type == SCTPDK_SIM_EV_DELIVERED && id_marked(w, ev->pkt_id))
		w->delivered_bad++;
}

static int
not_done(void *arg)
{
	return ((struct arq_tx *)arg)->next < ARQ_MSGS;
}

struct arq_result {
	uint64_t done_us;
	uint64_t trace;
	unsigned int retransmits;
};

static void
arq_run(uint64_t seed, int with_rule, struct arq_result *res)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct sctpdk_sim *sim = sctpdk_sim_new(seed, mp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	struct sctpdk_addr a = sctpdk_addr_v4(172, 16, 0, 1), z = sctpdk_addr_v4(172, 16, 0, 2);
	struct arq_tx *t = calloc(1, sizeof(*t));
	struct arq_rx *r = calloc(1, sizeof(*r));
	struct corrupt_watch *w = calloc(1, sizeof(*w));
	CU_ASSERT_TRUE_FATAL(t != NULL && r != NULL && w != NULL);
	sctpdk_sim_set_tap(sim, watch_tap, w);
	*t = (struct arq_tx){
	    .mp = mp, .self = a, .peer = z, .rto_us = 30000, .deadline = SCTPDK_SIM_NEVER};
	r->mp = mp;
	int na = sctpdk_sim_node_add(sim, &tx_ops, t, &a, 1);
	CU_ASSERT_EQUAL(sctpdk_sim_node_add(sim, &rx_ops, r, &z, 1), 1);
	struct sctpdk_sim_link_cfg c = {.delay_us = 5000,
					.jitter_us = 1000,
					.rate_bps = 10000000,
					.loss = 0.15,
					.dup = 0.05,
					.reorder = 0.05,
					.reorder_us = 8000,
					.corrupt = 0.05};
	sctpdk_sim_link_add(sim, &a, &z, &c, NULL);
	int rule = -1;
	if (with_rule) {
		struct sctpdk_sim_rule dr = {
		    .chunk_type = T_DATA, .first = 2, .last = 4, .action = SCTPDK_SIM_ACT_DROP};
		rule = sctpdk_sim_rule_add(sim, 0, SCTPDK_SIM_AB, &dr);
	}

	/* the "application" starts the transfer from outside any callback */
	sctpdk_sim_run_until(sim, 1000);
	tx_send_current(t, sim, sctpdk_sim_now_us(sim));
	CU_ASSERT_EQUAL(sctpdk_sim_node_kick(sim, na), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_run_while(sim, not_done, t, 120000000), 0);

	CU_ASSERT_EQUAL(r->expected, ARQ_MSGS);
	for (unsigned int i = 0; i < ARQ_MSGS; i++)
		CU_ASSERT_EQUAL(r->order[i], i);
	CU_ASSERT_EQUAL(t->sent, ARQ_MSGS + t->retransmits);
	CU_ASSERT_TRUE(t->retransmits > 0);
	struct sctpdk_sim_link_stats ab, ba;
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_AB, &ab);
	sctpdk_sim_link_stats(sim, 0, SCTPDK_SIM_BA, &ba);
	/* the CRC checks caught exactly the corrupted packets that arrived */
	CU_ASSERT_EQUAL(w->overflow, 0);
	CU_ASSERT_EQUAL(r->bad + t->bad_acks, w->delivered_bad);
	CU_ASSERT_TRUE(r->bad > 0);
	CU_ASSERT_TRUE(ab.corrupted > 0 && ba.corrupted > 0);
	CU_ASSERT_TRUE(ab.dropped[SCTPDK_SIM_DROP_LOSS] > 0 && ba.duplicated > 0);
	if (with_rule) {
		uint64_t fired = 0;
		sctpdk_sim_rule_counts(sim, rule, NULL, &fired);
		CU_ASSERT_EQUAL(fired, 3);
		CU_ASSERT_TRUE(t->retransmits >= 3);
	}
	/* each message needs at least one round trip of 10 ms */
	CU_ASSERT_TRUE(t->done_us >= 1000 + ARQ_MSGS * 10000ULL);
	CU_ASSERT_EQUAL(sctpdk_sim_now_us(sim), t->done_us);
	res->done_us = t->done_us;
	res->trace = sctpdk_sim_trace_hash(sim);
	res->retransmits = t->retransmits;
	sctpdk_sim_del(sim);
	free(t);
	free(r);
	free(w);
}

static void
test_arq_over_impaired_link(void)
{
	struct arq_result r1, r2, r3;
	arq_run(1001, 1, &r1);
	arq_run(1001, 1, &r2);
	arq_run(1002, 1, &r3);
	CU_ASSERT_EQUAL(r1.done_us, r2.done_us);
	CU_ASSERT_EQUAL(r1.trace, r2.trace);
	CU_ASSERT_EQUAL(r1.retransmits, r2.retransmits);
	CU_ASSERT_NOT_EQUAL(r1.trace, r3.trace);
}

static int
arq_suite_init(void)
{
	return sctpdk_test_eal_init();
}

SCTPDK_TEST_SUITE(sim_arq, arq_suite_init, NULL, SCTPDK_TEST(test_arq_over_impaired_link))
