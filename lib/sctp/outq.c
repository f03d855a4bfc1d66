/* SPDX-License-Identifier: BSD-3-Clause */
#include "outq.h"

#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk/sctpdk_error.h"
#include "sn.h"

static inline struct sctpdk_outq_entry *
entry(const struct sctpdk_outq *q, uint32_t tsn)
{
	return &q->ring[tsn & q->mask]; /* raw TSN value */
}

static inline uint32_t
sat_sub(uint32_t a, uint32_t b)
{
	return a > b ? a - b : 0;
}

int
sctpdk_outq_init(struct sctpdk_outq *q, uint32_t capacity, sctpdk_tsn_t initial_tsn,
		 uint32_t peer_rwnd, const struct sctpdk_allocator *a)
{
	if (capacity == 0)
		capacity = SCTPDK_OUTQ_CAPACITY_DEFAULT;
	if ((capacity & (capacity - 1)) != 0 || capacity > (1u << 24))
		return SCTPDK_ERR_INVAL;
	memset(q, 0, sizeof(*q));
	q->alloc = a;
	/* Only entries between cum and next_tsn are ever read (each is
	 * written whole by add), so the ring can start small and grow. */
	uint32_t first = capacity < SCTPDK_OUTQ_CAPACITY_INITIAL ? capacity
								  : SCTPDK_OUTQ_CAPACITY_INITIAL;
	q->ring = sctpdk_alloc_zero(a, (size_t)first * sizeof(*q->ring));
	if (q->ring == NULL)
		return SCTPDK_ERR_NOMEM;
	q->mask = first - 1;
	q->max_mask = capacity - 1;
	q->cum = sctpdk_tsn(initial_tsn.v - 1);
	q->next_tsn = initial_tsn;
	q->rtx_low = initial_tsn;
	q->peer_rwnd = peer_rwnd;
	return 0;
}

void
sctpdk_outq_free(struct sctpdk_outq *q)
{
	if (q->ring == NULL)
		return;
	for (uint32_t t = q->cum.v + 1; t != q->next_tsn.v; t++) {
		struct sctpdk_outq_entry *e = entry(q, t);
		rte_pktmbuf_free(e->m);
		e->m = NULL;
		e->state = SCTPDK_OUTQ_FREE;
	}
	sctpdk_alloc_free(q->alloc, q->ring);
	q->ring = NULL;
	q->count = 0;
}

static void
flight_add(struct sctpdk_outq *q, const struct sctpdk_outq_entry *e)
{
	q->flight[e->dest] += e->len;
	q->flight_total += e->len;
}

static void
flight_remove(struct sctpdk_outq *q, const struct sctpdk_outq_entry *e)
{
	q->flight[e->dest] -= e->len;
	q->flight_total -= e->len;
}

/* Double the ring, keeping every live entry at its TSN's new index. */
static int
grow(struct sctpdk_outq *q)
{
	uint32_t n = (q->mask + 1) * 2;
	struct sctpdk_outq_entry *r = sctpdk_alloc_zero(q->alloc, (size_t)n * sizeof(*r));
	if (r == NULL)
		return SCTPDK_ERR_NOMEM;
	for (uint32_t t = q->cum.v + 1; t != q->next_tsn.v; t++)
		r[t & (n - 1)] = q->ring[t & q->mask];
	sctpdk_alloc_free(q->alloc, q->ring);
	q->ring = r;
	q->mask = n - 1;
	return 0;
}

int
sctpdk_outq_add(struct sctpdk_outq *q, const struct sctpdk_data_chunk *c, uint64_t now_us)
{
	if (sctpdk_outq_full(q))
		return SCTPDK_ERR_AGAIN;
	if (q->count > q->mask && grow(q) != 0)
		return SCTPDK_ERR_AGAIN;
	if (c == NULL || !sctpdk_tsn_eq(c->tsn, q->next_tsn) || c->dest >= SCTPDK_XFER_MAX_DEST ||
	    c->off != 0 || c->m == NULL)
		return SCTPDK_ERR_INVAL;
	struct sctpdk_outq_entry *e = entry(q, c->tsn.v);
	memset(e, 0, sizeof(*e));
	e->m = c->m;
	e->sent_us = now_us;
	e->expire_us = c->expire_us;
	e->len = c->len;
	e->ppid = c->ppid;
	e->context = c->context;
	e->sid = c->sid;
	e->ssn = c->ssn;
	e->flags = c->flags;
	e->dest = c->dest;
	e->state = SCTPDK_OUTQ_IN_FLIGHT;
	e->tx_count = 1;
	flight_add(q, e);
	q->peer_rwnd = sat_sub(q->peer_rwnd, e->len);
	q->next_tsn.v++;
	q->count++;
	return 0;
}

