/* SPDX-License-Identifier: BSD-3-Clause */
/* Reassembly and per-stream ordering (RFC 9260 6.5, 6.6, 6.9). */
#include <string.h>

#include <rte_mbuf.h>

#include "scen.h"
#include "sctpdk_test.h"

#include "sctpdk/sctpdk_error.h"
#include "reasm.h"
#include "sendq.h"
#include "tracker.h"

#define B   SCTPDK_DATA_FLAG_B
#define E   SCTPDK_DATA_FLAG_E
#define U   SCTPDK_DATA_FLAG_U
#define HDR 28 /* payload offset inside the test "packet" */

static uint8_t
pat(uint32_t id, uint32_t i)
{
	return (uint8_t)(id * 13 + i * 5 + (i >> 9));
}

/* A "packet" holding HDR bytes of header then len payload bytes: message
 * id's bytes from offset moff. */
static struct rte_mbuf *
packet(uint32_t id, uint32_t moff, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	if (m == NULL)
		return NULL;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(HDR + len));
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0xee, HDR);
	for (uint32_t i = 0; i < len; i++)
		p[HDR + i] = pat(id, moff + i);
	return m;
}

static int
check_pat(const struct rte_mbuf *m, uint32_t id, uint32_t off, uint32_t len)
{
	if (rte_pktmbuf_pkt_len(m) != len)
		return 0;
	uint32_t i = 0;
	uint32_t segs = 0;
	for (const struct rte_mbuf *s = m; s != NULL; s = s->next, segs++) {
		const uint8_t *p = rte_pktmbuf_mtod(s, const uint8_t *);
		for (uint16_t k = 0; k < s->data_len; k++, i++)
			if (p[k] != pat(id, off + i))
				return 0;
	}
	return i == len && segs == m->nb_segs;
}

/* Feed fragment [moff, moff+len) of message id. */
static int
feed(struct sctpdk_reasm *r, uint32_t tsn, uint16_t sid, uint16_t ssn, uint8_t flags, uint32_t id,
     uint32_t moff, uint32_t len)
{
	struct sctpdk_data_chunk c = {0};
	c.tsn = sctpdk_tsn(tsn);
	c.sid = sid;
	c.ssn = sctpdk_ssn(ssn);
	c.flags = flags;
	c.ppid = 0x1000 + id;
	c.len = len;
	c.off = HDR;
	c.m = packet(id, moff, len);
	if (c.m == NULL)
		return -100;
	return sctpdk_reasm_add(r, &c);
}

static void
init_r(struct sctpdk_reasm *r, uint16_t streams, uint32_t max_frags)
{
	struct sctpdk_reasm_config c = {
	    .n_streams = streams, .max_frags = max_frags, .indirect_pool = sctpdk_test_mbuf_pool()};
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_init(r, &c, NULL), 0);
}

