/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tests of drivers/crc32c/crc32c_sse42.c (built on x86-64 only): agreement
 * with the reference at every length and alignment, at the boundaries of
 * the three-chain rounds, and the carry-less shift constants.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_cpuflags.h>

#include "crc32c_impl.h"
#include "crc32c_ref.h"
#include "sctpdk_test.h"

/*
 * The SSE4.2 variant; the test fails if the CPU cannot run it (DPDK's
 * -march=corei7 already requires SSE4.2, and every such CPU since 2010 also
 * has PCLMULQDQ).
 */
static const struct sctpdk_crc32c_ops *
sse42(void)
{
	const struct sctpdk_crc32c_ops *o = ref_find_impl("sse42");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_FATAL(o->available() == 1);
	return o;
}

/* Detection agrees with DPDK's own CPU flags, and the variant is the default. */
static void
test_sse42_detection(void)
{
	const struct sctpdk_crc32c_ops *o = ref_find_impl("sse42");
	int cpu = rte_cpu_get_flag_enabled(RTE_CPUFLAG_SSE4_2) > 0 &&
		  rte_cpu_get_flag_enabled(RTE_CPUFLAG_PCLMULQDQ) > 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->available(), cpu);
	CU_ASSERT_EQUAL(cpu, 1);
	if (getenv("SCTPDK_CRC32C") == NULL)
		CU_ASSERT_PTR_EQUAL(sctpdk_crc32c_active(), o);
}

/* Constant i multiplies by x^(64i - 33): K[1] = x^31, then steps of x^64. */
static void
test_sse42_shift_constants(void)
{
	unsigned bad = 0;

	CU_ASSERT_EQUAL(sctpdk_crc32c_shift_k[1], 0x00000001u);
	for (unsigned i = 1; i < CRC32C_SHIFT_MAX_WORDS; i++) {
		uint32_t v = sctpdk_crc32c_shift_k[i];
		for (int e = 0; e < 64; e++)
			v = (v >> 1) ^ ((v & 1u) ? CRC32C_POLY : 0u);
		bad += v != sctpdk_crc32c_shift_k[i + 1];
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static void
test_sse42_all_lengths_alignments(void)
{
	static uint8_t buf[2048 + 8];
	const struct sctpdk_crc32c_ops *o = sse42();

	fill_random(buf, sizeof(buf), 0x42);
	CU_ASSERT_EQUAL(ref_compare_all_lengths(o, buf, 2048, 8), 0);
}

/* Lengths around the single/three-chain switch and full-round multiples. */
static void
test_sse42_round_boundaries(void)
{
	const size_t round = 3 * 2048;
	const size_t bases[] = {144,       168,       216,         round,
				2 * round, 3 * round, round + 144, 10 * round};
	const struct sctpdk_crc32c_ops *o = sse42();
	uint8_t *buf = malloc(10 * round + 64);
	unsigned bad = 0, checked = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	fill_random(buf, 10 * round + 64, 0x99);
	for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++)
		for (size_t d = 0; d <= 48; d++)
			for (unsigned a = 0; a < 16; a += 5) {
				size_t len = bases[b] + d - 24;
				bad += ~o->update(SCTPDK_CRC32C_INIT, buf + a, len) !=
				       ~sctpdk_crc32c_sw_update(SCTPDK_CRC32C_INIT, buf + a, len);
				checked++;
			}
	free(buf);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(checked, 8 * 49 * 4);
}

/* The caller's state flows through the first chain and the join. */
static void
test_sse42_arbitrary_states(void)
{
	static uint8_t buf[20000];
	const struct sctpdk_crc32c_ops *o = sse42();
	uint64_t rs = 77;
	unsigned bad = 0;

	fill_random(buf, sizeof(buf), 5);
	for (int i = 0; i < 64; i++) {
		uint32_t seed = (uint32_t)sctpdk_test_rand(&rs);
		size_t len = (size_t)(sctpdk_test_rand(&rs) % sizeof(buf));
		bad += o->update(seed, buf, len) != sctpdk_crc32c_sw_update(seed, buf, len);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* 64 KiB at every offset within a cache line. */
static void
test_sse42_unaligned_64k(void)
{
	const size_t len = 65536;
	const struct sctpdk_crc32c_ops *o = sse42();
	uint8_t *buf = malloc(len + 64);
	unsigned bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	fill_random(buf, len + 64, 1234);
	for (unsigned a = 0; a < 64; a++)
		bad += o->update(SCTPDK_CRC32C_INIT, buf + a, len) !=
		       sctpdk_crc32c_sw_update(SCTPDK_CRC32C_INIT, buf + a, len);
	free(buf);
	CU_ASSERT_EQUAL(bad, 0);
}

/* Zero state over zero bytes stays zero through all the joins. */
static void
test_sse42_zero_state_zero_data(void)
{
	static uint8_t zeros[30000];
	const struct sctpdk_crc32c_ops *o = sse42();

	CU_ASSERT_EQUAL(o->update(0, zeros, sizeof(zeros)), 0u);
	CU_ASSERT_EQUAL(o->update(SCTPDK_CRC32C_INIT, zeros, 32), ~0x8A9136AAu);
}

SCTPDK_TEST_SUITE(crc32c_sse42, NULL, NULL, SCTPDK_TEST(test_sse42_detection),
		  SCTPDK_TEST(test_sse42_shift_constants),
		  SCTPDK_TEST(test_sse42_all_lengths_alignments),
		  SCTPDK_TEST(test_sse42_round_boundaries),
		  SCTPDK_TEST(test_sse42_arbitrary_states), SCTPDK_TEST(test_sse42_unaligned_64k),
		  SCTPDK_TEST(test_sse42_zero_state_zero_data))