/* Per-SACK scratch state. */
struct sack_ctx {
	struct sctpdk_outq_sack_result *res;
	uint64_t now_us;
	uint64_t rtt_sent_us;
	uint64_t rtt_sent_dest_us[SCTPDK_XFER_MAX_DEST];
	bool have_htna;
	sctpdk_tsn_t htna; /* highest TSN newly acked */
};

/* An IN_FLIGHT or RTX chunk got acknowledged for the first time. */
static void
newly_acked(struct sctpdk_outq *q, struct sack_ctx *x, sctpdk_tsn_t tsn,
	    struct sctpdk_outq_entry *e)
{
	struct sctpdk_outq_sack_result *r = x->res;
	if (e->state == SCTPDK_OUTQ_IN_FLIGHT)
		flight_remove(q, e);
	else if (e->state == SCTPDK_OUTQ_RTX)
		q->n_rtx--;
	r->newly_acked_chunks++;
	r->newly_acked_bytes += e->len;
	r->bytes_acked[e->dest] += e->len;
	r->acked_dests |= 1u << e->dest;
	if (e->state == SCTPDK_OUTQ_IN_FLIGHT)
		r->acked_live_dests |= 1u << e->dest;
	if (!x->have_htna || sctpdk_tsn_gt(tsn, x->htna)) {
		x->htna = tsn;
		x->have_htna = true;
	}
	/* Karn (6.3.1 C5): only chunks sent exactly once give RTT samples;
	 * take the latest sent one. */
	if (e->tx_count == 1 && x->now_us >= e->sent_us &&
	    (!r->rtt_valid || e->sent_us > x->rtt_sent_us)) {
		r->rtt_valid = true;
		r->rtt_us = x->now_us - e->sent_us;
		r->rtt_dest = e->dest;
		x->rtt_sent_us = e->sent_us;
	}
	uint32_t bit = 1u << e->dest;
	if (e->tx_count == 1 && x->now_us >= e->sent_us &&
	    (!(r->rtt_dests & bit) || e->sent_us > x->rtt_sent_dest_us[e->dest])) {
		r->rtt_dests |= bit;
		r->rtt_dest_us[e->dest] = x->now_us - e->sent_us;
		x->rtt_sent_dest_us[e->dest] = e->sent_us;
	}
}

/* Earliest IN_FLIGHT TSN per destination (for T3 restarts, 6.3.2 R3). */
static void
earliest_outstanding(const struct sctpdk_outq *q, sctpdk_tsn_t *tsn, uint32_t *found)
{
	uint32_t want = 0;
	for (unsigned d = 0; d < SCTPDK_XFER_MAX_DEST; d++)
		if (q->flight[d] != 0)
			want |= 1u << d;
	*found = 0;
	for (uint32_t t = q->cum.v + 1; t != q->next_tsn.v && *found != want; t++) {
		const struct sctpdk_outq_entry *e = entry(q, t);
		uint32_t bit = 1u << e->dest;
		if (e->state == SCTPDK_OUTQ_IN_FLIGHT && !(*found & bit)) {
			*found |= bit;
			tsn[e->dest] = sctpdk_tsn(t);
		}
	}
}

static void
advance_cum(struct sctpdk_outq *q, struct sack_ctx *x, sctpdk_tsn_t new_cum)
{
	while (!sctpdk_tsn_eq(q->cum, new_cum)) {
		sctpdk_tsn_t t = sctpdk_tsn_next(q->cum);
		struct sctpdk_outq_entry *e = entry(q, t.v);
		if (e->state != SCTPDK_OUTQ_ACKED)
			newly_acked(q, x, t, e);
		else
			q->n_gap_acked--;
		rte_pktmbuf_free(e->m);
		e->m = NULL;
		e->state = SCTPDK_OUTQ_FREE;
		q->cum = t;
		q->count--;
	}
	if (sctpdk_tsn_le(q->rtx_low, q->cum))
		q->rtx_low = sctpdk_tsn_next(q->cum);
}

