/* SPDX-License-Identifier: BSD-3-Clause */
/* Sender message queue: SSNs, fragmentation, scheduling, lifetime. */
#include <string.h>

#include <rte_mbuf.h>

#include "scen.h"
#include "sctpdk_test.h"

#include "sctpdk/sctpdk_error.h"
#include "sendq.h"

static uint8_t
pat(uint32_t id, uint32_t i)
{
	return (uint8_t)(id * 31 + i * 7 + (i >> 8));
}

/* A message of len bytes (pattern of id) in segments of at most seg bytes. */
static struct rte_mbuf *
make_msg(uint32_t id, uint32_t len, uint16_t seg)
{
	struct rte_mbuf *head = NULL;
	uint32_t i = 0;
	while (i < len) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
		if (m == NULL) {
			rte_pktmbuf_free(head);
			return NULL;
		}
		uint16_t n = (uint16_t)(len - i < seg ? len - i : seg);
		uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, n);
		for (uint16_t k = 0; k < n; k++)
			p[k] = pat(id, i + k);
		i += n;
		if (head == NULL)
			head = m;
		else if (rte_pktmbuf_chain(head, m) != 0)
			return NULL;
	}
	return head;
}

/* Do bytes of chain m equal the pattern of id from offset off? */
static int
check_pat(const struct rte_mbuf *m, uint32_t id, uint32_t off)
{
	uint32_t i = 0;
	for (const struct rte_mbuf *s = m; s != NULL; s = s->next) {
		const uint8_t *p = rte_pktmbuf_mtod(s, const uint8_t *);
		for (uint16_t k = 0; k < s->data_len; k++, i++)
			if (p[k] != pat(id, off + i))
				return 0;
	}
	return i == rte_pktmbuf_pkt_len(m);
}

static void
init_q(struct sctpdk_sendq *q, uint16_t n, const struct sctpdk_sendq_sched_ops *sched,
       uint32_t max_msgs)
{
	struct sctpdk_sendq_config c = {.n_streams = n,
					.max_msgs = max_msgs,
					.indirect_pool = sctpdk_test_mbuf_pool(),
					.sched = sched};
	CU_ASSERT_EQUAL_FATAL(sctpdk_sendq_init(q, &c, NULL), 0);
}

static int
add(struct sctpdk_sendq *q, uint16_t sid, bool uo, uint32_t id, uint32_t len, uint64_t ttl,
    uint64_t now)
{
	struct sctpdk_sendq_msg_params p = {
	    .sid = sid, .unordered = uo, .ppid = 1000 + id, .context = id, .ttl_us = ttl};
	struct rte_mbuf *m = make_msg(id, len, 1000);
	if (m == NULL)
		return -100;
	int rc = sctpdk_sendq_add(q, &p, m, now);
	if (rc != 0)
		rte_pktmbuf_free(m);
	return rc;
}

