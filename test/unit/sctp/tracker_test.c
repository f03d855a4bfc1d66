/* SPDX-License-Identifier: BSD-3-Clause */
/* Receiver TSN tracking and SACK timing (RFC 9260 sections 6.2, 6.7). */
#include <stdlib.h>
#include <string.h>

#include "sctpdk_test.h"

#include "sctpdk/sctpdk_error.h"
#include "tracker.h"

#define NEW SCTPDK_TRACKER_NEW
#define DUP SCTPDK_TRACKER_DUPLICATE
#define OOW SCTPDK_TRACKER_OUT_OF_WINDOW

/* The tests speak raw TSN values; the API takes sctpdk_tsn_t. */
static enum sctpdk_tracker_verdict
on_data(struct sctpdk_tracker *t, uint32_t tsn)
{
	return sctpdk_tracker_on_data(t, sctpdk_tsn(tsn));
}

static enum sctpdk_tracker_verdict
peek(const struct sctpdk_tracker *t, uint32_t tsn)
{
	return sctpdk_tracker_peek(t, sctpdk_tsn(tsn));
}

static void
skip_to(struct sctpdk_tracker *t, uint32_t tsn)
{
	sctpdk_tracker_skip_to(t, sctpdk_tsn(tsn));
}

static uint32_t
cum(const struct sctpdk_tracker *t)
{
	return sctpdk_tracker_cum_tsn(t).v;
}

static int
tr_init(struct sctpdk_tracker *t, const struct sctpdk_tracker_config *c, uint32_t itsn)
{
	return sctpdk_tracker_init(t, c, NULL, sctpdk_tsn(itsn));
}

struct sack_buf {
	struct sctpdk_sack_desc d;
	struct sctpdk_gap gaps[64];
	sctpdk_tsn_t dups[64];
};

static struct sctpdk_sack_desc *
sack_prepare(struct sack_buf *b, uint16_t max_gaps, uint16_t max_dups)
{
	memset(b, 0, sizeof(*b));
	b->d.gaps = b->gaps;
	b->d.dups = b->dups;
	b->d.max_gaps = max_gaps;
	b->d.max_dups = max_dups;
	return &b->d;
}

static void
test_tracker_in_order_and_duplicates(void)
{
	struct sctpdk_tracker t;
	CU_ASSERT_EQUAL_FATAL(tr_init(&t, NULL, 100), 0);
	CU_ASSERT_EQUAL(cum(&t), 99);
	CU_ASSERT_EQUAL(on_data(&t, 100), NEW);
	CU_ASSERT_EQUAL(on_data(&t, 101), NEW);
	CU_ASSERT_EQUAL(cum(&t), 101);
	CU_ASSERT_FALSE(sctpdk_tracker_has_gaps(&t));
	CU_ASSERT_EQUAL(on_data(&t, 100), DUP);
	CU_ASSERT_EQUAL(on_data(&t, 50), DUP);
	CU_ASSERT_EQUAL(peek(&t, 101), DUP);
	CU_ASSERT_EQUAL(peek(&t, 102), NEW);
	CU_ASSERT_EQUAL(t.stats.data_new, 2);
	CU_ASSERT_EQUAL(t.stats.data_dup, 2);
	struct sack_buf b;
	struct sctpdk_sack_desc *s = sack_prepare(&b, 16, 16);
	CU_ASSERT_EQUAL(sctpdk_tracker_build_sack(&t, 65536, s), 0);
	CU_ASSERT_EQUAL(s->cum_tsn.v, 101);
	CU_ASSERT_EQUAL(s->a_rwnd, 65536);
	CU_ASSERT_EQUAL(s->n_gaps, 0);
	CU_ASSERT_EQUAL(s->n_dups, 2);
	CU_ASSERT_EQUAL(s->dups[0].v, 100);
	CU_ASSERT_EQUAL(s->dups[1].v, 50);
	/* reported duplicates are cleared */
	s = sack_prepare(&b, 16, 16);
	sctpdk_tracker_build_sack(&t, 1000, s);
	CU_ASSERT_EQUAL(s->n_dups, 0);
	CU_ASSERT_EQUAL(sctpdk_tracker_build_sack(&t, 0, NULL), SCTPDK_ERR_INVAL);
	sctpdk_tracker_free(&t);
}

