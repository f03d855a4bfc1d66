/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal interface between the CRC-32C front end (crc32c.c) and the
 * implementations. Each implementation file defines one ops table; the
 * per-architecture list file (crc32c_list_<arch>.c, chosen by meson) says
 * which tables this build contains.
 */
#ifndef SCTPDK_CRC32C_IMPL_H
#define SCTPDK_CRC32C_IMPL_H

#include <stdint.h>

#include "sctpdk_crc32c.h"

/* Reflected CRC-32C polynomial. */
#define CRC32C_POLY 0x82F63B78u

/*
 * Tables generated at build time by crc32c_gentab.c (crc32c_tables.c):
 *  - sctpdk_crc32c_sw_table[k][b]: raw state after feeding byte b followed by
 *    k zero bytes into state 0 (slicing-by-8);
 *  - sctpdk_crc32c_shift_k[i]: x^(64*i - 33) mod P in reflected form, the
 *    carry-less multiplier that advances a state over 8*i zero bytes, for
 *    i = 1..CRC32C_SHIFT_MAX_WORDS (index 0 unused).
 */
#define CRC32C_SHIFT_MAX_WORDS 1024u
extern const uint32_t sctpdk_crc32c_sw_table[8][256];
extern const uint32_t sctpdk_crc32c_shift_k[CRC32C_SHIFT_MAX_WORDS + 1];

/* Implementations. */
extern const struct sctpdk_crc32c_ops sctpdk_crc32c_sw_ops;
extern const struct sctpdk_crc32c_ops sctpdk_crc32c_sse42_ops;
extern const struct sctpdk_crc32c_ops sctpdk_crc32c_armv8_ops;

/* Portable update, also used by other implementations for short tails. */
uint32_t sctpdk_crc32c_sw_update(uint32_t state, const void *buf, size_t len);

/* Built implementations, fastest first (crc32c_list_<arch>.c). */
const struct sctpdk_crc32c_ops *const *sctpdk_crc32c_impl_list(unsigned *n);

#endif
