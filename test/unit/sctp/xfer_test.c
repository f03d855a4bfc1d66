/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The transfer components wired together the way an association does, on
 * a virtual clock over a lossy, reordering link (fixed seed): sendq, outq,
 * rto and cc on the sending side, tracker and reasm on the receiving side.
 * Messages must arrive byte-exact, once, in order per stream, with every
 * timer and window rule in play. Also a reference for wiring the parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_test.h"

#include "sctpdk/sctpdk_error.h"
#include "cc.h"
#include "outq.h"
#include "reasm.h"
#include "rto.h"
#include "sendq.h"
#include "tracker.h"

#define NEVER     UINT64_MAX
#define MTU       1200 /* DATA payload bytes per packet */
#define STREAMS   4
#define MSGS      200
#define LINK_US   10000 /* one-way delay */
#define JITTER_US 4000
#define MAX_EV    4096
#define MAX_GAPS  16

/* Something in flight on the link: a DATA chunk or a SACK. */
struct ev {
	uint64_t at;
	bool is_sack;
	struct sctpdk_data_chunk c; /* DATA: c.m is a clone owned by the link */
	struct sctpdk_sack_desc s;  /* SACK: points into gaps below */
	struct sctpdk_gap gaps[MAX_GAPS];
};

struct world {
	uint64_t now, seed;
	unsigned loss_pct;
	/* sender */
	struct sctpdk_sendq sq;
	struct sctpdk_outq oq;
	struct sctpdk_rto rto;
	struct sctpdk_cc_path cc;
	sctpdk_tsn_t next_tsn;
	uint64_t t3;
	unsigned t3_fired, fast_rtx, rtt_samples;
	/* receiver */
	struct sctpdk_tracker tr;
	struct sctpdk_reasm rs;
	uint32_t rcvbuf, last_rwnd;
	/* link */
	struct ev ev[MAX_EV];
	unsigned n_ev;
	unsigned lost;
	/* checks */
	uint32_t len[MSGS];
	uint16_t sid[MSGS];
	bool uo[MSGS];
	uint8_t seen[MSGS];
	uint16_t next_ssn[STREAMS];
	unsigned delivered;
	int bad;
};

static uint8_t
pat(uint32_t id, uint32_t i)
{
	return (uint8_t)(id * 7 + i * 3 + (i >> 10));
}

static struct ev *
link_push(struct world *w, bool is_sack)
{
	if (w->n_ev == MAX_EV) {
		w->bad |= 1;
		return NULL;
	}
	if (sctpdk_test_rand(&w->seed) % 100 < w->loss_pct) { /* loss, each way */
		w->lost++;
		return NULL;
	}
	struct ev *e = &w->ev[w->n_ev++];
	memset(e, 0, sizeof(*e));
	e->is_sack = is_sack;
	e->at = w->now + LINK_US + sctpdk_test_rand(&w->seed) % JITTER_US;
	return e;
}

/* ---- sender ---- */

static void
t3_restart(struct world *w)
{
	w->t3 = sctpdk_outq_empty(&w->oq) ? NEVER : w->now + sctpdk_rto_get_us(&w->rto);
}

static void
transmit(struct world *w, const struct sctpdk_data_chunk *c)
{
	struct ev *e = link_push(w, false);
	if (e == NULL)
		return;
	e->c = *c;
	e->c.m = rte_pktmbuf_clone(c->m, sctpdk_test_mbuf_pool());
	if (e->c.m == NULL)
		w->bad |= 2;
}

