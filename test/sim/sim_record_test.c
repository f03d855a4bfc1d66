/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Observation (tap, recorder) and determinism: same seed, same run.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"
#include "sim_test_nodes.h"

struct tap_log {
	unsigned int n;
	struct {
		enum sctpdk_sim_ev_type type;
		enum sctpdk_sim_drop reason;
		uint64_t id, orig, time, at;
		uint32_t tag;
		int link;
	} e[64];
	uint64_t hash;
};

static void
tap_fn(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	struct tap_log *t = arg;
	if (t->n < 64) {
		t->e[t->n].type = ev->type;
		t->e[t->n].reason = ev->reason;
		t->e[t->n].id = ev->pkt_id;
		t->e[t->n].orig = ev->orig_id;
		t->e[t->n].time = ev->time_us;
		t->e[t->n].at = ev->at_us;
		t->e[t->n].tag = tn_tag(ev->pkt);
		t->e[t->n].link = ev->link;
	}
	t->n++;
	uint64_t w[5] = {ev->type, ev->reason, ev->time_us, ev->pkt_id, tn_tag(ev->pkt)};
	uint64_t h = t->hash ? t->hash : 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < sizeof(w); i++)
		h = (h ^ ((const uint8_t *)w)[i]) * 0x100000001b3ULL;
	t->hash = h;
}

static void
test_tap_sees_every_event(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct sctpdk_sim *sim = sctpdk_sim_new(201, mp);
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 1), z = sctpdk_addr_v4(10, 0, 0, 2);
	struct sctpdk_addr nowhere = sctpdk_addr_v4(10, 9, 9, 9);
	struct tn_sink sz = {0};
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sz, &z, 1);
	struct sctpdk_sim_link_cfg c = {.delay_us = 100};
	sctpdk_sim_link_add(sim, &a, &z, &c, NULL);
	struct sctpdk_sim_rule r = {.chunk_type = SCTPDK_SIM_ANY_CHUNK};
	r.first = 2, r.action = SCTPDK_SIM_ACT_DUP;
	sctpdk_sim_rule_add(sim, 0, SCTPDK_SIM_AB, &r);
	r.first = 3, r.action = SCTPDK_SIM_ACT_CORRUPT;
	sctpdk_sim_rule_add(sim, 0, SCTPDK_SIM_AB, &r);
	r.first = 4, r.action = SCTPDK_SIM_ACT_DELAY, r.delay_us = 1000;
	sctpdk_sim_rule_add(sim, 0, SCTPDK_SIM_AB, &r);
	r.first = 5, r.action = SCTPDK_SIM_ACT_DROP;
	sctpdk_sim_rule_add(sim, 0, SCTPDK_SIM_AB, &r);
	struct tap_log *t = calloc(1, sizeof(*t));
	sctpdk_sim_set_tap(sim, tap_fn, t);
	for (uint32_t i = 1; i <= 5; i++)
		sctpdk_sim_send(sim, tn_pkt_len(mp, i, 64), &a, &z);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 6, 64), &a, &nowhere);
	sctpdk_sim_run_until(sim, 5000);

	static const struct {
		enum sctpdk_sim_ev_type type;
		uint64_t id, orig, time, at;
		int link;
	} want[] = {
	    {SCTPDK_SIM_EV_SENT, 1, 1, 0, 100, 0},
	    {SCTPDK_SIM_EV_SENT, 2, 2, 0, 100, 0},
	    {SCTPDK_SIM_EV_DUPLICATED, 3, 2, 0, 100, 0},
	    {SCTPDK_SIM_EV_SENT, 4, 4, 0, 100, 0},
	    {SCTPDK_SIM_EV_CORRUPTED, 4, 4, 0, 100, 0},
	    {SCTPDK_SIM_EV_SENT, 5, 5, 0, 1100, 0},
	    {SCTPDK_SIM_EV_DELAYED, 5, 5, 0, 1100, 0},
	    {SCTPDK_SIM_EV_SENT, 6, 6, 0, 0, 0},
	    {SCTPDK_SIM_EV_DROPPED, 6, 6, 0, 0, 0},
	    {SCTPDK_SIM_EV_SENT, 7, 7, 0, 0, -1},
	    {SCTPDK_SIM_EV_DROPPED, 7, 7, 0, 0, -1},
	    {SCTPDK_SIM_EV_DELIVERED, 1, 1, 100, 100, 0},
	    {SCTPDK_SIM_EV_DELIVERED, 2, 2, 100, 100, 0},
	    {SCTPDK_SIM_EV_DELIVERED, 3, 3, 100, 100, 0},
	    {SCTPDK_SIM_EV_DELIVERED, 4, 4, 100, 100, 0},
	    {SCTPDK_SIM_EV_DELIVERED, 5, 5, 1100, 1100, 0},
	};
	CU_ASSERT_EQUAL_FATAL(t->n, sizeof(want) / sizeof(want[0]));
	for (unsigned int i = 0; i < t->n; i++) {
		CU_ASSERT_EQUAL(t->e[i].type, want[i].type);
		CU_ASSERT_EQUAL(t->e[i].id, want[i].id);
		CU_ASSERT_EQUAL(t->e[i].orig, want[i].orig);
		CU_ASSERT_EQUAL(t->e[i].time, want[i].time);
		CU_ASSERT_EQUAL(t->e[i].at, want[i].at);
		CU_ASSERT_EQUAL(t->e[i].link, want[i].link);
	}
	CU_ASSERT_EQUAL(t->e[8].reason, SCTPDK_SIM_DROP_RULE);
	CU_ASSERT_EQUAL(t->e[10].reason, SCTPDK_SIM_DROP_NOROUTE);
	CU_ASSERT_EQUAL(t->e[2].tag, 2);
	CU_ASSERT_EQUAL(sz.bad, 1);
	/* removing the tap stops the calls */
	sctpdk_sim_set_tap(sim, NULL, NULL);
	sctpdk_sim_send(sim, tn_pkt_len(mp, 7, 64), &a, &z);
	sctpdk_sim_run_until(sim, 10000);
	CU_ASSERT_EQUAL(t->n, 16);
	free(t);
	sctpdk_sim_del(sim);
}

