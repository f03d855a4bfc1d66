/* SPDX-License-Identifier: BSD-3-Clause */
/* Outstanding data and retransmission queue (RFC 9260 6.2.1, 6.3, 7.2.4). */
#include <string.h>

#include <rte_mbuf.h>

#include "scen.h"
#include "sctpdk_test.h"

#include "sctpdk/sctpdk_error.h"
#include "outq.h"
#include "tracker.h"

/* Send one chunk of len bytes with the queue's next TSN to dest at now. */
static int
send(struct sctpdk_outq *q, uint32_t len, uint8_t dest, uint64_t now)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	if (m == NULL || rte_pktmbuf_append(m, (uint16_t)len) == NULL)
		return -100;
	struct sctpdk_data_chunk c = {0};
	c.tsn = sctpdk_outq_next_tsn(q);
	c.sid = 1;
	c.flags = SCTPDK_DATA_FLAG_B | SCTPDK_DATA_FLAG_E;
	c.dest = dest;
	c.len = len;
	c.m = m;
	c.expire_us = UINT64_MAX;
	int rc = sctpdk_outq_add(q, &c, now);
	if (rc != 0)
		rte_pktmbuf_free(m);
	return rc;
}

static const struct sctpdk_outq_entry *
find(const struct sctpdk_outq *q, uint32_t tsn)
{
	return sctpdk_outq_find(q, sctpdk_tsn(tsn));
}

static int
sack(struct sctpdk_outq *q, uint32_t cum, uint32_t a_rwnd, const struct sctpdk_gap *gaps,
     uint16_t n, uint64_t now, struct sctpdk_outq_sack_result *r)
{
	struct sctpdk_gap g[32];
	if (n > 32)
		return -200; /* test helper capacity */
	if (n != 0)
		memcpy(g, gaps, n * sizeof(*gaps));
	struct sctpdk_sack_desc s = {
	    .cum_tsn = sctpdk_tsn(cum), .a_rwnd = a_rwnd, .n_gaps = n, .gaps = g};
	return sctpdk_outq_on_sack(q, &s, now, r);
}

static void
test_outq_cum_ack_rtt_rwnd(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	CU_ASSERT_EQUAL(sctpdk_outq_init(&q, 100, sctpdk_tsn(1), 10000, NULL), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL_FATAL(sctpdk_outq_init(&q, 64, sctpdk_tsn(1000), 10000, NULL), 0);
	CU_ASSERT_EQUAL(sctpdk_outq_next_tsn(&q).v, 1000);
	CU_ASSERT_EQUAL(sctpdk_outq_cum_tsn(&q).v, 999);
	CU_ASSERT_EQUAL(send(&q, 1000, 0, 100), 0);
	CU_ASSERT_EQUAL(send(&q, 1000, 0, 200), 0);
	CU_ASSERT_EQUAL(send(&q, 500, 1, 300), 0);
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 0), 2000);
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 1), 500);
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 2500);
	CU_ASSERT_EQUAL(sctpdk_outq_peer_rwnd(&q), 7500);
	CU_ASSERT_TRUE(sctpdk_outq_rwnd_allows(&q, 7500));
	CU_ASSERT_FALSE(sctpdk_outq_rwnd_allows(&q, 7501));
	CU_ASSERT_TRUE(sctpdk_outq_check(&q));
	CU_ASSERT_EQUAL(sctpdk_outq_count(&q), 3);
	/* wrong TSN refused */
	struct sctpdk_data_chunk bad = {.tsn = {5}, .m = NULL};
	CU_ASSERT_EQUAL(sctpdk_outq_add(&q, &bad, 0), SCTPDK_ERR_INVAL);

	struct sctpdk_outq_sack_result r;
	CU_ASSERT_EQUAL(sack(&q, 1000, 9000, NULL, 0, 1100, &r), 0);
	CU_ASSERT_FALSE(r.stale);
	CU_ASSERT_TRUE(r.cum_advanced);
	CU_ASSERT_EQUAL(r.newly_acked_chunks, 1);
	CU_ASSERT_EQUAL(r.bytes_acked[0], 1000);
	CU_ASSERT_EQUAL(r.flight_before[0], 2000);
	CU_ASSERT_EQUAL(r.flight_after[0], 1000);
	CU_ASSERT_TRUE(r.rtt_valid);
	CU_ASSERT_EQUAL(r.rtt_us, 1000);
	CU_ASSERT_EQUAL(r.rtt_dest, 0);
	CU_ASSERT_EQUAL(r.earliest_acked_dests, 1u << 0);
	/* peer rwnd = a_rwnd - flight (6.2.1) */
	CU_ASSERT_EQUAL(r.peer_rwnd, 9000 - 1500);
	CU_ASSERT_EQUAL(sctpdk_outq_peer_rwnd(&q), 7500);
	/* stale SACK (cum behind) is ignored */
	CU_ASSERT_EQUAL(sack(&q, 999, 50000, NULL, 0, 1200, &r), 0);
	CU_ASSERT_TRUE(r.stale);
	CU_ASSERT_EQUAL(sctpdk_outq_peer_rwnd(&q), 7500);
	CU_ASSERT_EQUAL(q.stats.sacks_stale, 1);
	/* acking a TSN never sent is a protocol violation */
	CU_ASSERT_EQUAL(sack(&q, 1003, 50000, NULL, 0, 1200, &r), SCTPDK_ERR_PROTOCOL);
	/* same cum again: nothing new, window update only */
	CU_ASSERT_EQUAL(sack(&q, 1000, 6000, NULL, 0, 1250, &r), 0);
	CU_ASSERT_FALSE(r.cum_advanced);
	CU_ASSERT_FALSE(r.rtt_valid);
	CU_ASSERT_EQUAL(r.peer_rwnd, 4500);
	/* ack all: latest-sent newly acked chunk gives the sample */
	CU_ASSERT_EQUAL(sack(&q, 1002, 10000, NULL, 0, 2300, &r), 0);
	CU_ASSERT_EQUAL(r.rtt_us, 2000);
	CU_ASSERT_EQUAL(r.rtt_dest, 1);
	CU_ASSERT_EQUAL(r.acked_dests, 3u);
	CU_ASSERT_TRUE(sctpdk_outq_empty(&q));
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 0);
	CU_ASSERT_EQUAL(r.peer_rwnd, 10000);
	/* closed window: one chunk may probe when nothing is in flight */
	q.peer_rwnd = 0;
	CU_ASSERT_TRUE(sctpdk_outq_rwnd_allows(&q, 1000));
	CU_ASSERT_TRUE(sctpdk_outq_check(&q));
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Three miss indications (HTNA) mark a chunk for fast retransmit once and
 * enter fast recovery until the exit point is acked. */