static void
sender_run(struct world *w)
{
	struct sctpdk_data_chunk c;
	/* 7.2.4 step 3: fast retransmissions first, one packet, cwnd ignored */
	if (sctpdk_outq_next_rtx(&w->oq, w->now, 0, MTU, true, &c) == 0) {
		transmit(w, &c);
		sctpdk_cc_on_send(&w->cc, w->now);
		if (w->t3 == NEVER)
			t3_restart(w);
	}
	sctpdk_cc_rfc9260.on_idle(&w->cc, w->now, sctpdk_rto_get_us(&w->rto));
	sctpdk_cc_apply_max_burst(&w->cc, sctpdk_outq_flight_total(&w->oq),
				  SCTPDK_CC_MAX_BURST_DEFAULT);
	for (;;) {
		uint32_t flight = sctpdk_outq_flight_total(&w->oq);
		if (!sctpdk_cc_can_send(&w->cc, flight, MTU) ||
		    !sctpdk_outq_rwnd_allows(&w->oq, MTU))
			break;
		if (sctpdk_outq_next_rtx(&w->oq, w->now, 0, MTU, false, &c) != 0) {
			if (sctpdk_outq_full(&w->oq) ||
			    sctpdk_sendq_next(&w->sq, w->now, MTU, &w->next_tsn, &c) != 0)
				break;
			c.dest = 0;
			if (sctpdk_outq_add(&w->oq, &c, w->now) != 0) {
				w->bad |= 4;
				rte_pktmbuf_free(c.m);
				break;
			}
		}
		transmit(w, &c);
		sctpdk_cc_on_send(&w->cc, w->now);
		if (w->t3 == NEVER)
			t3_restart(w);
	}
}

static void
sender_on_sack(struct world *w, const struct sctpdk_sack_desc *s)
{
	struct sctpdk_outq_sack_result r;
	if (sctpdk_outq_on_sack(&w->oq, s, w->now, &r) != 0) {
		w->bad |= 8;
		return;
	}
	if (r.stale)
		return;
	if (r.rtt_valid) {
		sctpdk_rto_on_rtt(&w->rto, r.rtt_us);
		w->rtt_samples++;
	}
	struct sctpdk_cc_ack a = {.bytes_acked = r.bytes_acked[0],
				  .flight_before = r.flight_before[0],
				  .flight_after = r.flight_after[0],
				  .cum_advanced = r.cum_advanced,
				  .in_fast_recovery = sctpdk_outq_in_fast_recovery(&w->oq)};
	sctpdk_cc_rfc9260.on_ack(&w->cc, &a);
	if (r.fast_rtx_dests & 1u)
		sctpdk_cc_rfc9260.on_fast_rtx(&w->cc);
	w->fast_rtx += r.fast_rtx_chunks;
	/* 6.3.2 R2/R3 */
	if (sctpdk_outq_flight_total(&w->oq) == 0 && sctpdk_outq_rtx_pending(&w->oq) == 0)
		w->t3 = NEVER;
	else if (r.earliest_acked_dests & 1u)
		t3_restart(w);
	if (!sctpdk_outq_check(&w->oq))
		w->bad |= 16;
}

static void
sender_on_t3(struct world *w)
{
	w->t3_fired++;
	sctpdk_rto_backoff(&w->rto);
	sctpdk_outq_on_t3(&w->oq, -1);
	sctpdk_cc_rfc9260.on_t3(&w->cc);
	w->t3 = w->now + sctpdk_rto_get_us(&w->rto);
}

/* ---- receiver ---- */

static void
receiver_send_sack(struct world *w)
{
	uint32_t rwnd =
	    sctpdk_reasm_rwnd(w->rcvbuf, sctpdk_reasm_buffered_bytes(&w->rs), w->last_rwnd, MTU);
	struct sctpdk_gap gaps[MAX_GAPS];
	struct sctpdk_sack_desc s = {.gaps = gaps, .max_gaps = MAX_GAPS};
	sctpdk_tracker_build_sack(&w->tr, rwnd, &s);
	w->last_rwnd = rwnd;
	struct ev *e = link_push(w, true);
	if (e == NULL)
		return;
	memcpy(e->gaps, gaps, sizeof(gaps));
	e->s = s;
	e->s.gaps = e->gaps;
	e->s.dups = NULL;
	e->s.n_dups = 0;
}

