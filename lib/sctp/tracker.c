/* SPDX-License-Identifier: BSD-3-Clause */
#include "tracker.h"

#include <string.h>

#include "sctpdk/sctpdk_error.h"
#include "sn.h"

static inline bool
bit_get(const struct sctpdk_tracker *t, sctpdk_tsn_t tsn)
{
	uint32_t i = tsn.v & t->mask;
	return (t->bits[i >> 6] >> (i & 63)) & 1;
}

static inline void
bit_set(struct sctpdk_tracker *t, sctpdk_tsn_t tsn)
{
	uint32_t i = tsn.v & t->mask;
	t->bits[i >> 6] |= 1ULL << (i & 63);
}

static inline void
bit_clear(struct sctpdk_tracker *t, sctpdk_tsn_t tsn)
{
	uint32_t i = tsn.v & t->mask;
	t->bits[i >> 6] &= ~(1ULL << (i & 63));
}

int
sctpdk_tracker_init(struct sctpdk_tracker *t, const struct sctpdk_tracker_config *cfg,
		    const struct sctpdk_allocator *a, sctpdk_tsn_t peer_initial_tsn)
{
	struct sctpdk_tracker_config c = {0};
	if (cfg != NULL)
		c = *cfg;
	if (c.window_tsns == 0)
		c.window_tsns = SCTPDK_TRACKER_WINDOW_TSNS;
	if (c.sack_delay_us == 0)
		c.sack_delay_us = SCTPDK_TRACKER_SACK_DELAY_US;
	if (c.sack_freq == 0)
		c.sack_freq = SCTPDK_TRACKER_SACK_FREQ;
	if (c.max_dups == 0)
		c.max_dups = SCTPDK_TRACKER_MAX_DUPS;
	if (c.window_tsns < 64 || c.window_tsns > 65536 || (c.window_tsns & (c.window_tsns - 1)))
		return SCTPDK_ERR_INVAL;

	memset(t, 0, sizeof(*t));
	t->alloc = a;
	t->bits = sctpdk_alloc_zero(a, c.window_tsns / 8);
	t->dups = sctpdk_alloc_zero(a, (size_t)c.max_dups * sizeof(sctpdk_tsn_t));
	if (t->bits == NULL || t->dups == NULL) {
		sctpdk_tracker_free(t);
		return SCTPDK_ERR_NOMEM;
	}
	t->mask = c.window_tsns - 1;
	t->cum = sctpdk_tsn(peer_initial_tsn.v - 1);
	t->highest = t->cum;
	t->max_dups = c.max_dups;
	t->sack_delay_us = c.sack_delay_us;
	t->sack_freq = c.sack_freq;
	t->deadline_us = UINT64_MAX;
	return 0;
}

void
sctpdk_tracker_free(struct sctpdk_tracker *t)
{
	sctpdk_alloc_free(t->alloc, t->bits);
	sctpdk_alloc_free(t->alloc, t->dups);
	t->bits = NULL;
	t->dups = NULL;
}

enum sctpdk_tracker_verdict
sctpdk_tracker_peek(const struct sctpdk_tracker *t, sctpdk_tsn_t tsn)
{
	if (sctpdk_tsn_le(tsn, t->cum))
		return SCTPDK_TRACKER_DUPLICATE;
	if (tsn.v - t->cum.v > t->mask + 1)
		return SCTPDK_TRACKER_OUT_OF_WINDOW;
	return bit_get(t, tsn) ? SCTPDK_TRACKER_DUPLICATE : SCTPDK_TRACKER_NEW;
}

static void
add_dup(struct sctpdk_tracker *t, sctpdk_tsn_t tsn)
{
	t->pkt_dup = true;
	t->stats.data_dup++;
	if (t->n_dups < t->max_dups)
		t->dups[t->n_dups++] = tsn;
	else
		t->stats.dups_overflow++;
}

/* Move cum over the received TSNs that directly follow it, clearing their
 * bits a word at a time. */
static void
advance_cum(struct sctpdk_tracker *t)
{
	for (;;) {
		uint32_t i = (t->cum.v + 1) & t->mask;
		uint32_t b = i & 63;
		uint64_t x = t->bits[i >> 6] >> b;
		uint32_t ones = ~x == 0 ? 64 - b : (uint32_t)__builtin_ctzll(~x);
		if (ones > 64 - b)
			ones = 64 - b;
		if (ones == 0)
			break;
		uint64_t m = ones == 64 ? ~0ULL : ((1ULL << ones) - 1) << b;
		t->bits[i >> 6] &= ~m;
		t->cum.v += ones;
		if (ones < 64 - b)
			break;
	}
	if (sctpdk_tsn_lt(t->highest, t->cum))
		t->highest = t->cum;
}

enum sctpdk_tracker_verdict
sctpdk_tracker_on_data(struct sctpdk_tracker *t, sctpdk_tsn_t tsn)
{
	enum sctpdk_tracker_verdict v = sctpdk_tracker_peek(t, tsn);
	if (v == SCTPDK_TRACKER_DUPLICATE) {
		add_dup(t, tsn);
		return v;
	}
	if (v == SCTPDK_TRACKER_OUT_OF_WINDOW) {
		t->stats.data_out_of_window++;
		return v;
	}
	bit_set(t, tsn);
	if (sctpdk_tsn_gt(tsn, t->highest))
		t->highest = tsn;
	if (tsn.v == t->cum.v + 1)
		advance_cum(t);
	t->pkt_new = true;
	t->stats.data_new++;
	return SCTPDK_TRACKER_NEW;
}