static void
test_sendq_single_chunk_and_errors(void)
{
	sc_baseline();
	struct sctpdk_sendq q;
	struct sctpdk_sendq_config bad = {.n_streams = 0, .indirect_pool = sctpdk_test_mbuf_pool()};
	CU_ASSERT_EQUAL(sctpdk_sendq_init(&q, &bad, NULL), SCTPDK_ERR_INVAL);
	init_q(&q, 4, NULL, 2);
	CU_ASSERT_STRING_EQUAL(q.sched->name, "rr");
	CU_ASSERT_EQUAL(add(&q, 4, false, 1, 10, 0, 0), SCTPDK_ERR_NOTFOUND);
	struct rte_mbuf *empty = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	struct sctpdk_sendq_msg_params p = {.sid = 0};
	CU_ASSERT_EQUAL(sctpdk_sendq_add(&q, &p, empty, 0), SCTPDK_ERR_INVAL);
	rte_pktmbuf_free(empty);

	struct rte_mbuf *m = make_msg(7, 100, 1000);
	p.sid = 2;
	p.ppid = 0x11223344;
	p.context = 99;
	CU_ASSERT_EQUAL(sctpdk_sendq_add(&q, &p, m, 0), 0);
	CU_ASSERT_EQUAL(add(&q, 2, false, 8, 300, 0, 0), 0);
	CU_ASSERT_EQUAL(add(&q, 2, false, 9, 300, 0, 0), SCTPDK_ERR_NOMEM); /* max_msgs 2 */
	CU_ASSERT_EQUAL(sctpdk_sendq_queued_bytes(&q), 400);
	CU_ASSERT_EQUAL(sctpdk_sendq_stream_bytes(&q, 2), 400);
	sctpdk_tsn_t tsn = sctpdk_tsn(0xffffffff);
	struct sctpdk_data_chunk c;
	CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 0, 0, &tsn, &c), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 0, 1400, &tsn, &c), 0);
	CU_ASSERT_EQUAL(c.tsn.v, 0xffffffff);
	CU_ASSERT_EQUAL(tsn.v, 0);
	CU_ASSERT_PTR_EQUAL(c.m, m); /* whole message: no slicing */
	CU_ASSERT_EQUAL(c.flags, SCTPDK_DATA_FLAG_B | SCTPDK_DATA_FLAG_E);
	CU_ASSERT_EQUAL(c.sid, 2);
	CU_ASSERT_EQUAL(c.ssn.v, 0);
	CU_ASSERT_EQUAL(c.ppid, 0x11223344);
	CU_ASSERT_EQUAL(c.context, 99);
	CU_ASSERT_EQUAL(c.len, 100);
	CU_ASSERT_EQUAL(c.off, 0);
	CU_ASSERT_EQUAL(c.expire_us, UINT64_MAX);
	rte_pktmbuf_free(c.m);
	CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 0, 1400, &tsn, &c), 0);
	CU_ASSERT_EQUAL(c.tsn.v, 0);
	CU_ASSERT_EQUAL(c.ssn.v, 1);
	CU_ASSERT_TRUE(check_pat(c.m, 8, 0));
	rte_pktmbuf_free(c.m);
	CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 0, 1400, &tsn, &c), SCTPDK_ERR_AGAIN);
	CU_ASSERT_FALSE(sctpdk_sendq_has_data(&q));
	CU_ASSERT_EQUAL(sctpdk_sendq_next_ssn(&q, 2).v, 2);
	CU_ASSERT_EQUAL(sctpdk_sendq_next_ssn(&q, 0).v, 0);
	CU_ASSERT_EQUAL(sctpdk_objpool_in_use(&q.pool), 0);
	sctpdk_sendq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_sendq_fragmentation(void)
{
	sc_baseline();
	struct sctpdk_sendq q;
	init_q(&q, 2, NULL, 0);
	CU_ASSERT_EQUAL(add(&q, 1, false, 3, 3000, 0, 0), 0); /* segments 1000+1000+1000 */
	CU_ASSERT_EQUAL(add(&q, 1, true, 4, 500, 0, 0), 0);
	sctpdk_tsn_t tsn = sctpdk_tsn(10);
	struct sctpdk_data_chunk c[4];
	const uint32_t lens[] = {1200, 1200, 600};
	const uint8_t flags[] = {SCTPDK_DATA_FLAG_B, 0, SCTPDK_DATA_FLAG_E};
	for (int i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL_FATAL(sctpdk_sendq_next(&q, 0, 1200, &tsn, &c[i]), 0);
		CU_ASSERT_EQUAL(c[i].tsn.v, 10u + (uint32_t)i);
		CU_ASSERT_EQUAL(c[i].len, lens[i]);
		CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(c[i].m), lens[i]);
		CU_ASSERT_EQUAL(c[i].flags, flags[i]);
		CU_ASSERT_EQUAL(c[i].ssn.v, 0);
		CU_ASSERT_TRUE(check_pat(c[i].m, 3, 1200u * (uint32_t)i));
	}
	CU_ASSERT_EQUAL(c[0].m->nb_segs, 2); /* 1000 + 200 from the second segment */
	CU_ASSERT_EQUAL(sctpdk_sendq_queued_bytes(&q), 500);
	/* the earlier slices keep the data alive after the message is gone */
	CU_ASSERT_EQUAL_FATAL(sctpdk_sendq_next(&q, 0, 1200, &tsn, &c[3]), 0);
	CU_ASSERT_EQUAL(c[3].flags, SCTPDK_DATA_FLAG_B | SCTPDK_DATA_FLAG_E | SCTPDK_DATA_FLAG_U);
	CU_ASSERT_EQUAL(c[3].ssn.v, 0);
	CU_ASSERT_EQUAL(sctpdk_sendq_next_ssn(&q, 1).v, 1); /* unordered takes no SSN */
	for (int i = 0; i < 4; i++) {
		CU_ASSERT_TRUE(check_pat(c[i].m, i < 3 ? 3 : 4, i < 3 ? 1200u * (uint32_t)i : 0));
		rte_pktmbuf_free(c[i].m);
	}
	sctpdk_sendq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Sequence of (sid) of messages as they come out, one message per call
 * (max_payload large). */