static void
test_recorder_ring(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct sctpdk_sim *sim = sctpdk_sim_new(202, mp);
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 1), z = sctpdk_addr_v4(10, 0, 0, 2);
	struct tn_sink sz = {0};
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sz, &z, 1);
	struct sctpdk_sim_link_cfg c = {.delay_us = 10};
	sctpdk_sim_link_add(sim, &a, &z, &c, NULL);
	CU_ASSERT_EQUAL(sctpdk_sim_recorder_enable(sim, 4, 70000, SCTPDK_SIM_EV_MASK_ALL),
			SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(
	    sctpdk_sim_recorder_enable(sim, 4, 16, SCTPDK_SIM_EV_MASK(SCTPDK_SIM_EV_DELIVERED)), 0);
	CU_ASSERT_PTR_NULL(sctpdk_sim_recorder_get(sim, 0));
	const uint8_t types[3] = {0, 0, 3}; /* DATA, DATA, SACK */
	for (uint32_t i = 0; i < 10; i++) {
		sctpdk_sim_send(sim, tn_pkt(mp, i, types, 3, 4), &a, &z);
		sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 100);
	}
	CU_ASSERT_EQUAL(sctpdk_sim_recorder_count(sim), 4);
	CU_ASSERT_EQUAL(sctpdk_sim_recorder_total(sim), 10);
	for (unsigned int i = 0; i < 4; i++) {
		const struct sctpdk_sim_record *r = sctpdk_sim_recorder_get(sim, i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(r->type, SCTPDK_SIM_EV_DELIVERED);
		CU_ASSERT_EQUAL(r->time_us, (6 + i) * 100 + 10);
		CU_ASSERT_EQUAL(r->pkt_len, 12 + 3 * 8);
		CU_ASSERT_EQUAL(r->snap_len, 16);
		CU_ASSERT_EQUAL(r->n_chunks, 3);
		CU_ASSERT_EQUAL(r->chunks[2], 3);
		CU_ASSERT_EQUAL(r->link, 0);
		CU_ASSERT_EQUAL(r->dir, SCTPDK_SIM_AB);
		CU_ASSERT_TRUE(sctpdk_addr_eq(&r->dst, &z));
		/* the verification tag sits at offset 4 of the snap */
		CU_ASSERT_EQUAL(r->snap[7], 6 + i);
		CU_ASSERT_EQUAL(r->snap[12], 0); /* first chunk type */
		CU_ASSERT_EQUAL(r->snap[15], 8); /* its length */
	}
	CU_ASSERT_PTR_NULL(sctpdk_sim_recorder_get(sim, 4));
	sctpdk_sim_recorder_clear(sim);
	CU_ASSERT_EQUAL(sctpdk_sim_recorder_count(sim), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_recorder_total(sim), 0);

	/* snap longer than the packet; all event types */
	CU_ASSERT_EQUAL(sctpdk_sim_recorder_enable(sim, 8, 1000, SCTPDK_SIM_EV_MASK_ALL), 0);
	sctpdk_sim_send(sim, tn_pkt(mp, 42, types, 1, 4), &a, &z);
	sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 100);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_recorder_count(sim), 2);
	const struct sctpdk_sim_record *s = sctpdk_sim_recorder_get(sim, 0);
	const struct sctpdk_sim_record *d = sctpdk_sim_recorder_get(sim, 1);
	CU_ASSERT_EQUAL(s->type, SCTPDK_SIM_EV_SENT);
	CU_ASSERT_EQUAL(d->type, SCTPDK_SIM_EV_DELIVERED);
	CU_ASSERT_EQUAL(d->snap_len, 20);
	CU_ASSERT_EQUAL(d->pkt_id, s->pkt_id);
	CU_ASSERT_EQUAL(memcmp(s->snap, d->snap, 20), 0);
	/* disabled */
	CU_ASSERT_EQUAL(sctpdk_sim_recorder_enable(sim, 0, 0, 0), 0);
	sctpdk_sim_send(sim, tn_pkt(mp, 43, types, 1, 4), &a, &z);
	sctpdk_sim_run_until(sim, sctpdk_sim_now_us(sim) + 100);
	CU_ASSERT_EQUAL(sctpdk_sim_recorder_count(sim), 0);
	sctpdk_sim_del(sim);
}