static void
test_reasm_ordered_whole_messages(void)
{
	sc_baseline();
	struct sctpdk_reasm r;
	init_r(&r, 4, 0);
	CU_ASSERT_TRUE(sctpdk_reasm_sid_valid(&r, 3));
	CU_ASSERT_FALSE(sctpdk_reasm_sid_valid(&r, 4));
	/* SSN 2, 1 wait for 0 */
	CU_ASSERT_EQUAL(feed(&r, 12, 3, 2, B | E, 2, 0, 30), 0);
	CU_ASSERT_EQUAL(feed(&r, 11, 3, 1, B | E, 1, 0, 20), 0);
	CU_ASSERT_FALSE(sctpdk_reasm_ready(&r));
	CU_ASSERT_EQUAL(sctpdk_reasm_buffered_bytes(&r), 50);
	struct sctpdk_reasm_msg msg;
	CU_ASSERT_EQUAL(sctpdk_reasm_pull(&r, &msg), SCTPDK_ERR_AGAIN);
	CU_ASSERT_EQUAL(feed(&r, 10, 3, 0, B | E, 0, 0, 10), 0);
	CU_ASSERT_EQUAL(sctpdk_reasm_next_ssn(&r, 3).v, 3);
	for (uint32_t i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
		CU_ASSERT_EQUAL(msg.sid, 3);
		CU_ASSERT_EQUAL(msg.ssn.v, i);
		CU_ASSERT_EQUAL(msg.tsn.v, 10 + i);
		CU_ASSERT_EQUAL(msg.ppid, 0x1000 + i);
		CU_ASSERT_EQUAL(msg.flags, SCTPDK_REASM_MSG_EOR);
		CU_ASSERT_EQUAL(msg.len, 10 * (i + 1));
		CU_ASSERT_TRUE(check_pat(msg.m, i, 0, msg.len));
		rte_pktmbuf_free(msg.m);
	}
	CU_ASSERT_EQUAL(sctpdk_reasm_buffered_bytes(&r), 0);
	/* other streams are independent */
	CU_ASSERT_EQUAL(feed(&r, 13, 0, 0, B | E, 5, 0, 5), 0);
	CU_ASSERT_EQUAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.sid, 0);
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_EQUAL(r.stats.msgs_out, 4);
	sctpdk_reasm_free(&r);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_reasm_fragments_out_of_order(void)
{
	sc_baseline();
	struct sctpdk_reasm r;
	init_r(&r, 2, 0);
	/* message 7: 4 fragments TSN 100..103, arriving 103, 101, 100, 102 */
	CU_ASSERT_EQUAL(feed(&r, 103, 1, 0, E, 7, 3000, 500), 0);
	CU_ASSERT_EQUAL(feed(&r, 101, 1, 0, 0, 7, 1000, 1000), 0);
	CU_ASSERT_EQUAL(feed(&r, 100, 1, 0, B, 7, 0, 1000), 0);
	CU_ASSERT_FALSE(sctpdk_reasm_ready(&r));
	CU_ASSERT_EQUAL(sctpdk_reasm_buffered_bytes(&r), 2500);
	CU_ASSERT_TRUE(sctpdk_reasm_check(&r));
	/* a later whole message on the same stream waits behind it */
	CU_ASSERT_EQUAL(feed(&r, 104, 1, 1, B | E, 8, 0, 64), 0);
	CU_ASSERT_FALSE(sctpdk_reasm_ready(&r));
	CU_ASSERT_EQUAL(feed(&r, 102, 1, 0, 0, 7, 2000, 1000), 0);
	struct sctpdk_reasm_msg msg;
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.len, 3500);
	CU_ASSERT_EQUAL(msg.tsn.v, 100);
	CU_ASSERT_EQUAL(msg.m->nb_segs, 4);
	CU_ASSERT_TRUE(check_pat(msg.m, 7, 0, 3500));
	/* payload sliced in place: each segment starts past the header */
	CU_ASSERT_EQUAL(msg.m->data_len, 1000);
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.ssn.v, 1);
	CU_ASSERT_TRUE(check_pat(msg.m, 8, 0, 64));
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_EQUAL(sctpdk_objpool_in_use(&r.pool), 0);
	sctpdk_reasm_free(&r);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_reasm_unordered_interleaved(void)
{
	sc_baseline();
	struct sctpdk_reasm r;
	init_r(&r, 2, 0);
	/* ordered SSN 0 incomplete; unordered messages still get through */
	CU_ASSERT_EQUAL(feed(&r, 1, 0, 0, B, 1, 0, 100), 0);
	CU_ASSERT_EQUAL(feed(&r, 4, 0, 9, U | B | E, 2, 0, 50), 0);
	struct sctpdk_reasm_msg msg;
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.flags, SCTPDK_REASM_MSG_UNORDERED | SCTPDK_REASM_MSG_EOR);
	CU_ASSERT_EQUAL(msg.ssn.v, 0); /* SSN of unordered data is ignored */
	CU_ASSERT_TRUE(check_pat(msg.m, 2, 0, 50));
	rte_pktmbuf_free(msg.m);
	/* fragmented unordered message 5..7 arriving 7, 5, 6 on stream 1 */
	CU_ASSERT_EQUAL(feed(&r, 7, 1, 0, U | E, 3, 200, 100), 0);
	CU_ASSERT_EQUAL(feed(&r, 5, 1, 0, U | B, 3, 0, 100), 0);
	CU_ASSERT_FALSE(sctpdk_reasm_ready(&r));
	CU_ASSERT_EQUAL(feed(&r, 6, 1, 0, U, 3, 100, 100), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.sid, 1);
	CU_ASSERT_EQUAL(msg.tsn.v, 5);
	CU_ASSERT_TRUE(check_pat(msg.m, 3, 0, 300));
	rte_pktmbuf_free(msg.m);
	/* the ordered one completes */
	CU_ASSERT_EQUAL(feed(&r, 2, 0, 0, E, 1, 100, 100), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.flags, SCTPDK_REASM_MSG_EOR);
	CU_ASSERT_TRUE(check_pat(msg.m, 1, 0, 200));
	rte_pktmbuf_free(msg.m);
	sctpdk_reasm_free(&r);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_reasm_ssn_wraparound(void)
{
	sc_baseline();
	struct sctpdk_reasm r;
	init_r(&r, 1, 0);
	r.streams[0].next_ssn = sctpdk_ssn(65534); /* as after 65534 messages */
	CU_ASSERT_EQUAL(feed(&r, 3, 0, 1, B | E, 3, 0, 10), 0);
	CU_ASSERT_EQUAL(feed(&r, 2, 0, 0, B | E, 2, 0, 10), 0);
	CU_ASSERT_EQUAL(feed(&r, 1, 0, 65535, B | E, 1, 0, 10), 0);
	CU_ASSERT_FALSE(sctpdk_reasm_ready(&r));
	CU_ASSERT_EQUAL(feed(&r, 0, 0, 65534, B | E, 0, 0, 10), 0);
	const uint16_t expect[] = {65534, 65535, 0, 1};
	for (int i = 0; i < 4; i++) {
		struct sctpdk_reasm_msg msg;
		CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
		CU_ASSERT_EQUAL(msg.ssn.v, expect[i]);
		CU_ASSERT_TRUE(check_pat(msg.m, (uint32_t)i, 0, 10));
		rte_pktmbuf_free(msg.m);
	}
	CU_ASSERT_EQUAL(sctpdk_reasm_next_ssn(&r, 0).v, 2);
	sctpdk_reasm_free(&r);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_reasm_errors(void)
{
	sc_baseline();
	struct sctpdk_reasm r;
	init_r(&r, 2, 3);
	CU_ASSERT_EQUAL(feed(&r, 1, 2, 0, B | E, 1, 0, 10), SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(feed(&r, 1, 0, 0, B | E, 1, 0, 0), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(feed(&r, 1, 0, 0, B | E, 1, 0, 10), 0);
	CU_ASSERT_EQUAL(feed(&r, 2, 0, 0, B | E, 1, 0, 10), SCTPDK_ERR_MALFORMED); /* SSN 0 done */
	CU_ASSERT_EQUAL(feed(&r, 5, 0, 2, B, 1, 0, 10), 0);
	CU_ASSERT_EQUAL(feed(&r, 5, 0, 2, B, 1, 0, 10), SCTPDK_ERR_EXISTS);
	CU_ASSERT_EQUAL(feed(&r, 9, 1, 0, U | B, 1, 0, 10), 0);
	/* out of fragment records (max 3: one ready + two buffered) */
	CU_ASSERT_EQUAL(feed(&r, 10, 1, 0, U | E, 1, 10, 10), SCTPDK_ERR_NOMEM);
	/* payload range outside the packet */
	struct sctpdk_data_chunk c = {
	    .tsn = {20}, .sid = 0, .ssn = {3}, .flags = B | E, .len = 100, .off = 0};
	c.m = packet(1, 0, 10);
	CU_ASSERT_EQUAL(sctpdk_reasm_add(&r, &c), SCTPDK_ERR_MALFORMED);
	CU_ASSERT_EQUAL(r.stats.bad_sid, 1);
	CU_ASSERT_EQUAL(r.stats.bad_ssn, 1);
	CU_ASSERT_EQUAL(r.stats.dup_tsn, 1);
	CU_ASSERT_EQUAL(r.stats.nomem, 1);
	CU_ASSERT_EQUAL(sctpdk_reasm_buffered_bytes(&r), 30);
	/* abort: everything freed */
	sctpdk_reasm_free(&r);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Two DATA chunks in one packet: one reference each, sliced by indirect mbufs. */
static void
test_reasm_shared_packet(void)
{
	sc_baseline();
	struct sctpdk_reasm r;
	init_r(&r, 1, 0);
	struct rte_mbuf *pkt = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(pkt, 12 + 16 + 40 + 16 + 60);
	for (int i = 0; i < 40; i++)
		p[28 + i] = pat(1, (uint32_t)i);
	for (int i = 0; i < 60; i++)
		p[84 + i] = pat(2, (uint32_t)i);
	rte_pktmbuf_refcnt_update(pkt, 1);
	struct sctpdk_data_chunk c1 = {
	    .tsn = {1}, .sid = 0, .ssn = {0}, .flags = B | E, .len = 40, .off = 28, .m = pkt};
	struct sctpdk_data_chunk c2 = {
	    .tsn = {2}, .sid = 0, .ssn = {1}, .flags = B | E, .len = 60, .off = 84, .m = pkt};
	CU_ASSERT_EQUAL(sctpdk_reasm_add(&r, &c1), 0);
	CU_ASSERT_EQUAL(sctpdk_reasm_add(&r, &c2), 0);
	struct sctpdk_reasm_msg a, b;
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &a), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &b), 0);
	CU_ASSERT_TRUE(check_pat(a.m, 1, 0, 40));
	CU_ASSERT_TRUE(check_pat(b.m, 2, 0, 60));
	rte_pktmbuf_free(a.m);
	CU_ASSERT_TRUE(check_pat(b.m, 2, 0, 60));
	rte_pktmbuf_free(b.m);
	sctpdk_reasm_free(&r);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Payloads straddling the segments of a received chain, owned or shared. */
static void
test_reasm_payload_straddles_segments(void)
{
	sc_baseline();
	struct sctpdk_reasm r;
	init_r(&r, 1, 0);
	for (int shared = 0; shared < 2; shared++) {
		/* packet = HDR + 100 payload bytes | 150 bytes | 50 bytes + 8 trailer */
		struct rte_mbuf *pkt = packet(9, 0, 100);
		struct rte_mbuf *s2 = packet(9, 100, 150);
		struct rte_mbuf *s3 = packet(9, 250, 50);
		rte_pktmbuf_adj(s2, HDR);
		rte_pktmbuf_adj(s3, HDR);
		memset(rte_pktmbuf_append(s3, 8), 0xaa, 8);
		CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_chain(pkt, s2), 0);
		CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_chain(pkt, s3), 0);
		struct rte_mbuf *extra = NULL;
		if (shared) {
			rte_pktmbuf_refcnt_update(pkt, 1);
			extra = pkt; /* somebody else keeps the packet */
		}
		struct sctpdk_data_chunk c = {.tsn = sctpdk_tsn(100 + (uint32_t)shared),
					      .sid = 0,
					      .ssn = sctpdk_ssn((uint16_t)shared),
					      .flags = B | E,
					      .len = 300,
					      .off = HDR,
					      .m = pkt};
		CU_ASSERT_EQUAL(sctpdk_reasm_add(&r, &c), 0);
		struct sctpdk_reasm_msg msg;
		CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
		CU_ASSERT_EQUAL(msg.m->nb_segs, 3);
		CU_ASSERT_TRUE(check_pat(msg.m, 9, 0, 300));
		CU_ASSERT_EQUAL(RTE_MBUF_CLONED(msg.m) != 0, shared);
		rte_pktmbuf_free(msg.m);
		rte_pktmbuf_free(extra);
	}
	sctpdk_reasm_free(&r);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_reasm_partial_delivery(void)
{
	sc_baseline();
	struct sctpdk_reasm r;
	init_r(&r, 2, 0);
	/* big ordered message on stream 0, TSN 10..15; 10, 11, 12 and 14 arrived */
	feed(&r, 10, 0, 0, B, 1, 0, 1000);
	feed(&r, 11, 0, 0, 0, 1, 1000, 1000);
	feed(&r, 12, 0, 0, 0, 1, 2000, 1000);
	feed(&r, 14, 0, 0, 0, 1, 4000, 1000);
	feed(&r, 16, 0, 1, B | E, 2, 0, 77); /* next message, complete */
	CU_ASSERT_FALSE(sctpdk_reasm_ready(&r));
	CU_ASSERT_EQUAL(sctpdk_reasm_pd_start(&r, 3001), SCTPDK_ERR_AGAIN); /* run is 3000 */
	CU_ASSERT_EQUAL(sctpdk_reasm_pd_start(&r, 2000), 0);
	CU_ASSERT_TRUE(sctpdk_reasm_pd_active(&r));
	CU_ASSERT_EQUAL(sctpdk_reasm_pd_start(&r, 0), SCTPDK_ERR_STATE);
	struct sctpdk_reasm_msg msg;
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.flags, SCTPDK_REASM_MSG_PARTIAL);
	CU_ASSERT_EQUAL(msg.len, 3000);
	CU_ASSERT_EQUAL(msg.tsn.v, 10);
	CU_ASSERT_TRUE(check_pat(msg.m, 1, 0, 3000));
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_EQUAL(sctpdk_reasm_pull(&r, &msg), SCTPDK_ERR_AGAIN);
	/* unordered whole message waits while the partial delivery runs */
	feed(&r, 20, 1, 0, U | B | E, 3, 0, 33);
	CU_ASSERT_EQUAL(sctpdk_reasm_pull(&r, &msg), SCTPDK_ERR_AGAIN);
	feed(&r, 13, 0, 0, 0, 1, 3000, 1000);
	CU_ASSERT_TRUE(sctpdk_reasm_ready(&r));
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.flags, SCTPDK_REASM_MSG_PARTIAL);
	CU_ASSERT_EQUAL(msg.tsn.v, 13);
	CU_ASSERT_TRUE(check_pat(msg.m, 1, 3000, 2000)); /* 13 and 14 */
	rte_pktmbuf_free(msg.m);
	feed(&r, 15, 0, 0, E, 1, 5000, 500);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.flags, SCTPDK_REASM_MSG_PARTIAL | SCTPDK_REASM_MSG_EOR);
	CU_ASSERT_TRUE(check_pat(msg.m, 1, 5000, 500));
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_FALSE(sctpdk_reasm_pd_active(&r));
	CU_ASSERT_EQUAL(sctpdk_reasm_next_ssn(&r, 0).v, 2);
	/* then the waiting messages, in arrival order of completion */
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.sid, 1);
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.ssn.v, 1);
	CU_ASSERT_TRUE(check_pat(msg.m, 2, 0, 77));
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_EQUAL(sctpdk_reasm_buffered_bytes(&r), 0);

	/* unordered partial delivery */
	feed(&r, 30, 1, 0, U | B, 4, 0, 700);
	feed(&r, 31, 1, 0, U, 4, 700, 700);
	CU_ASSERT_EQUAL(sctpdk_reasm_pd_start(&r, 1000), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.flags, SCTPDK_REASM_MSG_PARTIAL | SCTPDK_REASM_MSG_UNORDERED);
	CU_ASSERT_TRUE(check_pat(msg.m, 4, 0, 1400));
	rte_pktmbuf_free(msg.m);
	feed(&r, 32, 1, 0, U | E, 4, 1400, 10);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.flags, SCTPDK_REASM_MSG_PARTIAL | SCTPDK_REASM_MSG_UNORDERED |
				       SCTPDK_REASM_MSG_EOR);
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_FALSE(sctpdk_reasm_pd_active(&r));
	/* abort in the middle of a partial delivery frees everything */
	feed(&r, 40, 0, 2, B, 5, 0, 500);
	CU_ASSERT_EQUAL(sctpdk_reasm_pd_start(&r, 1), 0);
	sctpdk_reasm_free(&r);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Messages of thousands of fragments in random or descending order:
 * placed and joined without per-fragment walks, delivered byte-exact. */
