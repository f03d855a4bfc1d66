/* SPDX-License-Identifier: BSD-3-Clause */
/* Congestion control (RFC 9260 section 7.2). */
#include "sctpdk_test.h"

#include "cc.h"

static const struct sctpdk_cc_ops *ops = &sctpdk_cc_rfc9260;

static struct sctpdk_cc_ack
ack(uint32_t bytes, uint32_t before, uint32_t after, bool cum, bool fr)
{
	struct sctpdk_cc_ack a = {bytes, before, after, cum, fr};
	return a;
}

static void
test_cc_initial_cwnd(void)
{
	/* min(4*MTU, max(2*MTU, 4380)) */
	CU_ASSERT_EQUAL(sctpdk_cc_initial_cwnd(1500), 4380);
	CU_ASSERT_EQUAL(sctpdk_cc_initial_cwnd(1000), 4000);
	CU_ASSERT_EQUAL(sctpdk_cc_initial_cwnd(9000), 18000);
	CU_ASSERT_EQUAL(sctpdk_cc_initial_cwnd(1095), 4380);
	CU_ASSERT_EQUAL(sctpdk_cc_initial_cwnd(500), 2000);
	struct sctpdk_cc_path p;
	ops->init(&p, 1452, 65536);
	CU_ASSERT_EQUAL(p.cwnd, 4380);
	CU_ASSERT_EQUAL(p.ssthresh, 65536);
	CU_ASSERT_EQUAL(p.partial_bytes_acked, 0);
	CU_ASSERT_STRING_EQUAL(ops->name, "rfc9260");
}

static void
test_cc_slow_start(void)
{
	struct sctpdk_cc_path p;
	ops->init(&p, 1000, 100000);
	CU_ASSERT_EQUAL(p.cwnd, 4000);
	/* fully used, cum advanced: + min(acked, MTU) */
	struct sctpdk_cc_ack a = ack(2000, 4000, 2000, true, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 5000);
	a = ack(500, 5000, 4500, true, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 5500);
	/* not fully used: no growth */
	a = ack(1000, 5000, 4000, true, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 5500);
	/* cum not advanced (gap ack only): no growth */
	a = ack(1000, 6000, 5000, false, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 5500);
	/* in fast recovery: no growth */
	a = ack(1000, 6000, 5000, true, true);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 5500);
	CU_ASSERT_EQUAL(p.partial_bytes_acked, 0);
}

static void
test_cc_congestion_avoidance(void)
{
	struct sctpdk_cc_path p;
	ops->init(&p, 1000, 3000);
	CU_ASSERT_EQUAL(p.cwnd, 4000); /* > ssthresh: congestion avoidance */
	struct sctpdk_cc_ack a = ack(1500, 4000, 2500, true, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 4000);
	CU_ASSERT_EQUAL(p.partial_bytes_acked, 1500);
	a = ack(2000, 4000, 2000, true, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.partial_bytes_acked, 3500);
	/* pba reaches cwnd with flight >= cwnd: pba -= cwnd, cwnd += MTU */
	a = ack(1000, 4200, 3200, true, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 5000);
	CU_ASSERT_EQUAL(p.partial_bytes_acked, 500);
	/* pba >= cwnd but window not used (flight < cwnd): pba = cwnd, no growth */
	a = ack(6000, 3000, 1000, true, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 5000);
	CU_ASSERT_EQUAL(p.partial_bytes_acked, 5000);
	/* everything acked: pba = 0 */
	a = ack(1000, 1000, 0, true, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.partial_bytes_acked, 0);
	CU_ASSERT_EQUAL(p.cwnd, 5000);
	/* cum not advanced: pba consumed but no growth */
	p.partial_bytes_acked = 4900;
	a = ack(200, 6000, 5800, false, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 5000);
	CU_ASSERT_EQUAL(p.partial_bytes_acked, 100);
}

