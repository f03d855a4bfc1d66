/* SPDX-License-Identifier: BSD-3-Clause */
/* Tests of drivers/crc32c/crc32c.c: vectors, implementations, API. */
#include <string.h>

#include "sctpdk_crc32c.h"
#include "sctpdk_test.h"

/* Bit-wise reference, straight from the definition of the CRC. */
static uint32_t
ref_crc(const uint8_t *p, size_t len)
{
	uint32_t s = 0xFFFFFFFFu;
	for (size_t i = 0; i < len; i++) {
		s ^= p[i];
		for (int b = 0; b < 8; b++)
			s = (s >> 1) ^ ((s & 1u) ? 0x82F63B78u : 0u);
	}
	return ~s;
}

static void
test_check_value(void)
{
	CU_ASSERT_EQUAL(sctpdk_crc32c("123456789", 9), 0xE3069283u);
	CU_ASSERT_EQUAL(ref_crc((const uint8_t *)"123456789", 9), 0xE3069283u);
}

static void
test_impls_agree_random(void)
{
	static uint8_t buf[2048 + 16];
	uint64_t rs = 1;
	unsigned n;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impls(&n);

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)sctpdk_test_rand(&rs);
	for (unsigned k = 0; k < n; k++) {
		unsigned bad = 0;
		if (!l[k]->available())
			continue;
		for (size_t len = 0; len <= 2048; len++) {
			uint32_t got = ~l[k]->update(0xFFFFFFFFu, buf + (len & 7), len);
			bad += got != ref_crc(buf + (len & 7), len);
		}
		CU_ASSERT_EQUAL(bad, 0);
	}
}

SCTPDK_TEST_SUITE(crc32c, NULL, NULL, SCTPDK_TEST(test_check_value),
		  SCTPDK_TEST(test_impls_agree_random))
