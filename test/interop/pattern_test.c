/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "sctpdk_test.h"

static void
init_pattern(struct sctpdk_pattern *p, uint64_t total, const char *sizes)
{
	memset(p, 0, sizeof(*p));
	p->seed = 42;
	p->total_bytes = total;
	p->streams = 5;
	p->unordered_permille = 300;
	CU_ASSERT_EQUAL_FATAL(sctpdk_pattern_parse_sizes(p, sizes), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_pattern_init(p), 0);
}

static void
test_parse_sizes(void)
{
	struct sctpdk_pattern p;

	memset(&p, 0, sizeof(p));
	CU_ASSERT_EQUAL(sctpdk_pattern_parse_sizes(&p, "64,1400,65000"), 0);
	CU_ASSERT_EQUAL(p.nsizes, 3);
	CU_ASSERT_EQUAL(p.sizes[1], 1400);
	CU_ASSERT_EQUAL(sctpdk_pattern_parse_sizes(&p, "15"), -1);  /* below the header */
	CU_ASSERT_EQUAL(sctpdk_pattern_parse_sizes(&p, "64,,2"), -1);
	CU_ASSERT_EQUAL(sctpdk_pattern_parse_sizes(&p, "64x"), -1);
	CU_ASSERT_EQUAL(sctpdk_pattern_parse_sizes(&p, ""), -1);
	CU_ASSERT_EQUAL(sctpdk_pattern_parse_sizes(&p, "300000"), -1);
}

/* The schedule covers exactly N bytes, each message within bounds. */
static void
test_schedule_sums_to_total(void)
{
	static const uint64_t totals[] = {16, 17, 100, 65000, 1048577, 20 * 1048576};
	size_t t;

	for (t = 0; t < sizeof(totals) / sizeof(totals[0]); t++) {
		struct sctpdk_pattern p;
		uint64_t sum = 0, i;
		unsigned unordered = 0, streams_seen = 0;

		init_pattern(&p, totals[t], "16,64,1400,65000");
		for (i = 0; i < p.nmsgs; i++) {
			struct sctpdk_pattern_msg m;

			sctpdk_pattern_msg(&p, i, &m);
			CU_ASSERT(m.length >= SCTPDK_PATTERN_HDR_LEN);
			CU_ASSERT(m.length <= SCTPDK_PATTERN_MAX_MSG);
			CU_ASSERT(m.stream < 5);
			sum += m.length;
			unordered += m.unordered;
			streams_seen |= 1u << m.stream;
		}
		CU_ASSERT_EQUAL(sum, totals[t]);
		if (p.nmsgs > 1000) {
			/* 30% unordered and all five streams, within statistical reason */
			CU_ASSERT(unordered > p.nmsgs / 5 && unordered < p.nmsgs * 2 / 5);
			CU_ASSERT_EQUAL(streams_seen, 0x1f);
		}
		sctpdk_pattern_fini(&p);
	}
}

static void
test_build_then_check(void)
{
	struct sctpdk_pattern p;
	uint8_t *buf = malloc(SCTPDK_PATTERN_MAX_MSG);
	uint64_t i, seq;
	size_t off;

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	init_pattern(&p, 300000, "16,17,23,1400,65000");
	for (i = 0; i < p.nmsgs; i++) {
		sctpdk_pattern_build(&p, i, buf);
		CU_ASSERT_EQUAL(sctpdk_pattern_check(&p, buf, p.lengths[i], &seq, &off), 0);
		CU_ASSERT_EQUAL(seq, i);
	}
	sctpdk_pattern_fini(&p);
	free(buf);
}

/* Every kind of damage is caught and located. */
static void
test_check_detects_damage(void)
{
	struct sctpdk_pattern p;
	uint8_t buf[2048], other[2048];
	uint64_t seq = 99;
	size_t off = 0;

	init_pattern(&p, 20000, "1400");
	sctpdk_pattern_build(&p, 3, buf);
	buf[700] ^= 0x01;
	CU_ASSERT_EQUAL(sctpdk_pattern_check(&p, buf, 1400, &seq, &off), -3);
	CU_ASSERT_EQUAL(seq, 3);
	CU_ASSERT_EQUAL(off, 700);
	buf[700] ^= 0x01;
	/* truncated delivery */
	CU_ASSERT_EQUAL(sctpdk_pattern_check(&p, buf, 1399, &seq, &off), -2);
	/* bad magic, sequence out of range, length field mismatch */
	buf[0] ^= 0xff;
	CU_ASSERT_EQUAL(sctpdk_pattern_check(&p, buf, 1400, &seq, &off), -1);
	buf[0] ^= 0xff;
	buf[15] = 0xff;
	CU_ASSERT_EQUAL(sctpdk_pattern_check(&p, buf, 1400, &seq, &off), -1);
	/* message 4's payload under message 3's header */
	sctpdk_pattern_build(&p, 3, buf);
	sctpdk_pattern_build(&p, 4, other);
	memcpy(other, buf, SCTPDK_PATTERN_HDR_LEN);
	CU_ASSERT_EQUAL(sctpdk_pattern_check(&p, other, 1400, &seq, &off), -3);
	CU_ASSERT_EQUAL(sctpdk_pattern_check(&p, buf, 10, &seq, &off), -1);
	sctpdk_pattern_fini(&p);
}

/* Another seed gives other content: the two directions never match. */
static void
test_seeds_differ(void)
{
	struct sctpdk_pattern a, b;
	uint8_t buf[2048];
	uint64_t seq;
	size_t off;

	init_pattern(&a, 5000, "1000");
	init_pattern(&b, 5000, "1000");
	b.seed = 43;
	sctpdk_pattern_build(&a, 0, buf);
	CU_ASSERT_EQUAL(sctpdk_pattern_check(&b, buf, 1000, &seq, &off), -3);
	sctpdk_pattern_fini(&a);
	sctpdk_pattern_fini(&b);
}

SCTPDK_TEST_SUITE(interop_pattern, NULL, NULL,
		  SCTPDK_TEST(test_parse_sizes),
		  SCTPDK_TEST(test_schedule_sums_to_total),
		  SCTPDK_TEST(test_build_then_check),
		  SCTPDK_TEST(test_check_detects_damage),
		  SCTPDK_TEST(test_seeds_differ))
