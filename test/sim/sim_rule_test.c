/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Explicit per-packet rules and the chunk-type walker they match with.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"
#include "sim_test_nodes.h"

enum { T_DATA = 0, T_INIT = 1, T_SACK = 3, T_COOKIE_ECHO = 10 };

struct bed {
	struct sctpdk_sim *sim;
	struct sctpdk_addr a;
	struct sctpdk_addr z;
	struct tn_sink sa;
	struct tn_sink sz;
	int link;
};

static void
bed_up(struct bed *b, uint64_t seed, uint64_t delay_us)
{
	memset(b, 0, sizeof(*b));
	b->sim = sctpdk_sim_new(seed, sctpdk_test_mbuf_pool());
	b->a = sctpdk_addr_v4(192, 168, 0, 1);
	b->z = sctpdk_addr_v4(192, 168, 0, 2);
	sctpdk_sim_node_add(b->sim, &tn_sink_ops, &b->sa, &b->a, 1);
	sctpdk_sim_node_add(b->sim, &tn_sink_ops, &b->sz, &b->z, 1);
	struct sctpdk_sim_link_cfg c = {.delay_us = delay_us};
	b->link = sctpdk_sim_link_add(b->sim, &b->a, &b->z, &c, NULL);
}

/* Send a packet carrying the given chunk types from A to Z (or Z to A). */
static void
send_types(struct bed *b, int ab, uint32_t tag, const uint8_t *types, unsigned int n)
{
	struct rte_mbuf *m = tn_pkt(sctpdk_test_mbuf_pool(), tag, types, n, 8);
	if (ab)
		sctpdk_sim_send(b->sim, m, &b->a, &b->z);
	else
		sctpdk_sim_send(b->sim, m, &b->z, &b->a);
}

static void
send1(struct bed *b, int ab, uint32_t tag, uint8_t type)
{
	send_types(b, ab, tag, &type, 1);
}

static void
test_drop_third_cookie_echo(void)
{
	struct bed b;
	bed_up(&b, 101, 100);
	struct sctpdk_sim_rule r = {
	    .chunk_type = T_COOKIE_ECHO, .first = 3, .action = SCTPDK_SIM_ACT_DROP};
	int id = sctpdk_sim_rule_add(b.sim, b.link, SCTPDK_SIM_AB, &r);
	CU_ASSERT_EQUAL_FATAL(id, 0);
	const uint8_t bundle[2] = {T_DATA, T_COOKIE_ECHO};
	send1(&b, 1, 0, T_INIT);
	send1(&b, 1, 1, T_COOKIE_ECHO);
	send1(&b, 1, 2, T_DATA);
	send_types(&b, 1, 3, bundle, 2);  /* 2nd carrying COOKIE ECHO */
	send1(&b, 0, 100, T_COOKIE_ECHO); /* other direction: not watched */
	send1(&b, 1, 4, T_SACK);
	send1(&b, 1, 5, T_COOKIE_ECHO); /* the 3rd: dropped */
	send1(&b, 1, 6, T_COOKIE_ECHO);
	sctpdk_sim_run_until(b.sim, 1000);
	static const uint32_t want[] = {0, 1, 2, 3, 4, 6};
	CU_ASSERT_EQUAL_FATAL(b.sz.n, 6);
	for (unsigned int i = 0; i < 6; i++)
		CU_ASSERT_EQUAL(b.sz.tag[i], want[i]);
	CU_ASSERT_EQUAL(b.sa.n, 1);
	uint64_t matched = 0, fired = 0;
	CU_ASSERT_EQUAL(sctpdk_sim_rule_counts(b.sim, id, &matched, &fired), 0);
	CU_ASSERT_EQUAL(matched, 4);
	CU_ASSERT_EQUAL(fired, 1);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(b.sim, b.link, SCTPDK_SIM_AB, &st);
	CU_ASSERT_EQUAL(st.dropped[SCTPDK_SIM_DROP_RULE], 1);
	CU_ASSERT_EQUAL(st.dropped_pkts, 1);
	sctpdk_sim_del(b.sim);
}