static void
test_outq_fast_retransmit(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	sctpdk_outq_init(&q, 64, sctpdk_tsn(100), 100000, NULL);
	for (int i = 0; i < 10; i++)
		send(&q, 100, (uint8_t)(i < 5 ? 0 : 2), 1000);
	struct sctpdk_outq_sack_result r;
	struct sctpdk_gap g1[] = {{2, 2}}; /* 102 */
	sack(&q, 100, 100000, g1, 1, 2000, &r);
	CU_ASSERT_EQUAL(r.newly_acked_chunks, 2);
	CU_ASSERT_EQUAL(find(&q, 101)->misses, 1);
	CU_ASSERT_EQUAL(find(&q, 103)->misses, 0); /* above HTNA */
	/* same SACK again: nothing newly acked, no miss indication (HTNA) */
	sack(&q, 100, 100000, g1, 1, 2100, &r);
	CU_ASSERT_EQUAL(find(&q, 101)->misses, 1);
	struct sctpdk_gap g2[] = {{2, 3}};
	sack(&q, 100, 100000, g2, 1, 2200, &r);
	CU_ASSERT_EQUAL(find(&q, 101)->misses, 2);
	CU_ASSERT_EQUAL(r.fast_rtx_chunks, 0);
	struct sctpdk_gap g3[] = {{2, 3}, {5, 5}}; /* 102-103, 105 */
	sack(&q, 100, 100000, g3, 2, 2300, &r);
	CU_ASSERT_EQUAL(r.fast_rtx_chunks, 1);
	CU_ASSERT_TRUE(r.entered_fast_recovery);
	CU_ASSERT_EQUAL(r.fast_rtx_dests, 1u << 0);
	CU_ASSERT_TRUE(sctpdk_outq_in_fast_recovery(&q));
	CU_ASSERT_EQUAL(find(&q, 101)->state, SCTPDK_OUTQ_RTX);
	CU_ASSERT_EQUAL(find(&q, 104)->misses, 1);
	CU_ASSERT_EQUAL(sctpdk_outq_rtx_pending(&q), 1);
	/* in flight: 104, 106..109 = 5 chunks */
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 500);
	CU_ASSERT_EQUAL(r.peer_rwnd, 100000 - 500);
	/* retransmit it (fast only), too-small room first */
	struct sctpdk_data_chunk c;
	CU_ASSERT_EQUAL(sctpdk_outq_next_rtx(&q, 2400, 1, 99, true, &c), SCTPDK_ERR_AGAIN);
	CU_ASSERT_EQUAL(sctpdk_outq_next_rtx(&q, 2400, 1, 1500, true, &c), 0);
	CU_ASSERT_EQUAL(c.tsn.v, 101);
	CU_ASSERT_EQUAL(c.dest, 1);
	CU_ASSERT_EQUAL(c.len, 100);
	CU_ASSERT_PTR_NOT_NULL(c.m);
	CU_ASSERT_EQUAL(find(&q, 101)->tx_count, 2);
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 1), 100);
	CU_ASSERT_EQUAL(sctpdk_outq_next_rtx(&q, 2400, 1, 1500, false, &c), SCTPDK_ERR_AGAIN);
	/* 104 goes missing three times; in fast recovery no new cwnd cut */
	struct sctpdk_gap g4[] = {{2, 3}, {5, 6}};
	sack(&q, 100, 100000, g4, 2, 2500, &r);
	struct sctpdk_gap g5[] = {{2, 3}, {5, 7}};
	sack(&q, 100, 100000, g5, 2, 2600, &r);
	CU_ASSERT_EQUAL(r.fast_rtx_chunks, 1);
	CU_ASSERT_FALSE(r.entered_fast_recovery);
	CU_ASSERT_EQUAL(r.fast_rtx_dests, 0);
	CU_ASSERT_EQUAL(find(&q, 104)->state, SCTPDK_OUTQ_RTX);
	/* 101 was fast retransmitted already: never marked again */
	CU_ASSERT_EQUAL(find(&q, 101)->state, SCTPDK_OUTQ_IN_FLIGHT);
	CU_ASSERT_TRUE(find(&q, 101)->fast_rtx_done);
	/* cum to 103: 101 acked after a retransmission: no RTT sample (Karn) */
	sack(&q, 103, 100000, g5 + 1, 0, 2700, &r);
	CU_ASSERT_FALSE(r.rtt_valid);
	CU_ASSERT_EQUAL(r.reneged_chunks, 3); /* 105-107 no longer reported: reneged */
	CU_ASSERT_TRUE(sctpdk_outq_in_fast_recovery(&q));
	CU_ASSERT_EQUAL(sctpdk_outq_next_rtx(&q, 2800, 0, 1500, false, &c), 0);
	CU_ASSERT_EQUAL(c.tsn.v, 104);
	/* cum reaches the exit point 109: fast recovery ends */
	sack(&q, 109, 100000, NULL, 0, 3000, &r);
	CU_ASSERT_TRUE(r.exited_fast_recovery);
	CU_ASSERT_FALSE(sctpdk_outq_in_fast_recovery(&q));
	CU_ASSERT_TRUE(sctpdk_outq_empty(&q));
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 0);
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_outq_renege(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	sctpdk_outq_init(&q, 16, sctpdk_tsn(1), 100000, NULL);
	for (int i = 0; i < 6; i++)
		send(&q, 200, 0, 10);
	struct sctpdk_outq_sack_result r;
	struct sctpdk_gap g[] = {{2, 2}, {4, 5}}; /* 3, 5, 6 */
	sack(&q, 1, 100000, g, 2, 20, &r);
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 2 * 200); /* 2 and 4 */
	/* receiver dropped 5: blocks now only cover 3 and 6 */
	struct sctpdk_gap g2[] = {{2, 2}, {5, 5}};
	sack(&q, 1, 100000, g2, 2, 30, &r);
	CU_ASSERT_EQUAL(r.reneged_chunks, 1);
	CU_ASSERT_EQUAL(find(&q, 5)->state, SCTPDK_OUTQ_IN_FLIGHT);
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 3 * 200);
	CU_ASSERT_EQUAL(r.peer_rwnd, 100000 - 600);
	/* a truncated SACK (blocks past the last one left out) reneges nothing above it */
	struct sctpdk_gap g3[] = {{2, 2}};
	sack(&q, 1, 100000, g3, 1, 40, &r);
	CU_ASSERT_EQUAL(r.reneged_chunks, 0);
	CU_ASSERT_EQUAL(find(&q, 6)->state, SCTPDK_OUTQ_ACKED);
	/* malformed blocks are skipped and counted */
	struct sctpdk_gap g4[] = {{0, 1}, {3, 2}, {2, 9}};
	sack(&q, 1, 100000, g4, 3, 50, &r);
	CU_ASSERT_EQUAL(q.stats.bad_gap_blocks, 3);
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* The count of gap-acked entries follows every way in and out of ACKED,
 * and a SACK without blocks still reneges them all (it only skips the walk
 * when the count is zero). */
