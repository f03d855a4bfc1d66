/* SPDX-License-Identifier: BSD-3-Clause */
/* Serial number arithmetic (RFC 1982) for TSN and SSN. */
#include <stdint.h>

#include "sctpdk_test.h"
#include "sctpdk_wire.h"

#define T(x) sctpdk_tsn(x)
#define S(x) sctpdk_ssn(x)

static void
test_tsn_order_simple(void)
{
	CU_ASSERT_TRUE(sctpdk_tsn_lt(T(1), T(2)));
	CU_ASSERT_FALSE(sctpdk_tsn_lt(T(2), T(1)));
	CU_ASSERT_FALSE(sctpdk_tsn_lt(T(5), T(5)));
	CU_ASSERT_TRUE(sctpdk_tsn_le(T(5), T(5)));
	CU_ASSERT_TRUE(sctpdk_tsn_ge(T(5), T(5)));
	CU_ASSERT_TRUE(sctpdk_tsn_gt(T(7), T(5)));
	CU_ASSERT_TRUE(sctpdk_tsn_eq(T(7), T(7)));
}

static void
test_tsn_wrap(void)
{
	CU_ASSERT_TRUE(sctpdk_tsn_lt(T(0xffffffffu), T(0)));
	CU_ASSERT_TRUE(sctpdk_tsn_gt(T(0), T(0xffffffffu)));
	CU_ASSERT_TRUE(sctpdk_tsn_lt(T(0xfffffff0u), T(0x10)));
	CU_ASSERT_EQUAL(sctpdk_tsn_diff(T(0x10), T(0xfffffff0u)), 0x20);
	CU_ASSERT_EQUAL(sctpdk_tsn_diff(T(0xfffffff0u), T(0x10)), -0x20);
	CU_ASSERT_EQUAL(sctpdk_tsn_next(T(0xffffffffu)).v, 0u);
	CU_ASSERT_EQUAL(sctpdk_tsn_add(T(0xfffffffeu), 5).v, 3u);
}

static void
test_tsn_half_range(void)
{
	/* exactly 2^31 apart: undefined order, neither lt nor gt */
	CU_ASSERT_FALSE(sctpdk_tsn_lt(T(0), T(0x80000000u)));
	CU_ASSERT_FALSE(sctpdk_tsn_gt(T(0), T(0x80000000u)));
	CU_ASSERT_FALSE(sctpdk_tsn_le(T(0), T(0x80000000u)));
	CU_ASSERT_FALSE(sctpdk_tsn_ge(T(0), T(0x80000000u)));
	CU_ASSERT_EQUAL(sctpdk_tsn_diff(T(0x80000000u), T(0)), INT32_MIN);
	/* one less than half: ordered */
	CU_ASSERT_TRUE(sctpdk_tsn_lt(T(0), T(0x7fffffffu)));
	CU_ASSERT_EQUAL(sctpdk_tsn_diff(T(0x7fffffffu), T(0)), INT32_MAX);
	/* one more than half: ordered the other way */
	CU_ASSERT_TRUE(sctpdk_tsn_gt(T(0), T(0x80000001u)));
	CU_ASSERT_EQUAL(sctpdk_tsn_diff(T(0x80000001u), T(0)), -0x7fffffff);
}

static void
test_tsn_max(void)
{
	CU_ASSERT_EQUAL(sctpdk_tsn_max(T(3), T(9)).v, 9u);
	CU_ASSERT_EQUAL(sctpdk_tsn_max(T(0xffffffffu), T(2)).v, 2u);
	CU_ASSERT_EQUAL(sctpdk_tsn_max(T(2), T(0xffffffffu)).v, 2u);
}

static void
test_tsn_diff_antisymmetric(void)
{
	uint64_t st = 77;
	for (int i = 0; i < 1000; i++) {
		uint32_t a = (uint32_t)sctpdk_test_rand(&st);
		uint32_t d = (uint32_t)(sctpdk_test_rand(&st) % 0x7fffffffu) + 1;
		sctpdk_tsn_t x = T(a), y = sctpdk_tsn_add(x, d);
		CU_ASSERT_TRUE(sctpdk_tsn_lt(x, y));
		CU_ASSERT_FALSE(sctpdk_tsn_lt(y, x));
		CU_ASSERT_EQUAL(sctpdk_tsn_diff(y, x), (int32_t)d);
		CU_ASSERT_EQUAL(sctpdk_tsn_diff(x, y), -(int32_t)d);
	}
}

static void
test_ssn_order_and_wrap(void)
{
	CU_ASSERT_TRUE(sctpdk_ssn_lt(S(1), S(2)));
	CU_ASSERT_TRUE(sctpdk_ssn_lt(S(0xffff), S(0)));
	CU_ASSERT_TRUE(sctpdk_ssn_gt(S(3), S(0xfffe)));
	CU_ASSERT_TRUE(sctpdk_ssn_le(S(4), S(4)));
	CU_ASSERT_TRUE(sctpdk_ssn_ge(S(4), S(4)));
	CU_ASSERT_EQUAL(sctpdk_ssn_next(S(0xffff)).v, 0);
	CU_ASSERT_EQUAL(sctpdk_ssn_add(S(0xfffe), 4).v, 2);
	CU_ASSERT_EQUAL(sctpdk_ssn_diff(S(2), S(0xfffe)), 4);
	CU_ASSERT_EQUAL(sctpdk_ssn_diff(S(0xfffe), S(2)), -4);
}

static void
test_ssn_half_range(void)
{
	CU_ASSERT_FALSE(sctpdk_ssn_lt(S(0), S(0x8000)));
	CU_ASSERT_FALSE(sctpdk_ssn_gt(S(0), S(0x8000)));
	CU_ASSERT_FALSE(sctpdk_ssn_le(S(0), S(0x8000)));
	CU_ASSERT_FALSE(sctpdk_ssn_ge(S(0x8000), S(0)));
	CU_ASSERT_EQUAL(sctpdk_ssn_diff(S(0x8000), S(0)), INT16_MIN);
	CU_ASSERT_TRUE(sctpdk_ssn_lt(S(0), S(0x7fff)));
	CU_ASSERT_EQUAL(sctpdk_ssn_diff(S(0x7fff), S(0)), INT16_MAX);
	CU_ASSERT_TRUE(sctpdk_ssn_gt(S(0), S(0x8001)));
}

SCTPDK_TEST_SUITE(wire_serial, NULL, NULL, SCTPDK_TEST(test_tsn_order_simple),
		  SCTPDK_TEST(test_tsn_wrap), SCTPDK_TEST(test_tsn_half_range),
		  SCTPDK_TEST(test_tsn_max), SCTPDK_TEST(test_tsn_diff_antisymmetric),
		  SCTPDK_TEST(test_ssn_order_and_wrap), SCTPDK_TEST(test_ssn_half_range))