/* ---- determinism ---- */

struct run_result {
	uint64_t trace;
	uint64_t tap;
	uint64_t sink_a;
	uint64_t sink_z;
	uint64_t delivered;
	uint64_t end_us;
};

/*
 * A busy, fully impaired scenario: A's timer node sends on a schedule and
 * a pump floods A->Z over a rate-limited path; Z echoes everything back
 * over a second, lossy path (multi-homed). Every impairment is on.
 */
static void
scenario(uint64_t seed, struct run_result *out)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct sctpdk_sim *sim = sctpdk_sim_new(seed, mp);
	struct sctpdk_addr as[2] = {sctpdk_addr_v4(10, 0, 0, 1), sctpdk_addr_v4(10, 1, 0, 1)};
	struct sctpdk_addr zs[2] = {sctpdk_addr_v4(10, 0, 0, 2), sctpdk_addr_v4(10, 1, 0, 2)};
	struct tn_timer *ta = calloc(1, sizeof(*ta));
	struct tn_echo ez = {.max_echo = 100000};
	struct tap_log *t = calloc(1, sizeof(*t));
	*ta = (struct tn_timer){.deadlines = {10, 20, 500, 501, 502, 9000, 20000},
				.n = 7,
				.send_on_fire = 1,
				.mp = mp,
				.src = as[0],
				.dst = zs[0]};
	sctpdk_sim_node_add(sim, &tn_timer_ops, ta, as, 2);
	sctpdk_sim_node_add(sim, &tn_echo_ops, &ez, zs, 2);
	struct sctpdk_sim_link_cfg p0 = {.delay_us = 2000,
					 .jitter_us = 300,
					 .rate_bps = 50000000,
					 .queue_bytes = 20000,
					 .loss = 0.02,
					 .dup = 0.02,
					 .reorder = 0.05,
					 .corrupt = 0.02};
	struct sctpdk_sim_link_cfg p1 = {
	    .delay_us = 7000, .jitter_us = 1000, .loss = 0.1, .reorder = 0.1, .reorder_us = 3000};
	sctpdk_sim_link_add(sim, &as[0], &zs[0], &p0, &p0);
	sctpdk_sim_link_add(sim, &as[1], &zs[1], &p1, &p1);
	struct sctpdk_sim_rule r = {.chunk_type = 0,
				    .first = 100,
				    .last = 120,
				    .action = SCTPDK_SIM_ACT_DELAY,
				    .delay_us = 777};
	sctpdk_sim_rule_add(sim, -1, SCTPDK_SIM_BOTH, &r);
	sctpdk_sim_set_tap(sim, tap_fn, t);
	struct tn_pump pa = {.mp = mp,
			     .src = as[0],
			     .dst = zs[0],
			     .len = 1200,
			     .burst = 6,
			     .period_us = 900,
			     .ticks = 400};
	struct tn_pump pb = {.mp = mp,
			     .src = as[1],
			     .dst = zs[1],
			     .len = 200,
			     .burst = 2,
			     .period_us = 1300,
			     .ticks = 300};
	tn_pump_start(sim, &pa, 0);
	tn_pump_start(sim, &pb, 5);
	sctpdk_sim_run_until(sim, 2000000);
	struct sctpdk_sim_stats st;
	sctpdk_sim_stats(sim, &st);
	out->trace = sctpdk_sim_trace_hash(sim);
	out->tap = t->hash;
	out->sink_a = ta->rx.hash;
	out->sink_z = ez.echoed;
	out->delivered = st.deliveries;
	out->end_us =
	    ta->rx.n == 0 ? 0 : ta->rx.t_us[ta->rx.n < TN_MAX_RX ? ta->rx.n - 1 : TN_MAX_RX - 1];
	sctpdk_sim_del(sim);
	free(ta);
	free(t);
}