static void
drain_sids(struct sctpdk_sendq *q, uint16_t *out, int n)
{
	sctpdk_tsn_t tsn = sctpdk_tsn(0);
	for (int i = 0; i < n; i++) {
		struct sctpdk_data_chunk c;
		if (sctpdk_sendq_next(q, 0, 65535, &tsn, &c) != 0) {
			out[i] = 0xffff;
			continue;
		}
		out[i] = c.sid;
		rte_pktmbuf_free(c.m);
	}
}

static void
test_sendq_round_robin(void)
{
	sc_baseline();
	struct sctpdk_sendq q;
	init_q(&q, 8, &sctpdk_sendq_sched_rr, 0);
	/* stream 5: 3 messages, stream 1: 2, stream 7: 1 */
	add(&q, 5, false, 1, 10, 0, 0);
	add(&q, 5, false, 2, 10, 0, 0);
	add(&q, 5, false, 3, 10, 0, 0);
	add(&q, 1, false, 4, 10, 0, 0);
	add(&q, 1, false, 5, 10, 0, 0);
	add(&q, 7, false, 6, 10, 0, 0);
	uint16_t got[7];
	drain_sids(&q, got, 7);
	const uint16_t expect[] = {5, 1, 7, 5, 1, 5, 0xffff};
	CU_ASSERT_EQUAL(memcmp(got, expect, sizeof(expect)), 0);
	/* a stream that becomes active joins at the end of the round; a
	 * fragmented message is never interleaved with another stream */
	add(&q, 2, false, 7, 3000, 0, 0);
	add(&q, 3, false, 8, 10, 0, 0);
	sctpdk_tsn_t tsn = sctpdk_tsn(0);
	struct sctpdk_data_chunk c;
	CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 0, 1000, &tsn, &c), 0);
	CU_ASSERT_EQUAL(c.sid, 2);
	rte_pktmbuf_free(c.m);
	add(&q, 4, false, 9, 10, 0, 0);
	uint16_t seq[5];
	for (int i = 0; i < 5; i++) {
		seq[i] = sctpdk_sendq_next(&q, 0, 1000, &tsn, &c) == 0 ? c.sid : 0xffff;
		if (seq[i] != 0xffff)
			rte_pktmbuf_free(c.m);
	}
	const uint16_t e2[] = {2, 2, 3, 4, 0xffff};
	CU_ASSERT_EQUAL(memcmp(seq, e2, sizeof(e2)), 0);
	sctpdk_sendq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_sendq_fcfs(void)
{
	sc_baseline();
	struct sctpdk_sendq q;
	init_q(&q, 8, &sctpdk_sendq_sched_fcfs, 0);
	const uint16_t order[] = {5, 5, 1, 7, 1, 5};
	for (int i = 0; i < 6; i++)
		add(&q, order[i], false, (uint32_t)i, 10, 0, 0);
	uint16_t got[6];
	drain_sids(&q, got, 6);
	CU_ASSERT_EQUAL(memcmp(got, order, sizeof(order)), 0);
	sctpdk_sendq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_sendq_lifetime(void)
{
	sc_baseline();
	struct sctpdk_sendq q;
	init_q(&q, 2, NULL, 0);
	add(&q, 0, false, 1, 2500, 1000, 0); /* expires at 1000 */
	add(&q, 0, false, 2, 100, 5000, 0);  /* expires at 5000 */
	add(&q, 1, false, 3, 100, 500, 0);   /* expires at 500 */
	add(&q, 1, false, 4, 100, 0, 0);     /* never */
	sctpdk_tsn_t tsn = sctpdk_tsn(1);
	struct sctpdk_data_chunk c;
	/* start message 1 before it expires: it is then sent completely */
	CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 100, 1000, &tsn, &c), 0);
	CU_ASSERT_EQUAL(c.expire_us, 1000);
	rte_pktmbuf_free(c.m);
	CU_ASSERT_EQUAL(sctpdk_sendq_expire(&q, 2000), 1); /* message 3 only */
	CU_ASSERT_EQUAL(sctpdk_sendq_queued_bytes(&q), 1500 + 100 + 100);
	struct sctpdk_sendq_expired e;
	CU_ASSERT_EQUAL(sctpdk_sendq_pop_expired(&q, &e), 0);
	CU_ASSERT_EQUAL(e.context, 3);
	CU_ASSERT_EQUAL(e.sid, 1);
	CU_ASSERT_EQUAL(e.ppid, 1003);
	CU_ASSERT_EQUAL(e.len, 100);
	CU_ASSERT_TRUE(check_pat(e.m, 3, 0));
	rte_pktmbuf_free(e.m);
	CU_ASSERT_EQUAL(sctpdk_sendq_pop_expired(&q, &e), SCTPDK_ERR_AGAIN);
	for (int i = 0; i < 2; i++) {
		CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 2000, 1000, &tsn, &c), 0);
		CU_ASSERT_EQUAL(c.context, 1);
		rte_pktmbuf_free(c.m);
	}
	/* message 2 expires on the way: skipped by next(), SSN not consumed */
	uint16_t got[3] = {0};
	for (int i = 0; i < 2; i++) {
		CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 6000, 1000, &tsn, &c),
				i == 0 ? 0 : SCTPDK_ERR_AGAIN);
		if (i == 0) {
			got[0] = (uint16_t)c.context;
			CU_ASSERT_EQUAL(c.ssn.v,
					0); /* stream 1: message 3 expired before its SSN */
			rte_pktmbuf_free(c.m);
		}
	}
	CU_ASSERT_EQUAL(got[0], 4);
	CU_ASSERT_EQUAL(sctpdk_sendq_next_ssn(&q, 0).v, 1);
	CU_ASSERT_EQUAL(sctpdk_sendq_pop_expired(&q, &e), 0);
	CU_ASSERT_EQUAL(e.context, 2);
	rte_pktmbuf_free(e.m);
	CU_ASSERT_EQUAL(q.stats.msgs_expired, 2);
	CU_ASSERT_EQUAL(sctpdk_sendq_queued_bytes(&q), 0);
	CU_ASSERT_EQUAL(q.n_ttl, 0);
	sctpdk_sendq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* The count of messages with a lifetime follows adds, hand-outs and
 * expiry; with none, expire() finds nothing without walking the queue. */