static void
test_tracker_window(void)
{
	struct sctpdk_tracker_config c = {.window_tsns = 100};
	struct sctpdk_tracker t;
	CU_ASSERT_EQUAL(tr_init(&t, &c, 1), SCTPDK_ERR_INVAL);
	c.window_tsns = 131072;
	CU_ASSERT_EQUAL(tr_init(&t, &c, 1), SCTPDK_ERR_INVAL);
	c.window_tsns = 128;
	CU_ASSERT_EQUAL_FATAL(tr_init(&t, &c, 1000), 0);
	/* cum = 999: TSNs 1000..1127 fit, 1128 does not */
	CU_ASSERT_EQUAL(on_data(&t, 1127), NEW);
	CU_ASSERT_EQUAL(on_data(&t, 1128), OOW);
	CU_ASSERT_EQUAL(on_data(&t, 999 + 0x7fffffffu), OOW);
	CU_ASSERT_EQUAL(on_data(&t, 999 + 0x80000001u), DUP); /* serially behind */
	CU_ASSERT_EQUAL(t.stats.data_out_of_window, 2);
	CU_ASSERT_EQUAL(on_data(&t, 1000), NEW);
	CU_ASSERT_EQUAL(cum(&t), 1000);
	CU_ASSERT_EQUAL(on_data(&t, 1128), NEW); /* window slid */
	sctpdk_tracker_free(&t);
}