static void
renege(struct sctpdk_outq *q, struct sack_ctx *x, struct sctpdk_outq_entry *e)
{
	e->state = SCTPDK_OUTQ_IN_FLIGHT;
	q->n_gap_acked--;
	e->misses = 0;
	flight_add(q, e);
	x->res->reneged_chunks++;
	q->stats.reneged++;
}

/* Apply the Gap Ack Blocks; returns the highest TSN they cover (cum if none). */
static sctpdk_tsn_t
apply_gaps(struct sctpdk_outq *q, struct sack_ctx *x, const struct sctpdk_sack_desc *s)
{
	uint32_t max_off = q->next_tsn.v - 1 - q->cum.v; /* highest valid offset */
	uint32_t next_off = 1;                           /* first offset not yet judged */
	for (uint16_t i = 0; s->gaps != NULL && i < s->n_gaps; i++) {
		uint32_t start = s->gaps[i].start, end = s->gaps[i].end;
		if (start == 0 || start > end || end > max_off || start < next_off) {
			q->stats.bad_gap_blocks++;
			continue;
		}
		/* between blocks: reported missing; gap-acked ones were reneged */
		for (uint32_t o = next_off; o < start; o++) {
			struct sctpdk_outq_entry *e = entry(q, q->cum.v + o);
			if (e->state == SCTPDK_OUTQ_ACKED)
				renege(q, x, e);
		}
		for (uint32_t o = start; o <= end; o++) {
			sctpdk_tsn_t t = sctpdk_tsn(q->cum.v + o);
			struct sctpdk_outq_entry *e = entry(q, t.v);
			if (e->state == SCTPDK_OUTQ_IN_FLIGHT || e->state == SCTPDK_OUTQ_RTX) {
				newly_acked(q, x, t, e);
				e->state = SCTPDK_OUTQ_ACKED;
				q->n_gap_acked++;
			}
		}
		next_off = end + 1;
	}
	if (next_off == 1 && q->n_gap_acked != 0) {
		/* no usable block: everything above cum is missing; only
		 * gap-acked entries can change (renege), and when there are
		 * none the walk over every outstanding TSN is skipped */
		for (uint32_t o = 1; o <= max_off; o++) {
			struct sctpdk_outq_entry *e = entry(q, q->cum.v + o);
			if (e->state == SCTPDK_OUTQ_ACKED)
				renege(q, x, e);
		}
	}
	return sctpdk_tsn(q->cum.v + next_off - 1);
}

static void
mark_rtx(struct sctpdk_outq *q, sctpdk_tsn_t tsn, struct sctpdk_outq_entry *e)
{
	flight_remove(q, e);
	e->state = SCTPDK_OUTQ_RTX;
	q->n_rtx++;
	if (sctpdk_tsn_lt(tsn, q->rtx_low))
		q->rtx_low = tsn;
}

/* Miss indications and fast retransmit marking (7.2.4). */
static void
count_misses(struct sctpdk_outq *q, struct sack_ctx *x, bool was_in_fr, sctpdk_tsn_t gap_high)
{
	struct sctpdk_outq_sack_result *r = x->res;
	sctpdk_tsn_t limit; /* TSNs strictly below get a miss indication */
	if (was_in_fr && r->cum_advanced)
		limit = gap_high;
	else if (x->have_htna)
		limit = x->htna;
	else
		return;
	if (x->have_htna && sctpdk_tsn_gt(x->htna, limit))
		limit = x->htna;
	uint32_t marked_dests = 0;
	for (sctpdk_tsn_t t = sctpdk_tsn_next(q->cum); sctpdk_tsn_lt(t, limit);
	     t = sctpdk_tsn_next(t)) {
		struct sctpdk_outq_entry *e = entry(q, t.v);
		if (e->state != SCTPDK_OUTQ_IN_FLIGHT || e->fast_rtx_done)
			continue;
		if (++e->misses < SCTPDK_OUTQ_FAST_RTX_MISSES)
			continue;
		mark_rtx(q, t, e);
		e->fast_rtx = true;
		e->fast_rtx_done = true;
		r->fast_rtx_chunks++;
		q->stats.fast_rtx++;
		marked_dests |= 1u << e->dest;
	}
	if (r->fast_rtx_chunks != 0 && !q->in_fast_recovery) {
		/* 7.2.4 step 2: enter fast recovery; cut cwnd of those paths */
		q->in_fast_recovery = true;
		q->fr_exit_tsn = sctpdk_tsn(q->next_tsn.v - 1);
		r->entered_fast_recovery = true;
		r->fast_rtx_dests = marked_dests;
	}
}