static void
test_sendq_lifetime_count(void)
{
	sc_baseline();
	struct sctpdk_sendq q;
	init_q(&q, 1, NULL, 0);
	add(&q, 0, false, 1, 100, 0, 0);
	add(&q, 0, false, 2, 100, 300, 0);
	add(&q, 0, false, 3, 100, 0, 0);
	add(&q, 0, false, 4, 100, 900, 0);
	CU_ASSERT_EQUAL(q.n_ttl, 2);
	CU_ASSERT_EQUAL(sctpdk_sendq_expire(&q, 500), 1); /* message 2 */
	CU_ASSERT_EQUAL(q.n_ttl, 1);
	sctpdk_tsn_t tsn = sctpdk_tsn(1);
	struct sctpdk_data_chunk c;
	for (uint32_t want = 1; want <= 4; want += want == 1 ? 2 : 1) { /* 1, 3, 4 */
		CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 600, 1000, &tsn, &c), 0);
		CU_ASSERT_EQUAL(c.context, want);
		rte_pktmbuf_free(c.m);
	}
	CU_ASSERT_EQUAL(q.n_ttl, 0);
	add(&q, 0, false, 5, 100, 0, 700);
	CU_ASSERT_EQUAL(sctpdk_sendq_expire(&q, UINT64_MAX - 1), 0);
	CU_ASSERT_EQUAL(sctpdk_sendq_queued_bytes(&q), 100);
	struct sctpdk_sendq_expired e;
	CU_ASSERT_EQUAL(sctpdk_sendq_pop_expired(&q, &e), 0);
	CU_ASSERT_EQUAL(e.context, 2);
	rte_pktmbuf_free(e.m);
	/* UINT64_MAX still takes every message not started */
	CU_ASSERT_EQUAL(sctpdk_sendq_expire(&q, UINT64_MAX), 1);
	CU_ASSERT_EQUAL(sctpdk_sendq_pop_expired(&q, &e), 0);
	CU_ASSERT_EQUAL(e.context, 5);
	rte_pktmbuf_free(e.m);
	sctpdk_sendq_free(&q);
	CU_ASSERT_EQUAL(q.n_ttl, 0);
	CU_ASSERT_TRUE(sc_no_leak());
}