static void
test_ranges_and_every(void)
{
	struct bed b;
	bed_up(&b, 102, 0);
	struct sctpdk_sim_rule range = {
	    .chunk_type = T_DATA, .first = 2, .last = 4, .action = SCTPDK_SIM_ACT_DROP};
	struct sctpdk_sim_rule every = {.chunk_type = SCTPDK_SIM_ANY_CHUNK,
					.first = 1,
					.last = SCTPDK_SIM_NEVER,
					.action = SCTPDK_SIM_ACT_DROP};
	int r1 = sctpdk_sim_rule_add(b.sim, b.link, SCTPDK_SIM_AB, &range);
	int r2 = sctpdk_sim_rule_add(b.sim, b.link, SCTPDK_SIM_BA, &every);
	CU_ASSERT_TRUE(r1 >= 0 && r2 >= 0);
	for (uint32_t i = 0; i < 8; i++) {
		send1(&b, 1, i, T_DATA);
		send1(&b, 0, 100 + i, i % 2 ? T_SACK : T_DATA);
	}
	sctpdk_sim_run_until(b.sim, 10);
	static const uint32_t want[] = {0, 4, 5, 6, 7};
	CU_ASSERT_EQUAL_FATAL(b.sz.n, 5);
	for (unsigned int i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(b.sz.tag[i], want[i]);
	CU_ASSERT_EQUAL(b.sa.n, 0);
	uint64_t m, f;
	sctpdk_sim_rule_counts(b.sim, r1, &m, &f);
	CU_ASSERT_EQUAL(m, 8);
	CU_ASSERT_EQUAL(f, 3);
	sctpdk_sim_rule_counts(b.sim, r2, &m, &f);
	CU_ASSERT_EQUAL(m, 8);
	CU_ASSERT_EQUAL(f, 8);
	/* deleted: no longer matches or acts */
	CU_ASSERT_EQUAL(sctpdk_sim_rule_del(b.sim, r2), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_rule_del(b.sim, r2), SCTPDK_ERR_NOTFOUND);
	send1(&b, 0, 200, T_DATA);
	sctpdk_sim_run_until(b.sim, 20);
	CU_ASSERT_EQUAL(b.sa.n, 1);
	sctpdk_sim_rule_counts(b.sim, r2, &m, NULL);
	CU_ASSERT_EQUAL(m, 8);
	sctpdk_sim_del(b.sim);
}

static void
test_dup_delay_corrupt_actions(void)
{
	struct bed b;
	bed_up(&b, 103, 100);
	struct sctpdk_sim_rule dup = {
	    .chunk_type = T_DATA, .first = 2, .action = SCTPDK_SIM_ACT_DUP};
	struct sctpdk_sim_rule delay = {
	    .chunk_type = T_DATA, .first = 3, .action = SCTPDK_SIM_ACT_DELAY, .delay_us = 500};
	struct sctpdk_sim_rule corrupt = {
	    .chunk_type = T_DATA, .first = 4, .action = SCTPDK_SIM_ACT_CORRUPT};
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, b.link, SCTPDK_SIM_AB, &dup), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, b.link, SCTPDK_SIM_AB, &delay), 1);
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, b.link, SCTPDK_SIM_AB, &corrupt), 2);
	for (uint32_t i = 0; i < 6; i++) {
		send1(&b, 1, i, T_DATA);
		sctpdk_sim_run_until(b.sim, (i + 1) * 10);
	}
	sctpdk_sim_run_until(b.sim, 10000);
	/* tag 1 twice (same time), tag 2 held to 20 + 100 + 500, tag 3 corrupted */
	CU_ASSERT_EQUAL_FATAL(b.sz.n, 7);
	static const uint32_t want_tag[] = {0, 1, 1, 3, 4, 5, 2};
	static const uint64_t want_t[] = {100, 110, 110, 130, 140, 150, 620};
	for (unsigned int i = 0; i < 7; i++) {
		if (i != 3)
			CU_ASSERT_EQUAL(b.sz.tag[i], want_tag[i]);
		CU_ASSERT_EQUAL(b.sz.t_us[i], want_t[i]);
	}
	CU_ASSERT_EQUAL(b.sz.bad, 1);
	struct sctpdk_sim_link_stats st;
	sctpdk_sim_link_stats(b.sim, b.link, SCTPDK_SIM_AB, &st);
	CU_ASSERT_EQUAL(st.duplicated, 1);
	CU_ASSERT_EQUAL(st.delayed, 1);
	CU_ASSERT_EQUAL(st.corrupted, 1);
	CU_ASSERT_EQUAL(st.delivered_pkts, 7);
	CU_ASSERT_EQUAL(st.sent_pkts, 6);
	sctpdk_sim_del(b.sim);
}

