/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 CRC-32C with the SSE4.2 crc32 instruction.
 *
 * One crc32q has a latency of three cycles but the CPU can start one per
 * cycle, so a single dependent chain uses a third of the available rate.
 * Large buffers are therefore cut into three consecutive blocks of L bytes
 * whose CRCs are computed in three independent chains, then joined:
 *
 *     crc(s, A|B|C) = crc(s, A) * x^(16L) + crc(0, B) * x^(8L) + crc(0, C)  (mod P)
 *
 * Advancing a state over 8L zero bytes (multiplying it by x^(8L) mod P) is
 * one carry-less multiply by a precomputed constant followed by one crc32q
 * that reduces the 64-bit product (see crc32c_impl.h for the constants).
 *
 * Compiled with function target attributes, so the rest of the project
 * needs no -msse4.2; the ops table reports whether the CPU has SSE4.2 and
 * PCLMULQDQ.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <nmmintrin.h>
#include <wmmintrin.h>

#include "crc32c_impl.h"

#define SSE42_TARGET __attribute__((target("sse4.2,pclmul")))

/* Largest block per chain; three of them make one round. */
#define BLOCK_MAX_BYTES 2048u
/*
 * Below this one chain wins: the join costs about as much as the chains
 * save (measured with crc32c-bench, independent and --chain calls).
 */
#define INTERLEAVE_MIN_BYTES 144u
/* From this size on, aligning the start to 8 bytes pays for itself. */
#define ALIGN_MIN_BYTES 2048u

_Static_assert(2u * BLOCK_MAX_BYTES / 8u <= CRC32C_SHIFT_MAX_WORDS, "shift table too short");

static inline uint64_t
load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* state * x^(64 * words) mod P */
static inline SSE42_TARGET uint32_t
shift_words(uint32_t state, unsigned words)
{
	__m128i a = _mm_cvtsi32_si128((int)state);
	__m128i k = _mm_cvtsi32_si128((int)sctpdk_crc32c_shift_k[words]);
	__m128i p = _mm_clmulepi64_si128(a, k, 0x00);
	return (uint32_t)_mm_crc32_u64(0, (uint64_t)_mm_cvtsi128_si64(p));
}

static inline SSE42_TARGET uint32_t
serial(uint32_t s, const uint8_t *p, size_t len)
{
	uint64_t c = s;

	while (len >= 32) {
		c = _mm_crc32_u64(c, load64(p));
		c = _mm_crc32_u64(c, load64(p + 8));
		c = _mm_crc32_u64(c, load64(p + 16));
		c = _mm_crc32_u64(c, load64(p + 24));
		p += 32;
		len -= 32;
	}
	while (len >= 8) {
		c = _mm_crc32_u64(c, load64(p));
		p += 8;
		len -= 8;
	}
	s = (uint32_t)c;
	if (len >= 4) {
		uint32_t w;
		memcpy(&w, p, sizeof(w));
		s = _mm_crc32_u32(s, w);
		p += 4;
		len -= 4;
	}
	while (len-- > 0)
		s = _mm_crc32_u8(s, *p++);
	return s;
}

/* Three chains over p[0..L), p[L..2L), p[2L..3L) with L = 8 * words. */
static inline SSE42_TARGET uint32_t
interleave3(uint32_t s, const uint8_t *p, unsigned words)
{
	const size_t l = (size_t)words * 8u;
	const uint8_t *p1 = p + l, *p2 = p + 2 * l;
	uint64_t a = s, b = 0, c = 0;

	for (size_t i = 0; i < l; i += 8) {
		a = _mm_crc32_u64(a, load64(p + i));
		b = _mm_crc32_u64(b, load64(p1 + i));
		c = _mm_crc32_u64(c, load64(p2 + i));
	}
	return shift_words((uint32_t)a, 2 * words) ^ shift_words((uint32_t)b, words) ^ (uint32_t)c;
}

static SSE42_TARGET uint32_t
sse42_update(uint32_t state, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	uint32_t s = state;

	if (len >= ALIGN_MIN_BYTES) {
		/* align the chains' loads: loads crossing a cache line cost more */
		for (size_t head = (size_t)(-(uintptr_t)p & 7u); head > 0; head--, len--)
			s = _mm_crc32_u8(s, *p++);
	}
	while (len >= 3u * BLOCK_MAX_BYTES) {
		s = interleave3(s, p, BLOCK_MAX_BYTES / 8u);
		p += 3u * BLOCK_MAX_BYTES;
		len -= 3u * BLOCK_MAX_BYTES;
	}
	if (len >= INTERLEAVE_MIN_BYTES) {
		unsigned words = (unsigned)(len / 24u);
		s = interleave3(s, p, words);
		p += (size_t)words * 24u;
		len -= (size_t)words * 24u;
	}
	return serial(s, p, len);
}

static int
sse42_available(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("pclmul");
}

const struct sctpdk_crc32c_ops sctpdk_crc32c_sse42_ops = {
    .name = "sse42",
    .available = sse42_available,
    .update = sse42_update,
};