/* Many streams, random sizes and fragment sizes (fixed seed): per stream
 * the ordered messages come out with consecutive SSNs, each message's
 * fragments have consecutive TSNs and rebuild the exact bytes. */
static void
test_sendq_random_many_streams(void)
{
	sc_baseline();
	enum { STREAMS = 50, MSGS = 400 };
	struct sctpdk_sendq q;
	init_q(&q, STREAMS, NULL, 0);
	uint64_t seed = 1234;
	static uint32_t msg_len[MSGS];
	static uint16_t msg_sid[MSGS];
	static bool msg_uo[MSGS];
	uint64_t total = 0;
	for (uint32_t i = 0; i < MSGS; i++) {
		msg_len[i] = 1 + (uint32_t)(sctpdk_test_rand(&seed) % 5000);
		msg_sid[i] = (uint16_t)(sctpdk_test_rand(&seed) % STREAMS);
		msg_uo[i] = sctpdk_test_rand(&seed) % 4 == 0;
		CU_ASSERT_EQUAL_FATAL(add(&q, msg_sid[i], msg_uo[i], i, msg_len[i], 0, 0), 0);
		total += msg_len[i];
	}
	CU_ASSERT_EQUAL(sctpdk_sendq_queued_bytes(&q), total);
	CU_ASSERT_TRUE(sctpdk_sendq_check(&q));
	uint16_t next_ssn[STREAMS] = {0};
	sctpdk_tsn_t tsn = sctpdk_tsn(0xfffffff0u);
	uint32_t expect_tsn = tsn.v;
	int bad = 0, done = 0;
	uint32_t cur = UINT32_MAX, cur_off = 0;
	struct sctpdk_data_chunk c;
	while (sctpdk_sendq_next(&q, 0, 1 + (uint32_t)(sctpdk_test_rand(&seed) % 1500), &tsn, &c) ==
	       0) {
		if (c.tsn.v != expect_tsn++)
			bad |= 1;
		uint32_t id = c.context;
		if (c.flags & SCTPDK_DATA_FLAG_B) {
			if (cur != UINT32_MAX)
				bad |= 2;
			cur = id;
			cur_off = 0;
			if (!msg_uo[id] && c.ssn.v != next_ssn[msg_sid[id]]++)
				bad |= 4;
		} else if (id != cur) {
			bad |= 8;
		}
		if (c.sid != msg_sid[id] || !!(c.flags & SCTPDK_DATA_FLAG_U) != msg_uo[id])
			bad |= 16;
		if (!check_pat(c.m, id, cur_off))
			bad |= 32;
		cur_off += c.len;
		if (!sctpdk_sendq_check(&q))
			bad |= 128;
		if (c.flags & SCTPDK_DATA_FLAG_E) {
			if (cur_off != msg_len[id])
				bad |= 64;
			cur = UINT32_MAX;
			done++;
		}
		rte_pktmbuf_free(c.m);
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(done, MSGS);
	CU_ASSERT_EQUAL(sctpdk_sendq_queued_bytes(&q), 0);
	CU_ASSERT_EQUAL(sctpdk_objpool_in_use(&q.pool), 0);
	sctpdk_sendq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_sendq_free_with_queued(void)
{
	sc_baseline();
	struct sctpdk_sendq q;
	init_q(&q, 3, NULL, 0);
	add(&q, 0, false, 1, 4000, 0, 0);
	add(&q, 1, false, 2, 100, 10, 0);
	add(&q, 2, false, 3, 100, 0, 0);
	sctpdk_tsn_t tsn = sctpdk_tsn(0);
	struct sctpdk_data_chunk c;
	CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 0, 1000, &tsn, &c), 0); /* message 1 started */
	sctpdk_sendq_expire(&q, 100);                                 /* message 2 expired */
	sctpdk_sendq_free(&q);
	rte_pktmbuf_free(c.m);
	CU_ASSERT_TRUE(sc_no_leak());
}