/* Common part of a SACK and of a SHUTDOWN's cumulative TSN ack (s NULL). */
static int
process_ack(struct sctpdk_outq *q, sctpdk_tsn_t cum_tsn, const struct sctpdk_sack_desc *s,
	    uint64_t now_us, struct sctpdk_outq_sack_result *res)
{
	memset(res, 0, sizeof(*res));
	q->stats.sacks++;
	if (sctpdk_tsn_lt(cum_tsn, q->cum)) {
		/* 6.2.1 D: older than our ack point, out of order: drop it */
		res->stale = true;
		res->peer_rwnd = q->peer_rwnd;
		q->stats.sacks_stale++;
		return 0;
	}
	if (sctpdk_tsn_ge(cum_tsn, q->next_tsn))
		return SCTPDK_ERR_PROTOCOL;

	struct sack_ctx x = {.res = res, .now_us = now_us};
	bool was_in_fr = q->in_fast_recovery;
	sctpdk_tsn_t first_tsn[SCTPDK_XFER_MAX_DEST];
	uint32_t first_found;
	memcpy(res->flight_before, q->flight, sizeof(q->flight));
	earliest_outstanding(q, first_tsn, &first_found);

	res->cum_advanced = !sctpdk_tsn_eq(cum_tsn, q->cum);
	advance_cum(q, &x, cum_tsn);
	if (q->in_fast_recovery && sctpdk_tsn_ge(q->cum, q->fr_exit_tsn)) {
		q->in_fast_recovery = false;
		res->exited_fast_recovery = true;
	}
	if (s != NULL) {
		sctpdk_tsn_t gap_high = apply_gaps(q, &x, s);
		count_misses(q, &x, was_in_fr, gap_high);
	}

	for (unsigned d = 0; d < SCTPDK_XFER_MAX_DEST; d++) {
		if (!(first_found & (1u << d)))
			continue;
		sctpdk_tsn_t t = first_tsn[d];
		if (sctpdk_tsn_le(t, q->cum) || entry(q, t.v)->state == SCTPDK_OUTQ_ACKED)
			res->earliest_acked_dests |= 1u << d;
	}
	memcpy(res->flight_after, q->flight, sizeof(q->flight));
	/* 6.2.1 C/D: a_rwnd less what is still in flight */
	if (s != NULL)
		q->peer_rwnd = sat_sub(s->a_rwnd, q->flight_total);
	res->peer_rwnd = q->peer_rwnd;
	return 0;
}

int
sctpdk_outq_on_sack(struct sctpdk_outq *q, const struct sctpdk_sack_desc *s, uint64_t now_us,
		    struct sctpdk_outq_sack_result *res)
{
	if (q == NULL || s == NULL || res == NULL)
		return SCTPDK_ERR_INVAL;
	return process_ack(q, s->cum_tsn, s, now_us, res);
}

int
sctpdk_outq_on_cum_ack(struct sctpdk_outq *q, sctpdk_tsn_t cum_tsn, uint64_t now_us,
		       struct sctpdk_outq_sack_result *res)
{
	if (q == NULL || res == NULL)
		return SCTPDK_ERR_INVAL;
	return process_ack(q, cum_tsn, NULL, now_us, res);
}

uint32_t
sctpdk_outq_on_t3(struct sctpdk_outq *q, int dest)
{
	uint32_t n = 0;
	for (uint32_t t = q->cum.v + 1; t != q->next_tsn.v; t++) {
		struct sctpdk_outq_entry *e = entry(q, t);
		if (e->state != SCTPDK_OUTQ_IN_FLIGHT || (dest >= 0 && e->dest != dest))
			continue;
		mark_rtx(q, sctpdk_tsn(t), e);
		e->fast_rtx = false;
		n++;
	}
	q->stats.t3_marked += n;
	return n;
}

const struct sctpdk_outq_entry *
sctpdk_outq_peek_rtx(struct sctpdk_outq *q)
{
	if (q->n_rtx == 0)
		return NULL;
	uint32_t t = sctpdk_tsn_le(q->rtx_low, q->cum) ? q->cum.v + 1 : q->rtx_low.v;
	for (; t != q->next_tsn.v; t++) {
		struct sctpdk_outq_entry *e = entry(q, t);
		if (e->state == SCTPDK_OUTQ_RTX) {
			q->rtx_low = sctpdk_tsn(t); /* nothing marked below */
			return e;
		}
	}
	return NULL;
}

