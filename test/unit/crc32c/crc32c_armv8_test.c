/* SPDX-License-Identifier: BSD-3-Clause */
/* Tests of drivers/crc32c/crc32c_armv8.c (built on arm64 only). */
#include <stdlib.h>

#include <rte_cpuflags.h>

#include "crc32c_impl.h"
#include "crc32c_ref.h"
#include "sctpdk/sctpdk_error.h"
#include "sctpdk_test.h"

/* Detection agrees with DPDK's CPU flags; selection follows detection. */
static void
test_armv8_detection(void)
{
	const struct sctpdk_crc32c_ops *o = ref_find_impl("armv8");
	int cpu = rte_cpu_get_flag_enabled(RTE_CPUFLAG_CRC32) > 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->available(), cpu);
	if (!cpu)
		CU_ASSERT_EQUAL(sctpdk_crc32c_select("armv8"), SCTPDK_ERR_UNSUPP);
	else if (getenv("SCTPDK_CRC32C") == NULL)
		CU_ASSERT_PTR_EQUAL(sctpdk_crc32c_active(), o);
}

static void
test_armv8_all_lengths_alignments(void)
{
	static uint8_t buf[2048 + 8];
	const struct sctpdk_crc32c_ops *o = ref_find_impl("armv8");

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_FATAL(o->available() == 1);
	fill_random(buf, sizeof(buf), 0xA8);
	CU_ASSERT_EQUAL(ref_compare_all_lengths(o, buf, 2048, 8), 0);
}

static void
test_armv8_arbitrary_states(void)
{
	static uint8_t buf[20000];
	const struct sctpdk_crc32c_ops *o = ref_find_impl("armv8");
	uint64_t rs = 8;
	unsigned bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_FATAL(o->available() == 1);
	fill_random(buf, sizeof(buf), 6);
	for (int i = 0; i < 64; i++) {
		uint32_t seed = (uint32_t)sctpdk_test_rand(&rs);
		size_t len = (size_t)(sctpdk_test_rand(&rs) % sizeof(buf));
		bad += o->update(seed, buf, len) != sctpdk_crc32c_sw_update(seed, buf, len);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

SCTPDK_TEST_SUITE(crc32c_armv8, NULL, NULL, SCTPDK_TEST(test_armv8_detection),
		  SCTPDK_TEST(test_armv8_all_lengths_alignments),
		  SCTPDK_TEST(test_armv8_arbitrary_states))