static void
receiver_deliver(struct world *w)
{
	struct sctpdk_reasm_msg m;
	while (sctpdk_reasm_pull(&w->rs, &m) == 0) {
		uint32_t id = m.ppid;
		if (id >= MSGS || w->seen[id]++ || m.len != w->len[id] || m.sid != w->sid[id]) {
			w->bad |= 32;
		} else if (!w->uo[id] && m.ssn.v != w->next_ssn[m.sid]++) {
			w->bad |= 64;
		} else {
			uint32_t i = 0;
			for (const struct rte_mbuf *s = m.m; s != NULL; s = s->next) {
				const uint8_t *p = rte_pktmbuf_mtod(s, const uint8_t *);
				for (uint16_t k = 0; k < s->data_len; k++, i++)
					if (p[k] != pat(id, i))
						w->bad |= 128;
			}
		}
		w->delivered++;
		rte_pktmbuf_free(m.m);
	}
}

static void
receiver_on_data(struct world *w, struct sctpdk_data_chunk *c)
{
	enum sctpdk_tracker_verdict v = sctpdk_tracker_peek(&w->tr, c->tsn);
	/* 6.2: drop new data beyond the buffer unless it is the next TSN */
	if (v == SCTPDK_TRACKER_NEW && sctpdk_reasm_buffered_bytes(&w->rs) + c->len > w->rcvbuf &&
	    c->tsn.v != sctpdk_tracker_cum_tsn(&w->tr).v + 1) {
		rte_pktmbuf_free(c->m);
	} else if (v == SCTPDK_TRACKER_NEW) {
		if (sctpdk_reasm_add(&w->rs, c) == 0)
			sctpdk_tracker_on_data(&w->tr, c->tsn);
		else
			w->bad |= 256;
	} else {
		sctpdk_tracker_on_data(&w->tr, c->tsn); /* duplicate: reported */
		rte_pktmbuf_free(c->m);
	}
	sctpdk_tracker_on_packet_end(&w->tr, w->now, false);
	receiver_deliver(w);
	if (sctpdk_tracker_sack_due(&w->tr))
		receiver_send_sack(w);
}

/* ---- the loop ---- */