static void
test_cc_fast_rtx_and_t3(void)
{
	struct sctpdk_cc_path p;
	ops->init(&p, 1000, 100000);
	p.cwnd = 20000;
	p.partial_bytes_acked = 700;
	ops->on_fast_rtx(&p);
	CU_ASSERT_EQUAL(p.ssthresh, 10000);
	CU_ASSERT_EQUAL(p.cwnd, 10000);
	CU_ASSERT_EQUAL(p.partial_bytes_acked, 0);
	/* small cwnd: floor at 4*MTU */
	p.cwnd = 5000;
	ops->on_fast_rtx(&p);
	CU_ASSERT_EQUAL(p.ssthresh, 4000);
	CU_ASSERT_EQUAL(p.cwnd, 4000);
	p.cwnd = 30000;
	ops->on_t3(&p);
	CU_ASSERT_EQUAL(p.ssthresh, 15000);
	CU_ASSERT_EQUAL(p.cwnd, 1000);
	ops->on_t3(&p);
	CU_ASSERT_EQUAL(p.ssthresh, 4000);
	CU_ASSERT_EQUAL(p.cwnd, 1000);
	/* after T3: slow start again from 1 MTU */
	struct sctpdk_cc_ack a = ack(1000, 1000, 0, true, false);
	ops->on_ack(&p, &a);
	CU_ASSERT_EQUAL(p.cwnd, 2000);
}

static void
test_cc_idle_decay(void)
{
	struct sctpdk_cc_path p;
	ops->init(&p, 1000, 1000000);
	p.cwnd = 64000;
	sctpdk_cc_on_send(&p, 10000000);
	ops->on_idle(&p, 10500000, 1000000); /* half an RTO: nothing */
	CU_ASSERT_EQUAL(p.cwnd, 64000);
	ops->on_idle(&p, 11000000, 1000000); /* one RTO */
	CU_ASSERT_EQUAL(p.cwnd, 32000);
	ops->on_idle(&p, 11500000, 1000000); /* same period: no double count */
	CU_ASSERT_EQUAL(p.cwnd, 32000);
	ops->on_idle(&p, 14000000, 1000000); /* three more: 16k, 8k, 4k */
	CU_ASSERT_EQUAL(p.cwnd, 4000);
	ops->on_idle(&p, 30000000, 1000000); /* floor 4*MTU */
	CU_ASSERT_EQUAL(p.cwnd, 4000);
	p.cwnd = 1000; /* below the floor stays */
	ops->on_idle(&p, 40000000, 1000000);
	CU_ASSERT_EQUAL(p.cwnd, 1000);
}

static void
test_cc_send_rules(void)
{
	struct sctpdk_cc_path p;
	ops->init(&p, 1000, 1000000);
	CU_ASSERT_TRUE(sctpdk_cc_can_send(&p, 0, 1000));
	CU_ASSERT_TRUE(sctpdk_cc_can_send(&p, 3999, 1000)); /* may exceed by MTU-1 */
	CU_ASSERT_FALSE(sctpdk_cc_can_send(&p, 4000, 1));
	p.cwnd = 20000;
	CU_ASSERT_EQUAL(sctpdk_cc_apply_max_burst(&p, 2000, 4), 6000);
	CU_ASSERT_EQUAL(p.cwnd, 6000);
	CU_ASSERT_EQUAL(sctpdk_cc_apply_max_burst(&p, 5000, 4), 6000); /* not lowered */
	ops->on_mtu(&p, 9000);
	CU_ASSERT_EQUAL(p.mtu, 9000);
	CU_ASSERT_EQUAL(p.cwnd, 9000);
}

SCTPDK_TEST_SUITE(sctp_cc, NULL, NULL, SCTPDK_TEST(test_cc_initial_cwnd),
		  SCTPDK_TEST(test_cc_slow_start), SCTPDK_TEST(test_cc_congestion_avoidance),
		  SCTPDK_TEST(test_cc_fast_rtx_and_t3), SCTPDK_TEST(test_cc_idle_decay),
		  SCTPDK_TEST(test_cc_send_rules))
