/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Replay driver for the endpoint fuzzing core, run by meson test in every
 * build: for each association state, the packets seen while reaching it
 * are mutated (bit flips, truncation, chunk type and length changes,
 * splicing) with a fixed seed and fed to the endpoint in that state, with
 * and without the right verification tag. Any crash, sanitizer report or
 * leaked mbuf fails it. FUZZ_REPLAY_ROUNDS scales it (default 300 per
 * state and flag combination). With a directory argument it writes the
 * seed corpus of the libFuzzer target there instead:
 *   fuzz-endpoint-replay test/fuzz/corpus/endpoint
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sctpdk/sctpdk_sctp.h>

#include "endpoint_core.h"

static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Write one seed input per state and packet seen reaching it into dir. */
static int
write_seeds(const char *dir)
{
	static uint8_t seeds[64][2048];
	static uint16_t lens[64];
	unsigned files = 0;
	for (int st = 0; st < SCTPDK_ST_COUNT; st++) {
		unsigned ns = fuzz_endpoint_seeds(st, seeds, lens, 64);
		for (unsigned i = 0; i < ns; i++) {
			char path[512];
			snprintf(path, sizeof(path), "%s/state%d-pkt%02u", dir, st, i);
			FILE *f = fopen(path, "wb");
			if (f == NULL)
				return 1;
			uint8_t hdr[4] = {(uint8_t)st, 7, (uint8_t)(lens[i] >> 8), (uint8_t)lens[i]};
			uint8_t tail = 1;
			fwrite(hdr, 1, 4, f);
			fwrite(seeds[i], 1, lens[i], f);
			fwrite(&tail, 1, 1, f);
			fclose(f);
			files++;
		}
	}
	printf("%u seeds written to %s\n", files, dir);
	return 0;
}

int
main(int argc, char **argv)
{
	if (fuzz_endpoint_init() != 0) {
		fprintf(stderr, "EAL init failed\n");
		return 1;
	}
	if (argc > 1)
		return write_seeds(argv[1]);
	const char *env = getenv("FUZZ_REPLAY_ROUNDS");
	unsigned rounds = env ? (unsigned)atoi(env) : 300;
	static uint8_t seeds[64][2048];
	static uint16_t lens[64];
	static uint8_t in[8192];
	uint64_t s = 0x1234567;
	unsigned runs = 0, reached[SCTPDK_ST_COUNT] = {0};
	for (int st = 0; st < SCTPDK_ST_COUNT; st++) {
		unsigned ns = fuzz_endpoint_seeds(st, seeds, lens, 64);
		if (ns == 0) {
			/* CLOSED: seeds from the ESTABLISHED run */
			ns = fuzz_endpoint_seeds(SCTPDK_ST_ESTABLISHED, seeds, lens, 64);
		}
		for (unsigned r = 0; r < rounds * 8; r++) {
			size_t n = 0;
			in[n++] = (uint8_t)st;
			in[n++] = (uint8_t)(r & 7);
			unsigned npk = 1 + (unsigned)(next(&s) % 4);
			for (unsigned k = 0; k < npk && n < sizeof(in) - 2100; k++) {
				unsigned si = (unsigned)(next(&s) % ns);
				uint16_t len = lens[si];
				uint8_t *dst = in + n + 2;
				memcpy(dst, seeds[si], len);
				unsigned muts = 1 + (unsigned)(next(&s) % 4);
				for (unsigned m = 0; m < muts && len > 0; m++) {
					uint64_t x = next(&s);
					switch (x % 6) {
					case 0: /* flip a byte */
						dst[(x >> 8) % len] ^= (uint8_t)(1 + (x >> 32) % 255);
						break;
					case 1: /* truncate */
						len = (uint16_t)((x >> 8) % (len + 1u));
						break;
					case 2: /* change a chunk type */
						if (len > 12)
							dst[12] = (uint8_t)(x >> 16);
						break;
					case 3: /* corrupt a chunk length */
						if (len > 15) {
							dst[14] = (uint8_t)(x >> 16);
							dst[15] = (uint8_t)(x >> 24);
						}
						break;
					case 4: /* splice another seed's tail */
					{
						unsigned o = (unsigned)(next(&s) % ns);
						uint16_t at = (uint16_t)((x >> 8) % (len + 1u));
						uint16_t add = lens[o] > 12 ? (uint16_t)(lens[o] - 12) : 0;
						if (at + add > 2048)
							add = (uint16_t)(2048 - at);
						memcpy(dst + at, seeds[o] + 12, add);
						len = (uint16_t)(at + add);
						break;
					}
					default: /* grow with random bytes */
					{
						uint16_t add = (uint16_t)((x >> 8) % 64);
						if (len + add > 2048)
							add = (uint16_t)(2048 - len);
						for (uint16_t i = 0; i < add; i++)
							dst[len + i] = (uint8_t)next(&s);
						len = (uint16_t)(len + add);
						break;
					}
					}
				}
				in[n] = (uint8_t)(len >> 8);
				in[n + 1] = (uint8_t)len;
				n += 2u + len;
				in[n++] = (uint8_t)(next(&s) % 50);
			}
			int got = fuzz_endpoint_one(in, n);
			if (got >= 0 && got < SCTPDK_ST_COUNT && got == st)
				reached[st]++;
			runs++;
		}
	}
	printf("fuzz-endpoint replay: %u inputs\n", runs);
	int fail = 0;
	for (int st = 0; st < SCTPDK_ST_COUNT; st++) {
		printf("  %-18s reached %u times\n", sctpdk_sctp_state_name(st), reached[st]);
		if (reached[st] == 0)
			fail = 1;
	}
	if (fail)
		fprintf(stderr, "a state was never reached\n");
	return fail;
}
