/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The event queue, exercised through the public API: ordering of many
 * events with ties, and timer events moved and removed at random.
 */
#include <stdlib.h>
#include <string.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"

#define N_CALLS 5000

struct call_log {
	unsigned int n;
	uint64_t t[N_CALLS];
	unsigned int idx[N_CALLS];
};

struct call_arg {
	struct call_log *log;
	unsigned int idx;
};

static void
log_call(void *arg, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct call_arg *c = arg;
	struct call_log *l = c->log;
	if (l->n < N_CALLS) {
		l->t[l->n] = now_us;
		l->idx[l->n] = c->idx;
	}
	l->n++;
}

static void
test_many_events_with_ties_in_order(void)
{
	struct sctpdk_sim *sim = sctpdk_sim_new(401, NULL);
	struct call_log *log = calloc(1, sizeof(*log));
	struct call_arg *args = calloc(N_CALLS, sizeof(*args));
	uint64_t *when = calloc(N_CALLS, sizeof(*when));
	CU_ASSERT_TRUE_FATAL(sim != NULL && log != NULL && args != NULL && when != NULL);
	uint64_t rng = 12345;
	for (unsigned int i = 0; i < N_CALLS; i++) {
		args[i] = (struct call_arg){log, i};
		when[i] = sctpdk_test_rand(&rng) % 300; /* many ties */
		CU_ASSERT_EQUAL(sctpdk_sim_call_at(sim, when[i], log_call, &args[i]), 0);
	}
	CU_ASSERT_EQUAL(sctpdk_sim_pending(sim), N_CALLS);
	CU_ASSERT_EQUAL(sctpdk_sim_run_until(sim, 1000), N_CALLS);
	CU_ASSERT_EQUAL_FATAL(log->n, N_CALLS);
	unsigned int bad = 0;
	for (unsigned int i = 0; i < N_CALLS; i++) {
		bad += log->t[i] != when[log->idx[i]];
		if (i > 0) {
			/* by time, then in the order they were scheduled */
			bad += log->t[i] < log->t[i - 1];
			bad += log->t[i] == log->t[i - 1] && log->idx[i] < log->idx[i - 1];
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(sctpdk_sim_pending(sim), 0);
	free(when);
	free(args);
	free(log);
	sctpdk_sim_del(sim);
}

#define N_NODES 64

struct tnode {
	uint64_t deadline;
	unsigned int fired;
	uint64_t fired_at;
};

static void
tnode_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
	    const struct sctpdk_addr *dst, uint64_t now_us)
{
}

static void
tnode_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now_us)
{
	struct tnode *n = ctx;
	n->fired++;
	n->fired_at = now_us;
	n->deadline = SCTPDK_SIM_NEVER;
}

static uint64_t
tnode_deadline(void *ctx)
{
	return ((struct tnode *)ctx)->deadline;
}

static const struct sctpdk_sim_node_ops tnode_ops = {tnode_input, tnode_timer, tnode_deadline};

static void
test_timers_moved_and_removed_at_random(void)
{
	struct sctpdk_sim *sim = sctpdk_sim_new(402, NULL);
	struct tnode nodes[N_NODES];
	memset(nodes, 0, sizeof(nodes));
	uint64_t rng = 777;
	for (unsigned int i = 0; i < N_NODES; i++) {
		struct sctpdk_addr a = sctpdk_addr_v4(10, 2, (uint8_t)(i >> 8), (uint8_t)i);
		nodes[i].deadline = 1000 + sctpdk_test_rand(&rng) % 1000;
		CU_ASSERT_EQUAL(sctpdk_sim_node_add(sim, &tnode_ops, &nodes[i], &a, 1), (int)i);
	}
	/* 3000 random moves: later, earlier, cancelled, re-armed */
	for (unsigned int k = 0; k < 3000; k++) {
		unsigned int i = (unsigned int)(sctpdk_test_rand(&rng) % N_NODES);
		uint64_t r = sctpdk_test_rand(&rng) % 1100;
		nodes[i].deadline = r >= 1000 ? SCTPDK_SIM_NEVER : 1000 + r;
		CU_ASSERT_EQUAL(sctpdk_sim_node_kick(sim, (int)i), 0);
	}
	unsigned int armed = 0;
	for (unsigned int i = 0; i < N_NODES; i++)
		armed += nodes[i].deadline != SCTPDK_SIM_NEVER;
	CU_ASSERT_EQUAL(sctpdk_sim_pending(sim), armed);
	uint64_t want[N_NODES];
	for (unsigned int i = 0; i < N_NODES; i++)
		want[i] = nodes[i].deadline;
	CU_ASSERT_EQUAL(sctpdk_sim_run_until(sim, 5000), armed);
	for (unsigned int i = 0; i < N_NODES; i++) {
		if (want[i] == SCTPDK_SIM_NEVER) {
			CU_ASSERT_EQUAL(nodes[i].fired, 0);
		} else {
			CU_ASSERT_EQUAL(nodes[i].fired, 1);
			CU_ASSERT_EQUAL(nodes[i].fired_at, want[i]);
		}
	}
	struct sctpdk_sim_stats st;
	sctpdk_sim_stats(sim, &st);
	CU_ASSERT_EQUAL(st.timer_calls, armed);
	CU_ASSERT_EQUAL(st.timer_spins, 0);
	sctpdk_sim_del(sim);
}

SCTPDK_TEST_SUITE(sim_event, NULL, NULL, SCTPDK_TEST(test_many_events_with_ties_in_order),
		  SCTPDK_TEST(test_timers_moved_and_removed_at_random))
