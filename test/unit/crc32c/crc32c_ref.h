/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test-only CRC-32C reference: the bit-wise definition (RFC 9260 Appendix A,
 * reflected polynomial 0x82F63B78), independent of the driver's tables and
 * instructions, plus helpers shared by the crc32c test files.
 */
#ifndef CRC32C_REF_H
#define CRC32C_REF_H

#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include "sctpdk_crc32c.h"
#include "sctpdk_test.h"

static inline uint32_t
ref_step(uint32_t s, uint8_t b)
{
	s ^= b;
	for (int i = 0; i < 8; i++)
		s = (s >> 1) ^ ((s & 1u) ? 0x82F63B78u : 0u);
	return s;
}

/* Raw state after buf, like sctpdk_crc32c_update(). */
static inline uint32_t
ref_update(uint32_t s, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		s = ref_step(s, p[i]);
	return s;
}

static inline uint32_t
ref_crc(const void *p, size_t len)
{
	return ~ref_update(0xFFFFFFFFu, p, len);
}

static inline void
fill_random(uint8_t *p, size_t len, uint64_t seed)
{
	uint64_t s = seed;
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)(sctpdk_test_rand(&s) >> 56);
}

/*
 * Compare ops->update with the reference for every length 0..max_len at
 * byte offsets 0..n_align-1 of buf (which must hold max_len + n_align
 * bytes). Returns the number of mismatches. The reference for all prefix
 * lengths comes from one incremental pass per offset.
 */
static inline unsigned
ref_compare_all_lengths(const struct sctpdk_crc32c_ops *ops, const uint8_t *buf, size_t max_len,
			unsigned n_align)
{
	unsigned bad = 0;
	for (unsigned a = 0; a < n_align; a++) {
		uint32_t ref = 0xFFFFFFFFu;
		for (size_t len = 0; len <= max_len; len++) {
			if (ops->update(0xFFFFFFFFu, buf + a, len) != ref)
				bad++;
			if (len < max_len)
				ref = ref_step(ref, buf[a + len]);
		}
	}
	return bad;
}

/* The implementation with this name, or NULL if it was not built. */
static inline const struct sctpdk_crc32c_ops *
ref_find_impl(const char *name)
{
	unsigned n;
	const struct sctpdk_crc32c_ops *const *l = sctpdk_crc32c_impls(&n);
	for (unsigned i = 0; i < n; i++)
		if (strcmp(l[i]->name, name) == 0)
			return l[i];
	return NULL;
}

#endif