static void
test_reasm_many_fragments_any_order(void)
{
	sc_baseline();
	enum { N = 2000, L = 10 };
	struct sctpdk_reasm r;
	init_r(&r, 2, 0);
	static uint32_t order[N];
	uint64_t seed = 99;
	for (uint32_t i = 0; i < N; i++)
		order[i] = i;
	for (uint32_t i = N - 1; i > 0; i--) {
		uint32_t j = (uint32_t)(sctpdk_test_rand(&seed) % (i + 1));
		uint32_t x = order[i];
		order[i] = order[j];
		order[j] = x;
	}
	/* unordered message 1 on stream 0 (random order), interleaved with
	 * unordered message 2 on stream 1 (reverse order) */
	int bad = 0;
	for (uint32_t k = 0; k < N; k++) {
		uint32_t i = order[k];
		uint8_t fl = (uint8_t)(U | (i == 0 ? B : 0) | (i == N - 1 ? E : 0));
		if (feed(&r, 1000 + i, 0, 0, fl, 1, i * L, L) != 0)
			bad |= 1;
		if (k < 50) {
			uint32_t j = 49 - k;
			uint8_t f2 = (uint8_t)(U | (j == 0 ? B : 0) | (j == 49 ? E : 0));
			if (feed(&r, 1000 + N + j, 1, 0, f2, 2, j * L, L) != 0)
				bad |= 2;
		}
		if (k % 97 == 0 && !sctpdk_reasm_check(&r))
			bad |= 4;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_TRUE(sctpdk_reasm_check(&r));
	struct sctpdk_reasm_msg msg;
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.sid, 1); /* completed first */
	CU_ASSERT_TRUE(check_pat(msg.m, 2, 0, 50 * L));
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.len, N * L);
	CU_ASSERT_EQUAL(msg.m->nb_segs, N);
	CU_ASSERT_TRUE(check_pat(msg.m, 1, 0, N * L));
	rte_pktmbuf_free(msg.m);
	/* ordered message 3: fragments in descending TSN order */
	for (uint32_t k = 0; k < N; k++) {
		uint32_t i = N - 1 - k;
		uint8_t fl = (uint8_t)((i == 0 ? B : 0) | (i == N - 1 ? E : 0));
		if (feed(&r, 10000 + i, 0, 0, fl, 3, i * L, L) != 0)
			bad |= 8;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_pull(&r, &msg), 0);
	CU_ASSERT_EQUAL(msg.ssn.v, 0);
	CU_ASSERT_TRUE(check_pat(msg.m, 3, 0, N * L));
	rte_pktmbuf_free(msg.m);
	CU_ASSERT_EQUAL(sctpdk_reasm_buffered_bytes(&r), 0);
	sctpdk_reasm_free(&r);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Hostile DATA (fixed seed): random TSNs near cum, SIDs (some invalid),
 * SSNs, flags and lengths, with partial deliveries started at random.
 * Everything accepted is either delivered or freed; invariants hold. */
