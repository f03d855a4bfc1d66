/* SPDX-License-Identifier: BSD-3-Clause */
/* Tests of the test harness itself: the EAL fixture and helpers. */
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_test.h"

static void
test_eal_fixture_gives_mbufs(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	CU_ASSERT_PTR_NOT_NULL_FATAL(mp);
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	char *p = rte_pktmbuf_append(m, 100);
	CU_ASSERT_PTR_NOT_NULL(p);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 100);
	rte_pktmbuf_free(m);
	/* second init is a no-op and still succeeds */
	CU_ASSERT_EQUAL(sctpdk_test_eal_init(), 0);
}

static void
test_hex_parser(void)
{
	uint8_t b[4];
	CU_ASSERT_EQUAL(sctpdk_test_hex("de ad\nBE ef", b, sizeof(b)), 4);
	CU_ASSERT_EQUAL(b[0], 0xde);
	CU_ASSERT_EQUAL(b[3], 0xef);
	CU_ASSERT_EQUAL(sctpdk_test_hex("abc", b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(sctpdk_test_hex("0102030405", b, sizeof(b)), -1);
	CU_ASSERT_EQUAL(sctpdk_test_hex("zz", b, sizeof(b)), -1);
}

static void
test_rand_deterministic(void)
{
	uint64_t a = 42, b = 42;
	for (int i = 0; i < 100; i++)
		CU_ASSERT_EQUAL(sctpdk_test_rand(&a), sctpdk_test_rand(&b));
	uint64_t c = 43;
	CU_ASSERT_NOT_EQUAL(sctpdk_test_rand(&a), sctpdk_test_rand(&c));
}

static int
harness_init(void)
{
	return sctpdk_test_eal_init();
}

SCTPDK_TEST_SUITE(harness, harness_init, NULL, SCTPDK_TEST(test_eal_fixture_gives_mbufs),
		  SCTPDK_TEST(test_hex_parser), SCTPDK_TEST(test_rand_deterministic))