static void
test_sendq_set_streams(void)
{
	sc_baseline();
	struct sctpdk_sendq q;
	init_q(&q, 5, NULL, 0);
	for (uint16_t s = 0; s < 5; s++)
		CU_ASSERT_EQUAL(add(&q, s, false, s, 100, 0, 0), 0);
	sctpdk_tsn_t tsn = sctpdk_tsn(0);
	struct sctpdk_data_chunk c;
	add(&q, 0, false, 9, 3000, 0, 0);
	CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 0, 1000, &tsn, &c), 0); /* msg 0 whole */
	CU_ASSERT_EQUAL(c.context, 0);
	rte_pktmbuf_free(c.m);
	CU_ASSERT_EQUAL(sctpdk_sendq_set_streams(&q, 0), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_sendq_set_streams(&q, 3), 0);
	CU_ASSERT_TRUE(sctpdk_sendq_check(&q));
	CU_ASSERT_EQUAL(sctpdk_sendq_queued_bytes(&q), 100 + 100 + 3000);
	struct sctpdk_sendq_expired e;
	CU_ASSERT_EQUAL(sctpdk_sendq_pop_expired(&q, &e), 0);
	CU_ASSERT_EQUAL(e.sid, 3);
	rte_pktmbuf_free(e.m);
	CU_ASSERT_EQUAL(sctpdk_sendq_pop_expired(&q, &e), 0);
	CU_ASSERT_EQUAL(e.sid, 4);
	rte_pktmbuf_free(e.m);
	CU_ASSERT_EQUAL(add(&q, 3, false, 1, 10, 0, 0), SCTPDK_ERR_NOTFOUND);
	/* grow: new streams empty at SSN 0, the others keep theirs */
	CU_ASSERT_EQUAL(sctpdk_sendq_set_streams(&q, 8), 0);
	CU_ASSERT_EQUAL(sctpdk_sendq_next_ssn(&q, 0).v, 1);
	CU_ASSERT_EQUAL(add(&q, 7, false, 7, 10, 0, 0), 0);
	CU_ASSERT_TRUE(sctpdk_sendq_check(&q));
	int n = 0;
	while (sctpdk_sendq_next(&q, 0, 1000, &tsn, &c) == 0) {
		rte_pktmbuf_free(c.m);
		n++;
	}
	CU_ASSERT_EQUAL(n, 1 + 1 + 3 + 1); /* msgs 1, 2, 9 (3 chunks), 7 */
	CU_ASSERT_FALSE(sctpdk_sendq_has_data(&q));
	sctpdk_sendq_free(&q);
	/* a half-sent message on a stream to remove: refused, nothing changed */
	init_q(&q, 2, NULL, 0);
	add(&q, 1, false, 1, 3000, 0, 0);
	CU_ASSERT_EQUAL(sctpdk_sendq_next(&q, 0, 1000, &tsn, &c), 0);
	rte_pktmbuf_free(c.m);
	CU_ASSERT_EQUAL(sctpdk_sendq_set_streams(&q, 1), SCTPDK_ERR_STATE);
	CU_ASSERT_EQUAL(q.n_streams, 2);
	CU_ASSERT_TRUE(sctpdk_sendq_check(&q));
	sctpdk_sendq_free(&q);
	CU_ASSERT_TRUE(sc_no_leak());
}

SCTPDK_TEST_SUITE(sctp_sendq, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_sendq_single_chunk_and_errors),
		  SCTPDK_TEST(test_sendq_fragmentation), SCTPDK_TEST(test_sendq_round_robin),
		  SCTPDK_TEST(test_sendq_fcfs), SCTPDK_TEST(test_sendq_lifetime),
		  SCTPDK_TEST(test_sendq_lifetime_count),
		  SCTPDK_TEST(test_sendq_random_many_streams),
		  SCTPDK_TEST(test_sendq_free_with_queued), SCTPDK_TEST(test_sendq_set_streams))