static void
test_same_seed_same_run(void)
{
	struct run_result r1, r2, r3;
	scenario(0x5eed, &r1);
	scenario(0x5eed, &r2);
	scenario(0x5eee, &r3);
	CU_ASSERT_TRUE(r1.delivered > 3000);
	CU_ASSERT_EQUAL(r1.trace, r2.trace);
	CU_ASSERT_EQUAL(r1.tap, r2.tap);
	CU_ASSERT_EQUAL(r1.sink_a, r2.sink_a);
	CU_ASSERT_EQUAL(r1.sink_z, r2.sink_z);
	CU_ASSERT_EQUAL(r1.delivered, r2.delivered);
	CU_ASSERT_EQUAL(r1.end_us, r2.end_us);
	CU_ASSERT_NOT_EQUAL(r1.trace, r3.trace);
	CU_ASSERT_NOT_EQUAL(r1.tap, r3.tap);
	CU_ASSERT_NOT_EQUAL(r1.sink_a, r3.sink_a);
}

static void
test_rand_is_seeded(void)
{
	struct sctpdk_sim *s1 = sctpdk_sim_new(7, NULL), *s2 = sctpdk_sim_new(7, NULL);
	struct sctpdk_sim *s3 = sctpdk_sim_new(8, NULL);
	int same = 1, diff = 0;
	for (int i = 0; i < 16; i++) {
		uint64_t x = sctpdk_sim_rand(s1), y = sctpdk_sim_rand(s2), z = sctpdk_sim_rand(s3);
		same &= x == y;
		diff |= x != z;
	}
	CU_ASSERT_TRUE(same);
	CU_ASSERT_TRUE(diff);
	/* bytes: same stream, any length, nothing written past the end */
	uint8_t b1[21], b2[21];
	memset(b1, 0xaa, sizeof(b1));
	memset(b2, 0xaa, sizeof(b2));
	sctpdk_sim_rand_bytes(s1, b1, 19);
	sctpdk_sim_rand_bytes(s2, b2, 19);
	CU_ASSERT_EQUAL(memcmp(b1, b2, sizeof(b1)), 0);
	CU_ASSERT_EQUAL(b1[19], 0xaa);
	CU_ASSERT_EQUAL(b1[20], 0xaa);
	unsigned int unchanged = 0;
	for (int i = 0; i < 19; i++)
		unchanged += b1[i] == 0xaa;
	CU_ASSERT_TRUE(unchanged < 3);
	sctpdk_sim_rand_bytes(s1, NULL, 0);
	CU_ASSERT_EQUAL(sctpdk_sim_rand(s1), sctpdk_sim_rand(s2));
	sctpdk_sim_del(s1);
	sctpdk_sim_del(s2);
	sctpdk_sim_del(s3);
	sctpdk_sim_del(NULL);
}