int
sctpdk_outq_next_rtx(struct sctpdk_outq *q, uint64_t now_us, uint8_t dest, uint32_t max_len,
		     bool fast_only, struct sctpdk_data_chunk *out)
{
	if (q->n_rtx == 0 || dest >= SCTPDK_XFER_MAX_DEST)
		return SCTPDK_ERR_AGAIN;
	uint32_t t = q->rtx_low.v;
	if (sctpdk_tsn_le(q->rtx_low, q->cum))
		t = q->cum.v + 1;
	bool first = true;
	struct sctpdk_outq_entry *e = NULL;
	for (; t != q->next_tsn.v; t++) {
		struct sctpdk_outq_entry *c = entry(q, t);
		if (c->state != SCTPDK_OUTQ_RTX)
			continue;
		if (first) {
			q->rtx_low = sctpdk_tsn(t); /* nothing marked below */
			first = false;
		}
		if (fast_only && !c->fast_rtx)
			continue;
		e = c;
		break;
	}
	if (e == NULL || e->len > max_len)
		return SCTPDK_ERR_AGAIN;
	e->state = SCTPDK_OUTQ_IN_FLIGHT;
	q->n_rtx--;
	e->dest = dest;
	e->sent_us = now_us;
	if (e->tx_count < UINT8_MAX)
		e->tx_count++;
	e->fast_rtx = false;
	e->misses = 0;
	flight_add(q, e);
	q->peer_rwnd = sat_sub(q->peer_rwnd, e->len);
	q->stats.retransmitted++;
	memset(out, 0, sizeof(*out));
	out->tsn = sctpdk_tsn(t);
	out->sid = e->sid;
	out->ssn = e->ssn;
	out->ppid = e->ppid;
	out->flags = e->flags;
	out->dest = dest;
	out->len = e->len;
	out->m = e->m;
	out->context = e->context;
	out->expire_us = e->expire_us;
	return 0;
}

uint32_t
sctpdk_outq_expired(const struct sctpdk_outq *q, uint64_t now_us, sctpdk_tsn_t *tsns, uint32_t max)
{
	uint32_t n = 0;
	for (uint32_t t = q->cum.v + 1; t != q->next_tsn.v && n < max; t++) {
		const struct sctpdk_outq_entry *e = entry(q, t);
		if (e->state != SCTPDK_OUTQ_ACKED && e->expire_us <= now_us)
			tsns[n++] = sctpdk_tsn(t);
	}
	return n;
}

bool
sctpdk_outq_check(const struct sctpdk_outq *q)
{
	uint32_t flight[SCTPDK_XFER_MAX_DEST] = {0};
	uint32_t total = 0, n = 0, rtx = 0, acked = 0;
	for (uint32_t t = q->cum.v + 1; t != q->next_tsn.v; t++) {
		const struct sctpdk_outq_entry *e = entry(q, t);
		if (e->m == NULL || e->state == SCTPDK_OUTQ_FREE || e->dest >= SCTPDK_XFER_MAX_DEST)
			return false;
		if (e->state == SCTPDK_OUTQ_IN_FLIGHT) {
			flight[e->dest] += e->len;
			total += e->len;
		} else if (e->state == SCTPDK_OUTQ_RTX) {
			rtx++;
			if (sctpdk_tsn_lt(sctpdk_tsn(t), q->rtx_low))
				return false;
		} else if (e->state == SCTPDK_OUTQ_ACKED) {
			acked++;
		}
		n++;
	}
	if (n != q->count || rtx != q->n_rtx || total != q->flight_total || n > q->mask + 1 ||
	    acked != q->n_gap_acked || q->mask > q->max_mask)
		return false;
	return memcmp(flight, q->flight, sizeof(flight)) == 0;
}

const struct sctpdk_outq_entry *
sctpdk_outq_find(const struct sctpdk_outq *q, sctpdk_tsn_t tsn)
{
	if (!sctpdk_tsn_gt(tsn, q->cum) || !sctpdk_tsn_lt(tsn, q->next_tsn))
		return NULL;
	return entry(q, tsn.v);
}