static void
test_outq_gap_acked_count(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	sctpdk_outq_init(&q, 16, sctpdk_tsn(1), 100000, NULL);
	for (int i = 0; i < 8; i++)
		send(&q, 100, 0, 10);
	struct sctpdk_outq_sack_result r;
	struct sctpdk_gap g[] = {{2, 3}, {5, 5}}; /* 3, 4, 6 */
	sack(&q, 1, 100000, g, 2, 20, &r);
	CU_ASSERT_EQUAL(q.n_gap_acked, 3);
	/* cum moves over 3 and 4: they leave the count as they are freed */
	struct sctpdk_gap g2[] = {{2, 2}}; /* cum 4, 6 still gap-acked */
	sack(&q, 4, 100000, g2, 1, 30, &r);
	CU_ASSERT_EQUAL(r.reneged_chunks, 0);
	CU_ASSERT_EQUAL(q.n_gap_acked, 1);
	/* no block at all: 6 is reneged */
	sack(&q, 4, 100000, NULL, 0, 40, &r);
	CU_ASSERT_EQUAL(r.reneged_chunks, 1);
	CU_ASSERT_EQUAL(q.n_gap_acked, 0);
	CU_ASSERT_EQUAL(find(&q, 6)->state, SCTPDK_OUTQ_IN_FLIGHT);
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 4 * 100); /* 5..8 */
	/* and with nothing gap-acked a blockless SACK changes nothing */
	sack(&q, 4, 100000, NULL, 0, 50, &r);
	CU_ASSERT_EQUAL(r.reneged_chunks, 0);
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 4 * 100);
	sack(&q, 8, 100000, NULL, 0, 60, &r);
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 0);
	CU_ASSERT_EQUAL(q.n_gap_acked, 0);
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* The ring starts small and doubles; entries keep their TSN, gap blocks
 * and the cumulative ack work across growth; the capacity still caps it. */
