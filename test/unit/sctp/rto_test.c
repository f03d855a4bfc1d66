/* SPDX-License-Identifier: BSD-3-Clause */
/* RTO calculation (RFC 9260 section 6.3.1). */
#include "sctpdk_test.h"

#include "sctpdk/sctpdk_error.h"
#include "rto.h"

static void
test_rto_defaults(void)
{
	struct sctpdk_rto r;
	CU_ASSERT_EQUAL_FATAL(sctpdk_rto_init(&r, NULL), 0);
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), 1000000);
	CU_ASSERT_FALSE(r.has_rtt);
	CU_ASSERT_EQUAL(r.p.min_us, 1000000);
	CU_ASSERT_EQUAL(r.p.max_us, 60000000);
	CU_ASSERT_EQUAL(sctpdk_rto_srtt_us(&r), 0);
}

static void
test_rto_bad_params(void)
{
	struct sctpdk_rto r;
	struct sctpdk_rto_params p;
	sctpdk_rto_params_default(&p);
	p.min_us = 70000000;
	CU_ASSERT_EQUAL(sctpdk_rto_init(&r, &p), SCTPDK_ERR_INVAL);
	sctpdk_rto_params_default(&p);
	p.initial_us = 0;
	CU_ASSERT_EQUAL(sctpdk_rto_init(&r, &p), SCTPDK_ERR_INVAL);
}

/* Small RTTs: RTO floors at RTO.Min (1 s) while SRTT/RTTVAR follow exactly. */
static void
test_rto_first_and_later_samples_min_clamp(void)
{
	struct sctpdk_rto r;
	sctpdk_rto_init(&r, NULL);
	sctpdk_rto_on_rtt(&r, 100000); /* 100 ms */
	CU_ASSERT_EQUAL(r.srtt_us, 100000);
	CU_ASSERT_EQUAL(r.rttvar_us, 50000);
	/* 100000 + 4*50000 = 300000 < RTO.Min */
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), 1000000);
	sctpdk_rto_on_rtt(&r, 200000);
	/* RTTVAR = (3*50000 + |100000-200000|)/4 = 62500; SRTT = (7*100000+200000)/8 = 112500 */
	CU_ASSERT_EQUAL(r.rttvar_us, 62500);
	CU_ASSERT_EQUAL(r.srtt_us, 112500);
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), 1000000);
}

/* With RTO.Min lowered the exact formula shows through, truncating divisions. */
static void
test_rto_exact_integer_math(void)
{
	struct sctpdk_rto_params p;
	sctpdk_rto_params_default(&p);
	p.min_us = 1000;
	struct sctpdk_rto r;
	CU_ASSERT_EQUAL_FATAL(sctpdk_rto_init(&r, &p), 0);
	sctpdk_rto_on_rtt(&r, 30001);
	CU_ASSERT_EQUAL(r.srtt_us, 30001);
	CU_ASSERT_EQUAL(r.rttvar_us, 15000);
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), 30001 + 60000);
	sctpdk_rto_on_rtt(&r, 10003);
	/* RTTVAR = (45000 + 19998)/4 = 16249 (trunc of 16249.5) */
	CU_ASSERT_EQUAL(r.rttvar_us, 16249);
	/* SRTT = (210007 + 10003)/8 = 27501 (trunc of 27501.25) */
	CU_ASSERT_EQUAL(r.srtt_us, 27501);
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), 27501 + 4 * 16249);
	/* converge on a constant RTT: RTTVAR shrinks until G dominates */
	for (int i = 0; i < 200; i++)
		sctpdk_rto_on_rtt(&r, 20000);
	CU_ASSERT_EQUAL(r.srtt_us, 20000); /* floor(7d/8) < d: the excess d decays to 0 */
	CU_ASSERT_TRUE(4 * r.rttvar_us < 1000);
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), r.srtt_us + 1000); /* + G */
}

static void
test_rto_max_clamp_and_backoff(void)
{
	struct sctpdk_rto r;
	sctpdk_rto_init(&r, NULL);
	sctpdk_rto_backoff(&r);
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), 2000000);
	uint64_t expect[] = {4000000, 8000000, 16000000, 32000000, 60000000, 60000000};
	for (unsigned i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		sctpdk_rto_backoff(&r);
		CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), expect[i]);
	}
	/* a new sample collapses the backoff */
	sctpdk_rto_on_rtt(&r, 2000000);
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), 2000000 + 4 * 1000000);
	/* huge RTT clamps at RTO.Max */
	sctpdk_rto_on_rtt(&r, 100000000);
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), 60000000);
}

static void
test_rto_zero_rtt_uses_granularity(void)
{
	struct sctpdk_rto_params p;
	sctpdk_rto_params_default(&p);
	p.min_us = 0;
	p.granularity_us = 500;
	struct sctpdk_rto r;
	sctpdk_rto_init(&r, &p);
	sctpdk_rto_on_rtt(&r, 0);
	CU_ASSERT_EQUAL(r.srtt_us, 0);
	CU_ASSERT_EQUAL(r.rttvar_us, 0);
	CU_ASSERT_EQUAL(sctpdk_rto_get_us(&r), 500);
}

SCTPDK_TEST_SUITE(sctp_rto, NULL, NULL, SCTPDK_TEST(test_rto_defaults),
		  SCTPDK_TEST(test_rto_bad_params),
		  SCTPDK_TEST(test_rto_first_and_later_samples_min_clamp),
		  SCTPDK_TEST(test_rto_exact_integer_math),
		  SCTPDK_TEST(test_rto_max_clamp_and_backoff),
		  SCTPDK_TEST(test_rto_zero_rtt_uses_granularity))