static void
test_tracker_gap_blocks(void)
{
	struct sctpdk_tracker t;
	tr_init(&t, NULL, 1);
	const uint32_t in[] = {1, 2, 4, 5, 7, 10, 11, 12};
	for (unsigned i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		CU_ASSERT_EQUAL(on_data(&t, in[i]), NEW);
	CU_ASSERT_EQUAL(cum(&t), 2);
	CU_ASSERT_TRUE(sctpdk_tracker_has_gaps(&t));
	struct sack_buf b;
	struct sctpdk_sack_desc *s = sack_prepare(&b, 16, 0);
	sctpdk_tracker_build_sack(&t, 5000, s);
	CU_ASSERT_EQUAL(s->cum_tsn.v, 2);
	CU_ASSERT_EQUAL_FATAL(s->n_gaps, 3);
	CU_ASSERT_EQUAL(s->gaps[0].start, 2);
	CU_ASSERT_EQUAL(s->gaps[0].end, 3);
	CU_ASSERT_EQUAL(s->gaps[1].start, 5);
	CU_ASSERT_EQUAL(s->gaps[1].end, 5);
	CU_ASSERT_EQUAL(s->gaps[2].start, 8);
	CU_ASSERT_EQUAL(s->gaps[2].end, 10);
	/* bounded: the blocks nearest cum are kept */
	s = sack_prepare(&b, 2, 0);
	sctpdk_tracker_build_sack(&t, 5000, s);
	CU_ASSERT_EQUAL(s->n_gaps, 2);
	CU_ASSERT_EQUAL(s->gaps[1].start, 5);
	/* fill 3: cum jumps to 5 */
	on_data(&t, 3);
	CU_ASSERT_EQUAL(cum(&t), 5);
	s = sack_prepare(&b, 16, 0);
	sctpdk_tracker_build_sack(&t, 5000, s);
	CU_ASSERT_EQUAL(s->n_gaps, 2);
	CU_ASSERT_EQUAL(s->gaps[0].start, 2);
	CU_ASSERT_EQUAL(s->gaps[0].end, 2);
	CU_ASSERT_EQUAL(s->gaps[1].start, 5);
	CU_ASSERT_EQUAL(s->gaps[1].end, 7);
	on_data(&t, 6);
	on_data(&t, 8);
	on_data(&t, 9);
	CU_ASSERT_EQUAL(cum(&t), 12);
	CU_ASSERT_FALSE(sctpdk_tracker_has_gaps(&t));
	CU_ASSERT_TRUE(sctpdk_tracker_check(&t));
	t.bits[0] |= 1ULL << 13; /* corrupt: TSN 13 marked but cum not advanced */
	CU_ASSERT_FALSE(sctpdk_tracker_check(&t));
	t.bits[0] &= ~(1ULL << 13);
	sctpdk_tracker_free(&t);
}

static void
test_tracker_wraparound(void)
{
	struct sctpdk_tracker t;
	tr_init(&t, NULL, 0xfffffffe);
	CU_ASSERT_EQUAL(cum(&t), 0xfffffffd);
	CU_ASSERT_EQUAL(on_data(&t, 0xfffffffe), NEW);
	CU_ASSERT_EQUAL(on_data(&t, 1), NEW);
	struct sack_buf b;
	struct sctpdk_sack_desc *s = sack_prepare(&b, 16, 16);
	sctpdk_tracker_build_sack(&t, 1, s);
	CU_ASSERT_EQUAL(s->cum_tsn.v, 0xfffffffe);
	CU_ASSERT_EQUAL_FATAL(s->n_gaps, 1);
	CU_ASSERT_EQUAL(s->gaps[0].start, 3);
	CU_ASSERT_EQUAL(s->gaps[0].end, 3);
	CU_ASSERT_EQUAL(on_data(&t, 0), NEW);
	CU_ASSERT_EQUAL(cum(&t), 0xfffffffe);
	CU_ASSERT_EQUAL(on_data(&t, 0xffffffff), NEW);
	CU_ASSERT_EQUAL(cum(&t), 1);
	CU_ASSERT_EQUAL(on_data(&t, 0xffffffff), DUP);
	CU_ASSERT_EQUAL(on_data(&t, 2), NEW);
	CU_ASSERT_EQUAL(cum(&t), 2);
	sctpdk_tracker_free(&t);
}

/* Runs of received TSNs crossing 64-bit word boundaries of the bitmap. */
static void
test_tracker_long_runs(void)
{
	struct sctpdk_tracker_config c = {.window_tsns = 256};
	struct sctpdk_tracker t;
	tr_init(&t, &c, 1000);
	for (uint32_t x = 1001; x < 1000 + 250; x++)
		CU_ASSERT_EQUAL(on_data(&t, x), NEW);
	CU_ASSERT_EQUAL(cum(&t), 999);
	struct sack_buf b;
	struct sctpdk_sack_desc *s = sack_prepare(&b, 16, 16);
	sctpdk_tracker_build_sack(&t, 1, s);
	CU_ASSERT_EQUAL_FATAL(s->n_gaps, 1);
	CU_ASSERT_EQUAL(s->gaps[0].start, 2);
	CU_ASSERT_EQUAL(s->gaps[0].end, 250);
	on_data(&t, 1000);
	CU_ASSERT_EQUAL(cum(&t), 1249);
	CU_ASSERT_FALSE(sctpdk_tracker_has_gaps(&t));
	/* the window slid: 1249 + 256 is now acceptable */
	CU_ASSERT_EQUAL(on_data(&t, 1249 + 256), NEW);
	sctpdk_tracker_free(&t);
}

static void
test_tracker_dup_list_bounded(void)
{
	struct sctpdk_tracker_config c = {.max_dups = 4};
	struct sctpdk_tracker t;
	tr_init(&t, &c, 10);
	on_data(&t, 10);
	for (int i = 0; i < 6; i++)
		CU_ASSERT_EQUAL(on_data(&t, 10), DUP);
	CU_ASSERT_EQUAL(t.stats.dups_overflow, 2);
	struct sack_buf b;
	struct sctpdk_sack_desc *s = sack_prepare(&b, 16, 3);
	sctpdk_tracker_build_sack(&t, 1, s);
	CU_ASSERT_EQUAL(s->n_dups, 3); /* caller capacity */
	CU_ASSERT_EQUAL(t.stats.dups_overflow, 3);
	s = sack_prepare(&b, 16, 3);
	sctpdk_tracker_build_sack(&t, 1, s);
	CU_ASSERT_EQUAL(s->n_dups, 0);
	sctpdk_tracker_free(&t);
}

static void
test_tracker_sack_timing(void)
{
	struct sctpdk_tracker t;
	tr_init(&t, NULL, 1);
	struct sack_buf b;
	CU_ASSERT_EQUAL(sctpdk_tracker_deadline(&t), UINT64_MAX);
	/* first packet: delayed SACK armed for now + 200 ms */
	on_data(&t, 1);
	sctpdk_tracker_on_packet_end(&t, 1000, false);
	CU_ASSERT_FALSE(sctpdk_tracker_sack_due(&t));
	CU_ASSERT_EQUAL(sctpdk_tracker_deadline(&t), 201000);
	/* second packet: SACK due, timer not re-armed later */
	on_data(&t, 2);
	sctpdk_tracker_on_packet_end(&t, 5000, false);
	CU_ASSERT_TRUE(sctpdk_tracker_sack_due(&t));
	sctpdk_tracker_build_sack(&t, 1, sack_prepare(&b, 8, 8));
	CU_ASSERT_FALSE(sctpdk_tracker_sack_due(&t));
	CU_ASSERT_EQUAL(sctpdk_tracker_deadline(&t), UINT64_MAX);
	/* single packet then the timer */
	on_data(&t, 3);
	sctpdk_tracker_on_packet_end(&t, 10000, false);
	CU_ASSERT_EQUAL(sctpdk_tracker_deadline(&t), 210000);
	sctpdk_tracker_on_timer(&t, 209999);
	CU_ASSERT_FALSE(sctpdk_tracker_sack_due(&t));
	sctpdk_tracker_on_timer(&t, 210000);
	CU_ASSERT_TRUE(sctpdk_tracker_sack_due(&t));
	CU_ASSERT_EQUAL(sctpdk_tracker_deadline(&t), UINT64_MAX);
	sctpdk_tracker_build_sack(&t, 1, sack_prepare(&b, 8, 8));
	/* gap: immediate */
	on_data(&t, 5);
	sctpdk_tracker_on_packet_end(&t, 20000, false);
	CU_ASSERT_TRUE(sctpdk_tracker_sack_due(&t));
	sctpdk_tracker_build_sack(&t, 1, sack_prepare(&b, 8, 8));
	/* gap filled: immediate too */
	on_data(&t, 4);
	sctpdk_tracker_on_packet_end(&t, 21000, false);
	CU_ASSERT_TRUE(sctpdk_tracker_sack_due(&t));
	sctpdk_tracker_build_sack(&t, 1, sack_prepare(&b, 8, 8));
	/* no gap any more: back to delayed */
	on_data(&t, 6);
	sctpdk_tracker_on_packet_end(&t, 22000, false);
	CU_ASSERT_FALSE(sctpdk_tracker_sack_due(&t));
	sctpdk_tracker_build_sack(&t, 1, sack_prepare(&b, 8, 8));
	/* duplicate: immediate */
	on_data(&t, 6);
	sctpdk_tracker_on_packet_end(&t, 23000, false);
	CU_ASSERT_TRUE(sctpdk_tracker_sack_due(&t));
	sctpdk_tracker_build_sack(&t, 1, sack_prepare(&b, 8, 8));
	/* I bit: immediate */
	on_data(&t, 7);
	sctpdk_tracker_on_packet_end(&t, 24000, true);
	CU_ASSERT_TRUE(sctpdk_tracker_sack_due(&t));
	sctpdk_tracker_build_sack(&t, 1, sack_prepare(&b, 8, 8));
	/* shutting down: every DATA packet answered */
	sctpdk_tracker_set_immediate(&t, true);
	on_data(&t, 8);
	sctpdk_tracker_on_packet_end(&t, 25000, false);
	CU_ASSERT_TRUE(sctpdk_tracker_sack_due(&t));
	sctpdk_tracker_build_sack(&t, 1, sack_prepare(&b, 8, 8));
	sctpdk_tracker_set_immediate(&t, false);
	/* settable delay and frequency */
	sctpdk_tracker_set_sack_delay(&t, 50000);
	sctpdk_tracker_set_sack_freq(&t, 3);
	on_data(&t, 9);
	sctpdk_tracker_on_packet_end(&t, 30000, false);
	CU_ASSERT_EQUAL(sctpdk_tracker_deadline(&t), 80000);
	on_data(&t, 10);
	sctpdk_tracker_on_packet_end(&t, 31000, false);
	CU_ASSERT_FALSE(sctpdk_tracker_sack_due(&t));
	on_data(&t, 11);
	sctpdk_tracker_on_packet_end(&t, 32000, false);
	CU_ASSERT_TRUE(sctpdk_tracker_sack_due(&t));
	CU_ASSERT_EQUAL(t.stats.sacks_built, 8);
	sctpdk_tracker_free(&t);
}

static void
test_tracker_skip_to(void)
{
	struct sctpdk_tracker_config c = {.window_tsns = 64};
	struct sctpdk_tracker t;
	tr_init(&t, &c, 1);
	on_data(&t, 1);
	on_data(&t, 5);
	on_data(&t, 6);
	skip_to(&t, 3);
	CU_ASSERT_EQUAL(cum(&t), 3);
	skip_to(&t, 4);
	CU_ASSERT_EQUAL(cum(&t), 6); /* 5, 6 follow */
	skip_to(&t, 2);              /* behind: ignored */
	CU_ASSERT_EQUAL(cum(&t), 6);
	on_data(&t, 60);
	skip_to(&t, 1000); /* far beyond the window */
	CU_ASSERT_EQUAL(cum(&t), 1000);
	CU_ASSERT_FALSE(sctpdk_tracker_has_gaps(&t));
	CU_ASSERT_EQUAL(on_data(&t, 1060), NEW); /* alias of 60 is clear */
	CU_ASSERT_EQUAL(cum(&t), 1000);
	sctpdk_tracker_free(&t);
}

/* Random arrival order with duplicates across the TSN wrap, checked against
 * a plain array model after every chunk: cum and every gap block. */
static void
test_tracker_random_order_model(void)
{
	enum { N = 3000, WIN = 512 };
	struct sctpdk_tracker_config c = {.window_tsns = WIN, .max_dups = 8};
	struct sctpdk_tracker t;
	const uint32_t base = 0xffffff00u;
	tr_init(&t, &c, base);
	static uint32_t order[2 * N];
	static bool got[N];
	memset(got, 0, sizeof(got));
	uint64_t seed = 0x5eed1234;
	/* mostly increasing with local reordering, plus duplicates */
	unsigned n = 0;
	for (uint32_t i = 0; i < N; i++)
		order[n++] = i;
	for (unsigned i = 0; i < N; i++) {
		unsigned j = i + (unsigned)(sctpdk_test_rand(&seed) % 200);
		if (j < N) {
			uint32_t x = order[i];
			order[i] = order[j];
			order[j] = x;
		}
	}
	for (unsigned i = 0; i < N / 4; i++) {
		unsigned k = (unsigned)(sctpdk_test_rand(&seed) % N);
		order[n++] = order[k];
	}
	int bad = 0;
	uint32_t model_cum = 0; /* offsets from base: all < model_cum received */
	struct sack_buf b;
	for (unsigned i = 0; i < n && !bad; i++) {
		uint32_t off = order[i];
		enum sctpdk_tracker_verdict expect;
		if (off < model_cum || got[off])
			expect = DUP;
		else if (off - model_cum + 1 > WIN)
			expect = OOW;
		else
			expect = NEW;
		enum sctpdk_tracker_verdict v = on_data(&t, base + off);
		if (v != expect) {
			bad = 1;
			break;
		}
		if (v == NEW)
			got[off] = true;
		if (!sctpdk_tracker_check(&t)) {
			bad = 5;
			break;
		}
		while (model_cum < N && got[model_cum])
			model_cum++;
		if (cum(&t) != base + model_cum - 1) {
			bad = 2;
			break;
		}
		struct sctpdk_sack_desc *s = sack_prepare(&b, 64, 64);
		sctpdk_tracker_build_sack(&t, 1, s);
		unsigned g = 0;
		for (uint32_t x = model_cum; x < N && x < model_cum + WIN && g < 64; x++) {
			if (!got[x] || (x > model_cum && got[x - 1]))
				continue;
			uint32_t e = x;
			while (e + 1 < N && got[e + 1])
				e++;
			if (g >= s->n_gaps || s->gaps[g].start != x - model_cum + 1 ||
			    s->gaps[g].end != e - model_cum + 1) {
				bad = 3;
				break;
			}
			g++;
		}
		if (!bad && g != s->n_gaps)
			bad = 4;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_TRUE(t.stats.data_out_of_window > 0); /* the window did bite */
	/* retransmissions of what was refused: everything gets in */
	for (uint32_t x = 0; x < N; x++)
		on_data(&t, base + x);
	CU_ASSERT_EQUAL(cum(&t), base + N - 1);
	CU_ASSERT_FALSE(sctpdk_tracker_has_gaps(&t));
	sctpdk_tracker_free(&t);
}

SCTPDK_TEST_SUITE(sctp_tracker, NULL, NULL, SCTPDK_TEST(test_tracker_in_order_and_duplicates),
		  SCTPDK_TEST(test_tracker_window), SCTPDK_TEST(test_tracker_gap_blocks),
		  SCTPDK_TEST(test_tracker_wraparound), SCTPDK_TEST(test_tracker_long_runs),
		  SCTPDK_TEST(test_tracker_dup_list_bounded), SCTPDK_TEST(test_tracker_sack_timing),
		  SCTPDK_TEST(test_tracker_skip_to), SCTPDK_TEST(test_tracker_random_order_model))