static void
run_world(uint64_t seed, unsigned loss_pct)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	unsigned base = rte_mempool_in_use_count(mp);
	static struct world w;
	memset(&w, 0, sizeof(w));
	w.seed = seed;
	w.loss_pct = loss_pct;
	w.now = 1000000;
	w.t3 = NEVER;
	w.rcvbuf = 64 * 1024;
	w.last_rwnd = w.rcvbuf;
	const uint32_t itsn = 0xfffff000u;
	struct sctpdk_sendq_config sc = {.n_streams = STREAMS, .indirect_pool = mp};
	struct sctpdk_reasm_config rc = {.n_streams = STREAMS, .indirect_pool = mp};
	CU_ASSERT_EQUAL_FATAL(sctpdk_sendq_init(&w.sq, &sc, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_outq_init(&w.oq, 1024, sctpdk_tsn(itsn), w.rcvbuf, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_rto_init(&w.rto, NULL), 0);
	sctpdk_cc_rfc9260.init(&w.cc, MTU, w.rcvbuf);
	CU_ASSERT_EQUAL_FATAL(sctpdk_tracker_init(&w.tr, NULL, NULL, sctpdk_tsn(itsn)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_reasm_init(&w.rs, &rc, NULL), 0);
	w.next_tsn = sctpdk_tsn(itsn);

	for (uint32_t i = 0; i < MSGS; i++) {
		w.len[i] = 1 + (uint32_t)(sctpdk_test_rand(&w.seed) % 6000);
		w.sid[i] = (uint16_t)(sctpdk_test_rand(&w.seed) % STREAMS);
		w.uo[i] = sctpdk_test_rand(&w.seed) % 4 == 0;
		struct rte_mbuf *m = NULL;
		for (uint32_t o = 0; o < w.len[i]; o += 2000) {
			struct rte_mbuf *s = rte_pktmbuf_alloc(mp);
			CU_ASSERT_PTR_NOT_NULL_FATAL(s);
			uint16_t n = (uint16_t)(w.len[i] - o < 2000 ? w.len[i] - o : 2000);
			uint8_t *p = (uint8_t *)rte_pktmbuf_append(s, n);
			for (uint16_t k = 0; k < n; k++)
				p[k] = pat(i, o + k);
			if (m == NULL)
				m = s;
			else
				CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_chain(m, s), 0);
		}
		struct sctpdk_sendq_msg_params p = {
		    .sid = w.sid[i], .unordered = w.uo[i], .ppid = i, .context = i};
		CU_ASSERT_EQUAL_FATAL(sctpdk_sendq_add(&w.sq, &p, m, w.now), 0);
	}

	uint32_t initial_cwnd = w.cc.cwnd;
	uint32_t max_cwnd = 0;
	unsigned steps = 0;
	while (w.delivered < MSGS && steps++ < 200000 && !w.bad) {
		sender_run(&w);
		if (w.cc.cwnd > max_cwnd)
			max_cwnd = w.cc.cwnd;
		/* next event */
		uint64_t next = w.t3;
		if (sctpdk_tracker_deadline(&w.tr) < next)
			next = sctpdk_tracker_deadline(&w.tr);
		unsigned pick = MAX_EV;
		for (unsigned i = 0; i < w.n_ev; i++)
			if (w.ev[i].at < next) {
				next = w.ev[i].at;
				pick = i;
			}
		if (next == NEVER) {
			w.bad |= 512; /* stuck */
			break;
		}
		w.now = next;
		if (pick != MAX_EV) {
			struct ev e = w.ev[pick];
			w.ev[pick] = w.ev[--w.n_ev];
			if (e.is_sack)
				sender_on_sack(&w, &e.s);
			else
				receiver_on_data(&w, &e.c);
		} else if (w.now >= w.t3) {
			sender_on_t3(&w);
		} else {
			sctpdk_tracker_on_timer(&w.tr, w.now);
			if (sctpdk_tracker_sack_due(&w.tr))
				receiver_send_sack(&w);
		}
	}
	CU_ASSERT_EQUAL(w.bad, 0);
	CU_ASSERT_EQUAL(w.delivered, MSGS);
	if (getenv("SCTPDK_TEST_VERBOSE") != NULL)
		printf("\n  seed %llu, loss %u%%: %u msgs in %.3f s virtual, %u steps, %u lost, %u "
		       "fast rtx, "
		       "%u T3, cwnd %u..%u, srtt %llu us, rto %llu us\n",
		       (unsigned long long)seed, loss_pct, w.delivered,
		       (double)(w.now - 1000000) / 1e6, steps, w.lost, w.fast_rtx, w.t3_fired,
		       initial_cwnd, max_cwnd, (unsigned long long)sctpdk_rto_srtt_us(&w.rto),
		       (unsigned long long)sctpdk_rto_get_us(&w.rto));
	/* the last SACKs may still be on the link; let them arrive */
	while (w.n_ev > 0) {
		struct ev e = w.ev[--w.n_ev];
		if (e.is_sack) {
			w.now = e.at > w.now ? e.at : w.now;
			sender_on_sack(&w, &e.s);
		} else {
			rte_pktmbuf_free(e.c.m);
		}
	}
	CU_ASSERT_TRUE(w.lost > 0);
	CU_ASSERT_TRUE(w.rtt_samples > 0);
	CU_ASSERT_TRUE(w.fast_rtx + w.t3_fired > 0);
	CU_ASSERT_TRUE(max_cwnd > initial_cwnd); /* slow start happened */
	CU_ASSERT_TRUE(sctpdk_rto_srtt_us(&w.rto) >= LINK_US * 2);
	CU_ASSERT_FALSE(sctpdk_sendq_has_data(&w.sq));
	CU_ASSERT_EQUAL(sctpdk_tracker_cum_tsn(&w.tr).v, w.next_tsn.v - 1);
	CU_ASSERT_EQUAL(sctpdk_reasm_buffered_bytes(&w.rs), 0);
	CU_ASSERT_TRUE(sctpdk_outq_check(&w.oq));
	sctpdk_sendq_free(&w.sq);
	sctpdk_outq_free(&w.oq);
	sctpdk_tracker_free(&w.tr);
	sctpdk_reasm_free(&w.rs);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), base);
}

static void
test_xfer_lossy_link_end_to_end(void)
{
	run_world(1, 4);
	run_world(0xabcdef, 4);
	run_world(7, 20); /* heavy loss: T3 expiries and backoff too */
}

SCTPDK_TEST_SUITE(sctp_xfer, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_xfer_lossy_link_end_to_end))