static int
tag_is(void *arg, const struct rte_mbuf *pkt, const struct sctpdk_addr *src,
       const struct sctpdk_addr *dst)
{
	return tn_tag(pkt) == *(const uint32_t *)arg;
}

static void
test_any_link_both_dirs_and_predicate(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct sctpdk_sim *sim = sctpdk_sim_new(104, mp);
	struct sctpdk_addr as[2] = {sctpdk_addr_v4(10, 0, 0, 1), sctpdk_addr_v4(10, 1, 0, 1)};
	struct sctpdk_addr zs[2] = {sctpdk_addr_v4(10, 0, 0, 2), sctpdk_addr_v4(10, 1, 0, 2)};
	struct tn_sink sa = {0}, sz = {0};
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sa, as, 2);
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sz, zs, 2);
	sctpdk_sim_link_add(sim, &as[0], &zs[0], NULL, NULL);
	sctpdk_sim_link_add(sim, &as[1], &zs[1], NULL, NULL);
	/* the first two INITs anywhere, either way */
	struct sctpdk_sim_rule r = {
	    .chunk_type = T_INIT, .first = 1, .last = 2, .action = SCTPDK_SIM_ACT_DROP};
	int id = sctpdk_sim_rule_add(sim, -1, SCTPDK_SIM_BOTH, &r);
	CU_ASSERT_EQUAL(id, 0);
	/* and whatever carries tag 77 on link 1 */
	uint32_t want = 77;
	struct sctpdk_sim_rule p = {.chunk_type = SCTPDK_SIM_ANY_CHUNK,
				    .first = 1,
				    .last = SCTPDK_SIM_NEVER,
				    .action = SCTPDK_SIM_ACT_DROP,
				    .match = tag_is,
				    .match_arg = &want};
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(sim, 1, SCTPDK_SIM_BOTH, &p), 1);
	const uint8_t init = T_INIT, data = T_DATA;
	sctpdk_sim_send(sim, tn_pkt(mp, 1, &init, 1, 8), &as[0], &zs[0]);
	sctpdk_sim_send(sim, tn_pkt(mp, 2, &init, 1, 8), &zs[1], &as[1]);
	sctpdk_sim_send(sim, tn_pkt(mp, 3, &init, 1, 8), &as[1], &zs[1]);
	sctpdk_sim_send(sim, tn_pkt(mp, 77, &data, 1, 8), &as[0], &zs[0]);
	sctpdk_sim_send(sim, tn_pkt(mp, 77, &data, 1, 8), &zs[1], &as[1]);
	sctpdk_sim_send(sim, tn_pkt(mp, 78, &data, 1, 8), &zs[1], &as[1]);
	sctpdk_sim_run_until(sim, 10);
	CU_ASSERT_EQUAL_FATAL(sz.n, 2);
	CU_ASSERT_EQUAL(sz.tag[0], 3);
	CU_ASSERT_EQUAL(sz.tag[1], 77);
	CU_ASSERT_EQUAL_FATAL(sa.n, 1);
	CU_ASSERT_EQUAL(sa.tag[0], 78);
	sctpdk_sim_del(sim);
}