static void
test_outq_ring_grows(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	uint32_t first = 0xfffffff0u; /* wraps while growing */
	CU_ASSERT_EQUAL_FATAL(sctpdk_outq_init(&q, 512, sctpdk_tsn(first), 1u << 30, NULL), 0);
	CU_ASSERT_EQUAL(q.mask + 1, SCTPDK_OUTQ_CAPACITY_INITIAL);
	for (int i = 0; i < 40; i++)
		CU_ASSERT_EQUAL(send(&q, 10 + (uint32_t)i % 7, 0, 10), 0);
	struct sctpdk_outq_sack_result r;
	sack(&q, first + 9, 1u << 30, NULL, 0, 20, &r); /* 10 acked, 30 left */
	for (int i = 40; i < 512 + 10; i++)
		CU_ASSERT_EQUAL(send(&q, 10 + (uint32_t)i % 7, 0, 10), 0);
	CU_ASSERT_EQUAL(q.mask + 1, 512);
	CU_ASSERT_TRUE(sctpdk_outq_full(&q));
	CU_ASSERT_EQUAL(send(&q, 10, 0, 10), SCTPDK_ERR_AGAIN);
	/* every live entry still has its own length */
	for (uint32_t i = 10; i < 522; i++) {
		const struct sctpdk_outq_entry *e = find(&q, first + i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT_EQUAL(e->len, 10 + i % 7);
		CU_ASSERT_EQUAL(e->state, SCTPDK_OUTQ_IN_FLIGHT);
	}
	/* a gap block high up, then everything */
	struct sctpdk_gap g[] = {{400, 450}};
	sack(&q, first + 9, 1u << 30, g, 1, 30, &r);
	CU_ASSERT_EQUAL(r.newly_acked_chunks, 51);
	CU_ASSERT_EQUAL(find(&q, first + 9 + 400)->state, SCTPDK_OUTQ_ACKED);
	sack(&q, first + 521, 1u << 30, NULL, 0, 40, &r);
	CU_ASSERT_EQUAL(r.newly_acked_chunks, 512 - 51);
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 0);
	CU_ASSERT_EQUAL(q.count, 0);
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* SHUTDOWN's cumulative TSN ack: no renege, no misses, window kept (9.2). */
static void
test_outq_shutdown_cum_ack(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	sctpdk_outq_init(&q, 16, sctpdk_tsn(50), 100000, NULL);
	for (int i = 0; i < 6; i++)
		send(&q, 100, 0, 10);
	struct sctpdk_outq_sack_result r;
	struct sctpdk_gap g[] = {{2, 3}}; /* 52, 53 */
	sack(&q, 50, 90000, g, 1, 20, &r);
	CU_ASSERT_EQUAL(sctpdk_outq_peer_rwnd(&q), 90000 - 300);
	CU_ASSERT_EQUAL(sctpdk_outq_on_cum_ack(&q, sctpdk_tsn(51), 30, &r), 0);
	CU_ASSERT_TRUE(r.cum_advanced);
	CU_ASSERT_EQUAL(r.newly_acked_chunks, 1);
	CU_ASSERT_EQUAL(r.reneged_chunks, 0);
	CU_ASSERT_EQUAL(find(&q, 52)->state, SCTPDK_OUTQ_ACKED);
	CU_ASSERT_EQUAL(find(&q, 54)->misses, 0);
	CU_ASSERT_EQUAL(sctpdk_outq_peer_rwnd(&q), 90000 - 300); /* kept */
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 200);
	CU_ASSERT_TRUE(sctpdk_outq_check(&q));
	/* stale and impossible values as for a SACK */
	CU_ASSERT_EQUAL(sctpdk_outq_on_cum_ack(&q, sctpdk_tsn(49), 40, &r), 0);
	CU_ASSERT_TRUE(r.stale);
	CU_ASSERT_EQUAL(sctpdk_outq_on_cum_ack(&q, sctpdk_tsn(56), 40, &r), SCTPDK_ERR_PROTOCOL);
	CU_ASSERT_EQUAL(sctpdk_outq_on_cum_ack(&q, sctpdk_tsn(55), 40, &r), 0);
	CU_ASSERT_TRUE(sctpdk_outq_empty(&q));
	sctpdk_outq_set_peer_rwnd(&q, 1234);
	CU_ASSERT_EQUAL(sctpdk_outq_peer_rwnd(&q), 1234);
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_outq_t3_and_wraparound(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	sctpdk_outq_init(&q, 16, sctpdk_tsn(0xfffffffe), 100000, NULL);
	for (int i = 0; i < 6; i++)
		send(&q, 100, (uint8_t)(i % 2), (uint64_t)i);
	CU_ASSERT_EQUAL(sctpdk_outq_next_tsn(&q).v, 4);
	/* T3 on dest 1: its three chunks leave the flight */
	CU_ASSERT_EQUAL(sctpdk_outq_on_t3(&q, 1), 3);
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 1), 0);
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 0), 300);
	CU_ASSERT_EQUAL(sctpdk_outq_rtx_pending(&q), 3);
	struct sctpdk_data_chunk c;
	CU_ASSERT_EQUAL(sctpdk_outq_next_rtx(&q, 100, 0, 1000, false, &c), 0);
	CU_ASSERT_EQUAL(c.tsn.v, 0xffffffff);
	CU_ASSERT_EQUAL(sctpdk_outq_next_rtx(&q, 100, 0, 1000, true, &c), SCTPDK_ERR_AGAIN);
	/* cum across the wrap */
	struct sctpdk_outq_sack_result r;
	CU_ASSERT_EQUAL(sack(&q, 0, 100000, NULL, 0, 200, &r), 0);
	CU_ASSERT_EQUAL(sctpdk_outq_cum_tsn(&q).v, 0);
	CU_ASSERT_EQUAL(r.newly_acked_chunks, 3);
	/* latest sent once: TSN 0 at t=2 (0xffffffff was retransmitted) */
	CU_ASSERT_EQUAL(r.rtt_us, 198);
	CU_ASSERT_EQUAL(sctpdk_outq_rtx_pending(&q), 2);
	CU_ASSERT_EQUAL(sctpdk_outq_next_rtx(&q, 300, 0, 1000, false, &c), 0);
	CU_ASSERT_EQUAL(c.tsn.v, 1);
	/* T3 on all: 1 and 2 in flight; 3 is still waiting */
	CU_ASSERT_EQUAL(sctpdk_outq_on_t3(&q, -1), 2);
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 0);
	CU_ASSERT_EQUAL(sctpdk_outq_rtx_pending(&q), 3);
	CU_ASSERT_EQUAL(q.stats.t3_marked, 5);
	CU_ASSERT_EQUAL(sctpdk_outq_next_rtx(&q, 400, 1, 1000, false, &c), 0);
	CU_ASSERT_EQUAL(c.tsn.v, 1);
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_outq_full_and_lifetime(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	sctpdk_outq_init(&q, 4, sctpdk_tsn(7), 100000, NULL);
	for (int i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(send(&q, 10, 0, 0), 0);
	CU_ASSERT_TRUE(sctpdk_outq_full(&q));
	CU_ASSERT_EQUAL(send(&q, 10, 0, 0), SCTPDK_ERR_AGAIN);
	q.ring[8 & q.mask].expire_us = 500;
	q.ring[10 & q.mask].expire_us = 900;
	sctpdk_tsn_t tsns[4];
	CU_ASSERT_EQUAL(sctpdk_outq_expired(&q, 600, tsns, 4), 1);
	CU_ASSERT_EQUAL(tsns[0].v, 8);
	CU_ASSERT_EQUAL(sctpdk_outq_expired(&q, 1000, tsns, 4), 2);
	CU_ASSERT_EQUAL(tsns[1].v, 10);
	CU_ASSERT_PTR_NULL(find(&q, 6));
	CU_ASSERT_PTR_NULL(find(&q, 11));
	/* free with chunks outstanding releases every mbuf */
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Sender queue against a real receiver tracker over a lossy, reordering
 * channel (fixed seed): every chunk ends acked, flight back to 0, no leak. */
static void
test_outq_lossy_channel_with_tracker(void)
{
	sc_baseline();
	enum { TOTAL = 2000, INFLIGHT = 40 };
	struct sctpdk_outq q;
	struct sctpdk_tracker t;
	const uint32_t itsn = 0xfffffc00u;
	CU_ASSERT_EQUAL_FATAL(sctpdk_outq_init(&q, 64, sctpdk_tsn(itsn), 1u << 20, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_tracker_init(&t, NULL, NULL, sctpdk_tsn(itsn)), 0);
	uint64_t seed = 77, now = 0;
	uint32_t sent = 0;
	unsigned rounds = 0, fast = 0, t3 = 0;
	struct sctpdk_gap gaps[16];
	sctpdk_tsn_t dups[16];
	while ((sent < TOTAL || !sctpdk_outq_empty(&q)) && rounds < 100000) {
		rounds++;
		now += 1000;
		uint32_t wire[INFLIGHT * 2];
		unsigned nw = 0;
		struct sctpdk_data_chunk c;
		while (nw < INFLIGHT && sctpdk_outq_next_rtx(&q, now, 0, 2000, false, &c) == 0)
			wire[nw++] = c.tsn.v;
		while (nw < INFLIGHT && sent < TOTAL && sctpdk_outq_count(&q) < INFLIGHT) {
			wire[nw++] = sctpdk_outq_next_tsn(&q).v;
			CU_ASSERT_EQUAL_FATAL(send(&q, 100, 0, now), 0);
			sent++;
		}
		/* channel: 10% loss, local reordering, 3% duplication */
		for (unsigned i = 0; i + 1 < nw; i++)
			if (sctpdk_test_rand(&seed) % 4 == 0) {
				uint32_t x = wire[i];
				wire[i] = wire[i + 1];
				wire[i + 1] = x;
			}
		for (unsigned i = 0; i < nw; i++) {
			uint64_t rnd = sctpdk_test_rand(&seed) % 100;
			if (rnd < 10)
				continue;
			sctpdk_tracker_on_data(&t, sctpdk_tsn(wire[i]));
			if (rnd > 96)
				sctpdk_tracker_on_data(&t, sctpdk_tsn(wire[i]));
			/* one SACK per 4 chunks, SACKs themselves lost 10% */
			if (i % 4 == 3 || i + 1 == nw) {
				struct sctpdk_sack_desc s = {
				    .gaps = gaps, .dups = dups, .max_gaps = 16, .max_dups = 16};
				sctpdk_tracker_build_sack(&t, 1u << 20, &s);
				if (sctpdk_test_rand(&seed) % 10 == 0)
					continue;
				struct sctpdk_outq_sack_result r;
				CU_ASSERT_EQUAL_FATAL(sctpdk_outq_on_sack(&q, &s, now, &r), 0);
				CU_ASSERT_TRUE_FATAL(sctpdk_outq_check(&q));
				fast += r.fast_rtx_chunks;
			}
		}
		/* nothing acked for a while: T3 */
		if (nw == 0 && !sctpdk_outq_empty(&q) && sctpdk_outq_rtx_pending(&q) == 0) {
			t3++;
			sctpdk_outq_on_t3(&q, -1);
			CU_ASSERT_TRUE_FATAL(sctpdk_outq_check(&q));
		}
	}
	CU_ASSERT_EQUAL(sent, TOTAL);
	CU_ASSERT_TRUE(sctpdk_outq_empty(&q));
	CU_ASSERT_EQUAL(sctpdk_outq_cum_tsn(&q).v, itsn + TOTAL - 1);
	CU_ASSERT_EQUAL(sctpdk_tracker_cum_tsn(&t).v, itsn + TOTAL - 1);
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 0);
	CU_ASSERT_TRUE(fast > 0);
	CU_ASSERT_TRUE(t3 > 0);
	sctpdk_outq_free(&q);
	sctpdk_tracker_free(&t);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Hostile SACKs (fixed seed): random cumulative acks, some stale or
 * impossible, random and malformed gap blocks, T3s and retransmissions in
 * between. The queue stays consistent and frees everything. */
static void
test_outq_hostile_sacks(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	const uint32_t itsn = 0xffffff00u;
	CU_ASSERT_EQUAL_FATAL(sctpdk_outq_init(&q, 256, sctpdk_tsn(itsn), 100000, NULL), 0);
	uint64_t seed = 4242;
	int bad = 0, protocol = 0;
	for (int round = 0; round < 4000 && !bad; round++) {
		while (!sctpdk_outq_full(&q) && sctpdk_test_rand(&seed) % 3 != 0)
			if (send(&q, 1 + (uint32_t)(sctpdk_test_rand(&seed) % 1400),
				 (uint8_t)(sctpdk_test_rand(&seed) % 3), (uint64_t)round) != 0)
				bad |= 1;
		uint32_t span = sctpdk_outq_next_tsn(&q).v - sctpdk_outq_cum_tsn(&q).v;
		uint32_t cum = sctpdk_outq_cum_tsn(&q).v - 3 +
			       (uint32_t)(sctpdk_test_rand(&seed) % (span / 4 + 6));
		struct sctpdk_gap g[24];
		uint16_t n = (uint16_t)(sctpdk_test_rand(&seed) % 24);
		for (uint16_t i = 0; i < n; i++) {
			g[i].start = (uint16_t)(sctpdk_test_rand(&seed) % 300);
			g[i].end = (uint16_t)(g[i].start + sctpdk_test_rand(&seed) % 8);
		}
		struct sctpdk_outq_sack_result r;
		int rc = sack(&q, cum, (uint32_t)(sctpdk_test_rand(&seed) % 200000), g, n,
			      (uint64_t)round, &r);
		if (rc == SCTPDK_ERR_PROTOCOL)
			protocol++;
		else if (rc != 0)
			bad |= 2;
		if (sctpdk_test_rand(&seed) % 50 == 0)
			sctpdk_outq_on_t3(&q, (int)(sctpdk_test_rand(&seed) % 4) - 1);
		struct sctpdk_data_chunk c;
		while (sctpdk_test_rand(&seed) % 2 &&
		       sctpdk_outq_next_rtx(&q, (uint64_t)round, 1, 1500, false, &c) == 0)
			;
		if (!sctpdk_outq_check(&q))
			bad |= 4;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_TRUE(protocol > 0);
	CU_ASSERT_TRUE(q.stats.bad_gap_blocks > 0);
	CU_ASSERT_TRUE(q.stats.reneged > 0);
	/* finally everything is acked */
	struct sctpdk_outq_sack_result r;
	CU_ASSERT_EQUAL(sack(&q, sctpdk_outq_next_tsn(&q).v - 1, 100000, NULL, 0, 1u << 20, &r), 0);
	CU_ASSERT_TRUE(sctpdk_outq_empty(&q));
	CU_ASSERT_EQUAL(sctpdk_outq_flight_total(&q), 0);
	CU_ASSERT_EQUAL(sctpdk_outq_rtx_pending(&q), 0);
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Two destinations: per-destination RTT samples, flight, acked bytes;
 * T3 on one destination only; a retransmission moves a chunk's
 * destination; acks of chunks marked for retransmission are not "live". */
static void
test_outq_per_destination(void)
{
	sc_baseline();
	struct sctpdk_outq q;
	CU_ASSERT_EQUAL_FATAL(sctpdk_outq_init(&q, 64, sctpdk_tsn(1), 100000, NULL), 0);
	CU_ASSERT_EQUAL(send(&q, 100, 0, 100), 0); /* TSN 1 */
	CU_ASSERT_EQUAL(send(&q, 200, 1, 150), 0); /* 2 */
	CU_ASSERT_EQUAL(send(&q, 300, 0, 200), 0); /* 3 */
	CU_ASSERT_EQUAL(send(&q, 400, 1, 250), 0); /* 4 */
	CU_ASSERT_EQUAL(send(&q, 500, 0, 300), 0); /* 5 */
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 0), 900);
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 1), 600);
	CU_ASSERT_PTR_NULL(sctpdk_outq_peek_rtx(&q));
	struct sctpdk_outq_sack_result r;
	CU_ASSERT_EQUAL(sack(&q, 4, 100000, NULL, 0, 1000, &r), 0);
	CU_ASSERT_EQUAL(r.rtt_dests, 3u);
	CU_ASSERT_EQUAL(r.rtt_dest_us[0], 800); /* TSN 3, the latest sent to 0 */
	CU_ASSERT_EQUAL(r.rtt_dest_us[1], 750); /* TSN 4 */
	CU_ASSERT_EQUAL(r.rtt_us, 750);
	CU_ASSERT_EQUAL(r.rtt_dest, 1);
	CU_ASSERT_EQUAL(r.bytes_acked[0], 400);
	CU_ASSERT_EQUAL(r.bytes_acked[1], 600);
	CU_ASSERT_EQUAL(r.flight_after[0], 500);
	CU_ASSERT_EQUAL(r.flight_after[1], 0);
	CU_ASSERT_EQUAL(r.acked_live_dests, 3u);
	/* T3 on destination 1: nothing of it in flight, nothing marked */
	CU_ASSERT_EQUAL(sctpdk_outq_on_t3(&q, 1), 0);
	CU_ASSERT_EQUAL(send(&q, 600, 1, 1100), 0); /* 6 */
	/* T3 on destination 0 marks TSN 5 only */
	CU_ASSERT_EQUAL(sctpdk_outq_on_t3(&q, 0), 1);
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 0), 0);
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 1), 600);
	const struct sctpdk_outq_entry *lo = sctpdk_outq_peek_rtx(&q);
	CU_ASSERT_PTR_NOT_NULL_FATAL(lo);
	CU_ASSERT_EQUAL(lo->dest, 0);
	CU_ASSERT_EQUAL(lo->len, 500);
	/* retransmitted to destination 1: counted there from now on */
	struct sctpdk_data_chunk c;
	CU_ASSERT_EQUAL(sctpdk_outq_next_rtx(&q, 1200, 1, 1452, false, &c), 0);
	CU_ASSERT_EQUAL(c.tsn.v, 5);
	CU_ASSERT_EQUAL(find(&q, 5)->dest, 1);
	CU_ASSERT_EQUAL(sctpdk_outq_flight(&q, 1), 1100);
	CU_ASSERT_PTR_NULL(sctpdk_outq_peek_rtx(&q));
	CU_ASSERT_TRUE(sctpdk_outq_check(&q));
	/* marked again, then acked while marked: acked, but not live; no
	 * RTT sample from the retransmitted TSN 5, one from TSN 6 */
	CU_ASSERT_EQUAL(sctpdk_outq_on_t3(&q, 1), 2);
	CU_ASSERT_EQUAL(sack(&q, 6, 100000, NULL, 0, 2000, &r), 0);
	CU_ASSERT_EQUAL(r.acked_dests, 2u);
	CU_ASSERT_EQUAL(r.acked_live_dests, 0u);
	CU_ASSERT_EQUAL(r.bytes_acked[1], 1100);
	CU_ASSERT_EQUAL(r.rtt_dests, 2u);
	CU_ASSERT_EQUAL(r.rtt_dest_us[1], 900);
	CU_ASSERT_TRUE(sctpdk_outq_empty(&q));
	CU_ASSERT_TRUE(sctpdk_outq_check(&q));
	sctpdk_outq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

SCTPDK_TEST_SUITE(sctp_outq, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_outq_cum_ack_rtt_rwnd),
		  SCTPDK_TEST(test_outq_fast_retransmit), SCTPDK_TEST(test_outq_renege),
		  SCTPDK_TEST(test_outq_gap_acked_count), SCTPDK_TEST(test_outq_ring_grows),
		  SCTPDK_TEST(test_outq_shutdown_cum_ack), SCTPDK_TEST(test_outq_t3_and_wraparound),
		  SCTPDK_TEST(test_outq_full_and_lifetime),
		  SCTPDK_TEST(test_outq_lossy_channel_with_tracker),
		  SCTPDK_TEST(test_outq_hostile_sacks), SCTPDK_TEST(test_outq_per_destination))
