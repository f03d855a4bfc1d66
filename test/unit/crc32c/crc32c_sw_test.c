/* SPDX-License-Identifier: BSD-3-Clause */
/* Tests of drivers/crc32c/crc32c_sw.c (slicing-by-8) and its generated tables. */
#include <string.h>

#include "crc32c_impl.h"
#include "crc32c_ref.h"
#include "sctpdk_test.h"

static void
test_sw_is_built_and_available(void)
{
	const struct sctpdk_crc32c_ops *sw = ref_find_impl("sw");

	CU_ASSERT_PTR_NOT_NULL_FATAL(sw);
	CU_ASSERT_PTR_EQUAL(sw, &sctpdk_crc32c_sw_ops);
	CU_ASSERT_EQUAL(sw->available(), 1);
	CU_ASSERT_EQUAL(~sw->update(SCTPDK_CRC32C_INIT, "123456789", 9), 0xE3069283u);
}

/* Row 0 is the classic byte table; spot values follow from the polynomial. */
static void
test_sw_table_row0(void)
{
	unsigned bad = 0;

	CU_ASSERT_EQUAL(sctpdk_crc32c_sw_table[0][0], 0u);
	/* byte 0x80 is one bit shift away from the polynomial itself */
	CU_ASSERT_EQUAL(sctpdk_crc32c_sw_table[0][0x80], 0x82F63B78u);
	CU_ASSERT_EQUAL(sctpdk_crc32c_sw_table[0][1], 0xF26B8303u);
	CU_ASSERT_EQUAL(sctpdk_crc32c_sw_table[0][0xFF], 0xAD7D5351u);
	for (unsigned b = 0; b < 256; b++)
		bad += sctpdk_crc32c_sw_table[0][b] != ref_step(0, (uint8_t)b);
	CU_ASSERT_EQUAL(bad, 0);
}

/* Row k is row k-1 pushed through one more zero byte. */
static void
test_sw_table_rows_chain(void)
{
	unsigned bad = 0;

	for (unsigned k = 1; k < 8; k++)
		for (unsigned b = 0; b < 256; b++)
			bad += sctpdk_crc32c_sw_table[k][b] !=
			       ref_step(sctpdk_crc32c_sw_table[k - 1][b], 0);
	CU_ASSERT_EQUAL(bad, 0);
}

/* Every length 0..2048 at all eight byte offsets against the bit-wise reference. */
static void
test_sw_all_lengths_alignments(void)
{
	static uint8_t buf[2048 + 8];

	fill_random(buf, sizeof(buf), 0x5157);
	CU_ASSERT_EQUAL(ref_compare_all_lengths(&sctpdk_crc32c_sw_ops, buf, 2048, 8), 0);
}

/* Byte-at-a-time feeding equals one call, from arbitrary starting states. */
static void
test_sw_bytewise_equals_bulk(void)
{
	uint8_t buf[257];
	uint64_t rs = 3;
	unsigned bad = 0;

	fill_random(buf, sizeof(buf), 31);
	for (int round = 0; round < 16; round++) {
		uint32_t seed = (uint32_t)sctpdk_test_rand(&rs);
		uint32_t s = seed;
		for (size_t i = 0; i < sizeof(buf); i++)
			s = sctpdk_crc32c_sw_update(s, buf + i, 1);
		bad += s != sctpdk_crc32c_sw_update(seed, buf, sizeof(buf));
		bad += s != ref_update(seed, buf, sizeof(buf));
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* Result does not depend on what lies outside [buf, buf+len). */
static void
test_sw_reads_only_range(void)
{
	uint8_t a[40], b[40];

	memset(a, 0x00, sizeof(a));
	memset(b, 0xFF, sizeof(b));
	memcpy(a + 9, "123456789", 9);
	memcpy(b + 9, "123456789", 9);
	CU_ASSERT_EQUAL(~sctpdk_crc32c_sw_update(SCTPDK_CRC32C_INIT, a + 9, 9), 0xE3069283u);
	CU_ASSERT_EQUAL(~sctpdk_crc32c_sw_update(SCTPDK_CRC32C_INIT, b + 9, 9), 0xE3069283u);
}

SCTPDK_TEST_SUITE(crc32c_sw, NULL, NULL, SCTPDK_TEST(test_sw_is_built_and_available),
		  SCTPDK_TEST(test_sw_table_row0), SCTPDK_TEST(test_sw_table_rows_chain),
		  SCTPDK_TEST(test_sw_all_lengths_alignments),
		  SCTPDK_TEST(test_sw_bytewise_equals_bulk), SCTPDK_TEST(test_sw_reads_only_range))