static void
fmt_tap(void *arg, const struct sctpdk_sim_pkt_event *ev)
{
	char(*lines)[160] = arg;
	unsigned int i = 0;
	while (i < 4 && lines[i][0] != '\0')
		i++;
	if (i < 4)
		sctpdk_sim_format_event(ev, lines[i], sizeof(lines[i]));
}

static void
test_format_lines(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct sctpdk_sim *sim = sctpdk_sim_new(203, mp);
	struct sctpdk_addr a = sctpdk_addr_v4(10, 0, 0, 1), z = sctpdk_addr_v4(10, 0, 0, 2);
	struct tn_sink sz = {0};
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sz, &z, 1);
	struct sctpdk_sim_link_cfg c = {.delay_us = 1000120};
	sctpdk_sim_link_add(sim, &a, &z, &c, NULL);
	struct sctpdk_sim_rule r = {.chunk_type = 0, .first = 2, .action = SCTPDK_SIM_ACT_DROP};
	sctpdk_sim_rule_add(sim, 0, SCTPDK_SIM_AB, &r);
	char lines[4][160];
	memset(lines, 0, sizeof(lines));
	sctpdk_sim_set_tap(sim, fmt_tap, lines);
	sctpdk_sim_recorder_enable(sim, 8, 0, SCTPDK_SIM_EV_MASK_ALL);
	const uint8_t t1[2] = {1, 0}, t2[1] = {0};
	sctpdk_sim_send(sim, tn_pkt(mp, 1, t1, 2, 4), &a, &z);
	sctpdk_sim_send(sim, tn_pkt(mp, 2, t2, 1, 4), &a, &z);
	sctpdk_sim_run_until(sim, SCTPDK_SIM_S(2));
	CU_ASSERT_STRING_EQUAL(lines[0], "0.000000 L0 10.0.0.1>10.0.0.2 sent #1 len=28 INIT,DATA");
	CU_ASSERT_STRING_EQUAL(lines[2],
			       "0.000000 L0 10.0.0.1>10.0.0.2 dropped(rule) #2 len=20 DATA");
	CU_ASSERT_STRING_EQUAL(lines[3],
			       "1.000120 L0 10.0.0.1>10.0.0.2 delivered #1 len=28 INIT,DATA");
	char buf[160];
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_recorder_count(sim), 4);
	sctpdk_sim_format_record(sctpdk_sim_recorder_get(sim, 3), buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, lines[3]);
	/* truncation is safe */
	CU_ASSERT_TRUE(sctpdk_sim_format_record(sctpdk_sim_recorder_get(sim, 3), buf, 10) > 10);
	CU_ASSERT_EQUAL(strlen(buf), 9);
	CU_ASSERT_STRING_EQUAL(sctpdk_sim_chunk_name(10), "COOKIE_ECHO");
	CU_ASSERT_STRING_EQUAL(sctpdk_sim_chunk_name(99), "?");
	CU_ASSERT_STRING_EQUAL(sctpdk_sim_ev_name(SCTPDK_SIM_EV_DUPLICATED), "duplicated");
	FILE *devnull = fopen("/dev/null", "w");
	if (devnull != NULL) {
		sctpdk_sim_recorder_dump(sim, devnull);
		fclose(devnull);
	}
	sctpdk_sim_del(sim);
}

static int
record_suite_init(void)
{
	return sctpdk_test_eal_init();
}

SCTPDK_TEST_SUITE(sim_record, record_suite_init, NULL, SCTPDK_TEST(test_tap_sees_every_event),
		  SCTPDK_TEST(test_recorder_ring), SCTPDK_TEST(test_same_seed_same_run),
		  SCTPDK_TEST(test_rand_is_seeded), SCTPDK_TEST(test_format_lines))