static void
test_reasm_hostile_data(void)
{
	sc_baseline();
	struct sctpdk_reasm r;
	init_r(&r, 4, 3000);
	struct sctpdk_tracker t;
	CU_ASSERT_EQUAL_FATAL(sctpdk_tracker_init(&t, NULL, NULL, sctpdk_tsn(1)), 0);
	uint64_t seed = 31337;
	int bad = 0;
	uint32_t next = 1;
	for (int i = 0; i < 6000 && !bad; i++) {
		uint32_t tsn = next + (uint32_t)(sctpdk_test_rand(&seed) % 40);
		if (sctpdk_test_rand(&seed) % 3 == 0)
			next++;
		if (sctpdk_tracker_on_data(&t, sctpdk_tsn(tsn)) != SCTPDK_TRACKER_NEW)
			continue;
		uint16_t sid = (uint16_t)(sctpdk_test_rand(&seed) % 5);
		uint16_t ssn = (uint16_t)(sctpdk_test_rand(&seed) % 6);
		uint8_t fl = (uint8_t)(sctpdk_test_rand(&seed) % 8);
		uint32_t len = (uint32_t)(sctpdk_test_rand(&seed) % 64);
		int rc = feed(&r, tsn, sid, ssn, fl, 7, 0, len);
		if (rc != 0 && rc != SCTPDK_ERR_NOTFOUND && rc != SCTPDK_ERR_INVAL &&
		    rc != SCTPDK_ERR_MALFORMED && rc != SCTPDK_ERR_EXISTS && rc != SCTPDK_ERR_NOMEM)
			bad |= 1;
		if (sctpdk_test_rand(&seed) % 20 == 0)
			sctpdk_reasm_pd_start(&r, (uint32_t)(sctpdk_test_rand(&seed) % 100));
		struct sctpdk_reasm_msg msg;
		while (sctpdk_test_rand(&seed) % 4 != 0 && sctpdk_reasm_pull(&r, &msg) == 0) {
			if (msg.len != rte_pktmbuf_pkt_len(msg.m))
				bad |= 2;
			rte_pktmbuf_free(msg.m);
		}
		if (!sctpdk_reasm_check(&r))
			bad |= 4;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_TRUE(r.stats.bad_sid > 0);
	CU_ASSERT_TRUE(r.stats.bad_ssn > 0);
	CU_ASSERT_TRUE(r.stats.msgs_out > 0);
	sctpdk_reasm_free(&r);
	sctpdk_tracker_free(&t);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_reasm_rwnd_sws(void)
{
	/* avail = rcvbuf - used */
	CU_ASSERT_EQUAL(sctpdk_reasm_rwnd(65536, 1000, 65536, 1500), 64536);
	CU_ASSERT_EQUAL(sctpdk_reasm_rwnd(65536, 70000, 100, 1500), 0);
	/* grows by less than min(rcvbuf/2, MTU): keep advertising the old value */
	CU_ASSERT_EQUAL(sctpdk_reasm_rwnd(65536, 64100, 0, 1500), 0);
	CU_ASSERT_EQUAL(sctpdk_reasm_rwnd(65536, 64036, 0, 1500), 1500);
	CU_ASSERT_EQUAL(sctpdk_reasm_rwnd(65536, 59000, 5000, 1500), 6536);
	CU_ASSERT_EQUAL(sctpdk_reasm_rwnd(65536, 60500, 5000, 1500), 5000);
	/* tiny buffer: step is rcvbuf/2 */
	CU_ASSERT_EQUAL(sctpdk_reasm_rwnd(1000, 600, 0, 1500), 0);
	CU_ASSERT_EQUAL(sctpdk_reasm_rwnd(1000, 500, 0, 1500), 500);
}

/* End to end: a sender queue cuts messages over many streams into chunks;
 * they arrive shuffled (fixed seed) with duplicates, filtered by the
 * tracker; every message comes out byte-exact, once, ordered ones in SSN
 * order per stream. */
static void
run_shuffle(uint64_t seed)
{
	sc_baseline();
	enum { STREAMS = 64, MSGS = 300, MAXC = 4096 };
	struct sctpdk_sendq q;
	struct sctpdk_sendq_config qc = {.n_streams = STREAMS,
					 .indirect_pool = sctpdk_test_mbuf_pool()};
	CU_ASSERT_EQUAL_FATAL(sctpdk_sendq_init(&q, &qc, NULL), 0);
	struct sctpdk_reasm r;
	init_r(&r, STREAMS, 0);
	struct sctpdk_tracker t;
	CU_ASSERT_EQUAL_FATAL(sctpdk_tracker_init(&t, NULL, NULL, sctpdk_tsn(0xffffff80u)), 0);
	static uint32_t len[MSGS];
	static uint16_t sid[MSGS];
	static bool uo[MSGS];
	static uint8_t seen[MSGS];
	memset(seen, 0, sizeof(seen));
	for (uint32_t i = 0; i < MSGS; i++) {
		len[i] = 1 + (uint32_t)(sctpdk_test_rand(&seed) % 4000);
		sid[i] = (uint16_t)(sctpdk_test_rand(&seed) % STREAMS);
		uo[i] = sctpdk_test_rand(&seed) % 5 == 0;
		struct rte_mbuf *m = NULL;
		for (uint32_t o = 0; o < len[i]; o += 1500) {
			struct rte_mbuf *s = packet(i, o, len[i] - o < 1500 ? len[i] - o : 1500);
			CU_ASSERT_PTR_NOT_NULL_FATAL(s);
			rte_pktmbuf_adj(s, HDR);
			if (m == NULL)
				m = s;
			else
				CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_chain(m, s), 0);
		}
		struct sctpdk_sendq_msg_params p = {
		    .sid = sid[i], .unordered = uo[i], .ppid = i, .context = i};
		CU_ASSERT_EQUAL_FATAL(sctpdk_sendq_add(&q, &p, m, 0), 0);
	}
	static struct sctpdk_data_chunk ch[MAXC];
	unsigned n = 0;
	sctpdk_tsn_t tsn = sctpdk_tsn(0xffffff80u);
	while (n < MAXC &&
	       sctpdk_sendq_next(&q, 0, 200 + (uint32_t)(sctpdk_test_rand(&seed) % 1300), &tsn,
				 &ch[n]) == 0)
		n++;
	CU_ASSERT_FALSE_FATAL(sctpdk_sendq_has_data(&q));
	/* shuffle within windows of 64 chunks, then 10% duplicates */
	for (unsigned i = 0; i < n; i++) {
		unsigned j = i + (unsigned)(sctpdk_test_rand(&seed) % 64);
		if (j < n) {
			struct sctpdk_data_chunk x = ch[i];
			ch[i] = ch[j];
			ch[j] = x;
		}
	}
	int bad = 0;
	uint16_t next_ssn[STREAMS] = {0};
	uint32_t delivered = 0;
	struct sctpdk_reasm_msg msg;
	for (unsigned i = 0; i < n; i++) {
		int copies = sctpdk_test_rand(&seed) % 10 == 0 ? 2 : 1;
		for (int k = 0; k < copies; k++) {
			if (sctpdk_tracker_on_data(&t, ch[i].tsn) != SCTPDK_TRACKER_NEW)
				continue;
			rte_pktmbuf_refcnt_update(ch[i].m, 1);
			if (sctpdk_reasm_add(&r, &ch[i]) != 0)
				bad |= 1;
			if (!sctpdk_reasm_check(&r))
				bad |= 32;
		}
		rte_pktmbuf_free(ch[i].m);
		while (sctpdk_reasm_pull(&r, &msg) == 0) {
			uint32_t id = msg.ppid;
			if (id >= MSGS || seen[id]++)
				bad |= 2;
			else if (!check_pat(msg.m, id, 0, len[id]) || msg.sid != sid[id])
				bad |= 4;
			else if (!uo[id] && msg.ssn.v != next_ssn[sid[id]]++)
				bad |= 8;
			else if (!!(msg.flags & SCTPDK_REASM_MSG_UNORDERED) != uo[id])
				bad |= 16;
			delivered++;
			rte_pktmbuf_free(msg.m);
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(delivered, MSGS);
	CU_ASSERT_EQUAL(sctpdk_tracker_cum_tsn(&t).v, tsn.v - 1);
	CU_ASSERT_EQUAL(sctpdk_reasm_buffered_bytes(&r), 0);
	CU_ASSERT_EQUAL(sctpdk_objpool_in_use(&r.pool), 0);
	CU_ASSERT_TRUE(n > MSGS); /* fragmentation happened */
	sctpdk_reasm_free(&r);
	sctpdk_sendq_free(&q);
	sctpdk_tracker_free(&t);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_reasm_random_shuffle_property(void)
{
	run_shuffle(20241126);
	run_shuffle(1);
	run_shuffle(0xdeadbeef);
}

SCTPDK_TEST_SUITE(sctp_reasm, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_reasm_ordered_whole_messages),
		  SCTPDK_TEST(test_reasm_fragments_out_of_order),
		  SCTPDK_TEST(test_reasm_unordered_interleaved),
		  SCTPDK_TEST(test_reasm_ssn_wraparound), SCTPDK_TEST(test_reasm_errors),
		  SCTPDK_TEST(test_reasm_shared_packet),
		  SCTPDK_TEST(test_reasm_payload_straddles_segments),
		  SCTPDK_TEST(test_reasm_partial_delivery),
		  SCTPDK_TEST(test_reasm_many_fragments_any_order),
		  SCTPDK_TEST(test_reasm_hostile_data), SCTPDK_TEST(test_reasm_rwnd_sws),
		  SCTPDK_TEST(test_reasm_random_shuffle_property))
