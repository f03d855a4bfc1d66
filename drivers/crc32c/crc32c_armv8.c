/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 CRC-32C with the ARMv8 CRC32 extension (crc32cx/crc32cb). Built
 * only on arm64, and alone with -march=armv8-a+crc (see meson.build), so the
 * rest of the project keeps the global -march; the ops table checks the
 * CPU's HWCAP before it is used.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arm_acle.h>
#include <asm/hwcap.h>
#include <sys/auxv.h>

#include "crc32c_impl.h"

static uint32_t
armv8_update(uint32_t state, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t s = state;

	while (len >= 8) {
		uint64_t v;
		memcpy(&v, p, sizeof(v));
		s = __crc32cd(s, v);
		p += 8;
		len -= 8;
	}
	while (len-- > 0)
		s = __crc32cb(s, *p++);
	return s;
}

static int
armv8_available(void)
{
	return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0;
}

const struct sctpdk_crc32c_ops sctpdk_crc32c_armv8_ops = {
    .name = "armv8",
    .available = armv8_available,
    .update = armv8_update,
};
