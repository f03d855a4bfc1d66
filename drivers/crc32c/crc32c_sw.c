/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Portable CRC-32C, slicing-by-8: eight bytes per step through eight
 * 256-entry tables generated at build time. Words are assembled byte by
 * byte, so the code is independent of alignment and byte order (compilers
 * turn the assembly into a single load on little-endian CPUs).
 */
#include <stddef.h>
#include <stdint.h>

#include "crc32c_impl.h"

static inline uint32_t
load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint32_t
sctpdk_crc32c_sw_update(uint32_t state, const void *buf, size_t len)
{
	const uint32_t(*t)[256] = sctpdk_crc32c_sw_table;
	const uint8_t *p = buf;
	uint32_t s = state;

	while (len >= 8) {
		uint32_t lo = load_le32(p) ^ s;
		uint32_t hi = load_le32(p + 4);
		s = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^
		    t[4][lo >> 24] ^ t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^
		    t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
		p += 8;
		len -= 8;
	}
	while (len-- > 0)
		s = (s >> 8) ^ t[0][(s ^ *p++) & 0xff];
	return s;
}

static int
sw_available(void)
{
	return 1;
}

const struct sctpdk_crc32c_ops sctpdk_crc32c_sw_ops = {
    .name = "sw",
    .available = sw_available,
    .update = sctpdk_crc32c_sw_update,
};