static void
test_rules_skip_packets_on_down_link(void)
{
	struct bed b;
	bed_up(&b, 105, 0);
	struct sctpdk_sim_rule r = {
	    .chunk_type = T_DATA, .first = 2, .action = SCTPDK_SIM_ACT_DROP};
	int id = sctpdk_sim_rule_add(b.sim, b.link, SCTPDK_SIM_AB, &r);
	send1(&b, 1, 0, T_DATA);
	sctpdk_sim_run_until(b.sim, 0); /* delivered before the link goes down */
	sctpdk_sim_link_set_up(b.sim, b.link, SCTPDK_SIM_AB, 0);
	send1(&b, 1, 1, T_DATA);
	sctpdk_sim_link_set_up(b.sim, b.link, SCTPDK_SIM_AB, 1);
	send1(&b, 1, 2, T_DATA); /* the 2nd the rule sees */
	send1(&b, 1, 3, T_DATA);
	sctpdk_sim_run_until(b.sim, 10);
	CU_ASSERT_EQUAL_FATAL(b.sz.n, 2);
	CU_ASSERT_EQUAL(b.sz.tag[0], 0);
	CU_ASSERT_EQUAL(b.sz.tag[1], 3);
	uint64_t m;
	sctpdk_sim_rule_counts(b.sim, id, &m, NULL);
	CU_ASSERT_EQUAL(m, 3);
	sctpdk_sim_del(b.sim);
}

static void
test_rule_errors(void)
{
	struct bed b;
	bed_up(&b, 106, 0);
	struct sctpdk_sim_rule ok = {.chunk_type = T_DATA, .action = SCTPDK_SIM_ACT_DROP};
	struct sctpdk_sim_rule r = ok;
	r.chunk_type = 256;
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, 0, SCTPDK_SIM_AB, &r), SCTPDK_ERR_INVAL);
	r = ok;
	r.first = 5;
	r.last = 4;
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, 0, SCTPDK_SIM_AB, &r), SCTPDK_ERR_INVAL);
	r = ok;
	r.action = (enum sctpdk_sim_action)9;
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, 0, SCTPDK_SIM_AB, &r), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, 3, SCTPDK_SIM_AB, &ok), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, -2, SCTPDK_SIM_AB, &ok), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, 0, (enum sctpdk_sim_dir)7, &ok),
			SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, 0, SCTPDK_SIM_AB, NULL), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_sim_rule_counts(b.sim, 0, NULL, NULL), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sctpdk_sim_rule_add(b.sim, 0, SCTPDK_SIM_AB, &ok), 0);
	sctpdk_sim_del(b.sim);
}