void
sctpdk_tracker_on_packet_end(struct sctpdk_tracker *t, uint64_t now_us, bool immediate)
{
	bool gaps = sctpdk_tracker_has_gaps(t);
	t->ack_pending = true;
	t->pkts_unacked++;
	/* 6.7: report gaps and duplicates at once; a gap that closed too, so
	 * the peer learns quickly. 6.2: every second DATA packet. */
	if (immediate || t->immediate_mode || t->pkt_dup || gaps || gaps != t->had_gaps ||
	    t->pkts_unacked >= t->sack_freq)
		t->sack_now = true;
	else if (t->deadline_us == UINT64_MAX)
		t->deadline_us = now_us + t->sack_delay_us;
	t->had_gaps = gaps;
	t->pkt_new = false;
	t->pkt_dup = false;
	t->pkt_immediate = false;
}

void
sctpdk_tracker_on_timer(struct sctpdk_tracker *t, uint64_t now_us)
{
	if (t->deadline_us != UINT64_MAX && now_us >= t->deadline_us) {
		t->deadline_us = UINT64_MAX;
		if (t->ack_pending)
			t->sack_now = true;
	}
}

void
sctpdk_tracker_set_immediate(struct sctpdk_tracker *t, bool on)
{
	t->immediate_mode = on;
}

void
sctpdk_tracker_set_sack_delay(struct sctpdk_tracker *t, uint64_t delay_us)
{
	t->sack_delay_us = delay_us;
}

void
sctpdk_tracker_set_sack_freq(struct sctpdk_tracker *t, uint32_t freq)
{
	t->sack_freq = freq == 0 ? 1 : freq;
}

/* First offset o in [off, end) (TSN cum + o) whose bit equals want, else end. */
static uint32_t
scan(const struct sctpdk_tracker *t, uint32_t off, uint32_t end, bool want)
{
	while (off < end) {
		uint32_t i = (t->cum.v + off) & t->mask;
		uint32_t b = i & 63;
		uint64_t w = t->bits[i >> 6];
		if (!want)
			w = ~w;
		w >>= b;
		if (w != 0) {
			uint32_t r = off + (uint32_t)__builtin_ctzll(w);
			return r < end ? r : end;
		}
		off += 64 - b;
	}
	return end;
}

int
sctpdk_tracker_build_sack(struct sctpdk_tracker *t, uint32_t a_rwnd, struct sctpdk_sack_desc *s)
{
	if (s == NULL)
		return SCTPDK_ERR_INVAL;
	s->cum_tsn = t->cum;
	s->a_rwnd = a_rwnd;
	s->n_gaps = 0;
	s->n_dups = 0;
	uint32_t end = t->highest.v - t->cum.v + 1; /* offsets 1 .. highest - cum */
	if (end > 65536)
		end = 65536; /* offsets are 16 bits on the wire */
	uint32_t off = 1;
	while (s->gaps != NULL && s->n_gaps < s->max_gaps && off < end) {
		uint32_t start = scan(t, off, end, true);
		if (start >= end)
			break;
		uint32_t stop = scan(t, start, end, false);
		s->gaps[s->n_gaps].start = (uint16_t)start;
		s->gaps[s->n_gaps].end = (uint16_t)(stop - 1);
		s->n_gaps++;
		off = stop;
	}
	uint16_t nd = t->n_dups;
	if (s->dups == NULL || nd > s->max_dups) {
		uint16_t fit = s->dups == NULL ? 0 : s->max_dups;
		t->stats.dups_overflow += (uint64_t)(nd - fit);
		nd = fit;
	}
	if (nd != 0)
		memcpy(s->dups, t->dups, (size_t)nd * sizeof(sctpdk_tsn_t));
	s->n_dups = nd;
	t->n_dups = 0;
	t->pkts_unacked = 0;
	t->deadline_us = UINT64_MAX;
	t->sack_now = false;
	t->ack_pending = false;
	t->stats.sacks_built++;
	return 0;
}

bool
sctpdk_tracker_check(const struct sctpdk_tracker *t)
{
	if (t->n_dups > t->max_dups || sctpdk_tsn_lt(t->highest, t->cum))
		return false;
	if (t->highest.v - t->cum.v > t->mask + 1)
		return false;
	if (!sctpdk_tsn_eq(t->highest, t->cum) && !bit_get(t, t->highest))
		return false;
	if (bit_get(t, sctpdk_tsn_next(t->cum)))
		return false;
	/* no mark outside (cum, highest] */
	for (uint32_t off = t->highest.v - t->cum.v + 1; off <= t->mask + 1; off++)
		if (bit_get(t, sctpdk_tsn(t->cum.v + off)))
			return false;
	return true;
}

void
sctpdk_tracker_skip_to(struct sctpdk_tracker *t, sctpdk_tsn_t new_cum)
{
	if (sctpdk_tsn_le(new_cum, t->cum))
		return;
	if (new_cum.v - t->cum.v > t->mask + 1) {
		/* everything we track lies below new_cum */
		memset(t->bits, 0, ((size_t)t->mask + 1) / 8);
		t->cum = new_cum;
	} else {
		while (!sctpdk_tsn_eq(t->cum, new_cum)) {
			t->cum.v++;
			bit_clear(t, t->cum);
		}
	}
	advance_cum(t);
}