static void
test_chunk_walker_bounds(void)
{
	uint8_t types[8];
	/* common header + chunk(len 5, padded to 8) + chunk(len 4) + chunk(len 8) */
	uint8_t buf[12 + 8 + 4 + 8] = {0};
	uint8_t *c = buf + 12;
	c[0] = 0;
	c[3] = 5;
	c += 8;
	c[0] = 11;
	c[3] = 4;
	c += 4;
	c[0] = 3;
	c[3] = 8;
	CU_ASSERT_EQUAL(sctpdk_sim_buf_chunk_types(buf, sizeof(buf), types, 8), 3);
	CU_ASSERT_EQUAL(types[0], 0);
	CU_ASSERT_EQUAL(types[1], 11);
	CU_ASSERT_EQUAL(types[2], 3);
	/* count beyond max still reported, only max written */
	memset(types, 0xee, sizeof(types));
	CU_ASSERT_EQUAL(sctpdk_sim_buf_chunk_types(buf, sizeof(buf), types, 1), 3);
	CU_ASSERT_EQUAL(types[1], 0xee);
	/* last chunk runs past the end: walk stops before it */
	CU_ASSERT_EQUAL(sctpdk_sim_buf_chunk_types(buf, sizeof(buf) - 1, types, 8), 2);
	/* a length below 4 stops the walk (no infinite loop) */
	buf[12 + 8 + 3] = 0;
	CU_ASSERT_EQUAL(sctpdk_sim_buf_chunk_types(buf, sizeof(buf), types, 8), 1);
	buf[12 + 8 + 3] = 3;
	CU_ASSERT_EQUAL(sctpdk_sim_buf_chunk_types(buf, sizeof(buf), types, 8), 1);
	/* shorter than a common header, or only a header */
	CU_ASSERT_EQUAL(sctpdk_sim_buf_chunk_types(buf, 11, types, 8), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_buf_chunk_types(buf, 12, types, 8), 0);
	CU_ASSERT_EQUAL(sctpdk_sim_buf_chunk_types(NULL, 40, types, 8), 0);
	/* a huge declared length is bounded by the buffer */
	buf[12 + 2] = 0xff;
	buf[12 + 3] = 0xff;
	CU_ASSERT_EQUAL(sctpdk_sim_buf_chunk_types(buf, sizeof(buf), types, 8), 0);
}

static void
test_chunk_walker_mbuf_chain(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	const uint8_t t[4] = {1, 10, 0, 3};
	struct rte_mbuf *whole = tn_pkt(mp, 9, t, 4, 9); /* chunks of 13 B, padded to 16 */
	CU_ASSERT_PTR_NOT_NULL_FATAL(whole);
	/* split it so that a chunk header straddles two segments */
	struct rte_mbuf *head = rte_pktmbuf_alloc(mp), *tail = rte_pktmbuf_alloc(mp);
	CU_ASSERT_TRUE_FATAL(head != NULL && tail != NULL);
	uint32_t len = rte_pktmbuf_pkt_len(whole), cut = 12 + 16 + 2;
	memcpy(rte_pktmbuf_append(head, (uint16_t)cut), rte_pktmbuf_mtod(whole, uint8_t *), cut);
	memcpy(rte_pktmbuf_append(tail, (uint16_t)(len - cut)),
	       rte_pktmbuf_mtod_offset(whole, uint8_t *, cut), len - cut);
	CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_chain(head, tail), 0);
	uint8_t types[8];
	CU_ASSERT_EQUAL(sctpdk_sim_chunk_types(whole, types, 8), 4);
	CU_ASSERT_EQUAL(sctpdk_sim_chunk_types(head, types, 8), 4);
	CU_ASSERT_EQUAL(memcmp(types, t, 4), 0);
	CU_ASSERT_TRUE(sctpdk_sim_has_chunk(head, 10));
	CU_ASSERT_TRUE(sctpdk_sim_has_chunk(head, 3));
	CU_ASSERT_FALSE(sctpdk_sim_has_chunk(head, 2));
	CU_ASSERT_TRUE(tn_pkt_ok(head));
	rte_pktmbuf_free(whole);
	rte_pktmbuf_free(head);
}

static int
rule_suite_init(void)
{
	return sctpdk_test_eal_init();
}

SCTPDK_TEST_SUITE(sim_rule, rule_suite_init, NULL, SCTPDK_TEST(test_drop_third_cookie_echo),
		  SCTPDK_TEST(test_ranges_and_every), SCTPDK_TEST(test_dup_delay_corrupt_actions),
		  SCTPDK_TEST(test_any_link_both_dirs_and_predicate),
		  SCTPDK_TEST(test_rules_skip_packets_on_down_link), SCTPDK_TEST(test_rule_errors),
		  SCTPDK_TEST(test_chunk_walker_bounds), SCTPDK_TEST(test_chunk_walker_mbuf_chain))
