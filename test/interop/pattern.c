/* SPDX-License-Identifier: BSD-3-Clause */
#include "pattern.h"

#include <stdlib.h>
#include <string.h>

static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t
msg_hash(const struct sctpdk_pattern *p, uint64_t seq)
{
	return mix64(p->seed ^ mix64(seq));
}

static void
put_be32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static uint32_t
get_be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

int
sctpdk_pattern_parse_sizes(struct sctpdk_pattern *p, const char *list)
{
	const char *s = list;
	uint32_t n = 0;

	while (*s != '\0') {
		char *end;
		unsigned long v = strtoul(s, &end, 10);

		if (end == s || n == SCTPDK_PATTERN_MAX_SIZES || v < SCTPDK_PATTERN_HDR_LEN ||
		    v > SCTPDK_PATTERN_MAX_MSG - SCTPDK_PATTERN_HDR_LEN)
			return -1;
		p->sizes[n++] = (uint32_t)v;
		if (*end == ',')
			end++;
		else if (*end != '\0')
			return -1;
		s = end;
	}
	if (n == 0)
		return -1;
	p->nsizes = n;
	return 0;
}

int
sctpdk_pattern_init(struct sctpdk_pattern *p)
{
	uint64_t remaining, cap, seq;

	p->lengths = NULL;
	p->nmsgs = 0;
	if (p->total_bytes < SCTPDK_PATTERN_HDR_LEN || p->streams == 0 || p->nsizes == 0 ||
	    p->unordered_permille > 1000)
		return -1;
	cap = p->total_bytes / SCTPDK_PATTERN_HDR_LEN + 1;
	p->lengths = malloc(cap * sizeof(p->lengths[0]));
	if (p->lengths == NULL)
		return -1;
	remaining = p->total_bytes;
	for (seq = 0; remaining > 0; seq++) {
		uint64_t len = p->sizes[(msg_hash(p, seq) >> 32) % p->nsizes];

		/* Never leave a tail shorter than a header: absorb it. */
		if (remaining < len + SCTPDK_PATTERN_HDR_LEN)
			len = remaining;
		p->lengths[seq] = (uint32_t)len;
		remaining -= len;
	}
	p->nmsgs = seq;
	return 0;
}

void
sctpdk_pattern_fini(struct sctpdk_pattern *p)
{
	free(p->lengths);
	p->lengths = NULL;
	p->nmsgs = 0;
}

void
sctpdk_pattern_msg(const struct sctpdk_pattern *p, uint64_t seq, struct sctpdk_pattern_msg *m)
{
	uint64_t h = msg_hash(p, seq);

	m->length = p->lengths[seq];
	m->stream = (uint16_t)(h % p->streams);
	m->unordered = ((h >> 16) & 0xffff) % 1000 < p->unordered_permille;
}

/* Payload byte generator: xorshift64* seeded per message, 8 bytes a step. */
static uint64_t
payload_seed(const struct sctpdk_pattern *p, uint64_t seq)
{
	uint64_t s = mix64(p->seed + 0x5851f42d4c957f2dull * (seq + 1));

	return s != 0 ? s : 1;
}

/* The generator's words go on the wire little-endian on every host. */
static void
word_bytes(uint64_t v, uint8_t out[8])
{
	int i;

	for (i = 0; i < 8; i++)
		out[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t
xs_next(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}

void
sctpdk_pattern_build(const struct sctpdk_pattern *p, uint64_t seq, uint8_t *buf)
{
	uint32_t len = p->lengths[seq];
	uint64_t s = payload_seed(p, seq);
	uint32_t off;

	put_be32(buf, SCTPDK_PATTERN_MAGIC);
	put_be32(buf + 4, len);
	put_be32(buf + 8, (uint32_t)(seq >> 32));
	put_be32(buf + 12, (uint32_t)seq);
	for (off = SCTPDK_PATTERN_HDR_LEN; off < len; off += 8) {
		uint8_t w[8];
		uint32_t n = len - off < 8 ? len - off : 8;

		word_bytes(xs_next(&s), w);
		memcpy(buf + off, w, n);
	}
}

int
sctpdk_pattern_check(const struct sctpdk_pattern *p, const uint8_t *buf, size_t len,
		     uint64_t *seq, size_t *bad_offset)
{
	uint64_t s, q;
	uint32_t off;

	if (len < SCTPDK_PATTERN_HDR_LEN || get_be32(buf) != SCTPDK_PATTERN_MAGIC)
		return -1;
	q = (uint64_t)get_be32(buf + 8) << 32 | get_be32(buf + 12);
	if (q >= p->nmsgs || get_be32(buf + 4) != p->lengths[q])
		return -1;
	*seq = q;
	if (len != p->lengths[q])
		return -2;
	s = payload_seed(p, q);
	for (off = SCTPDK_PATTERN_HDR_LEN; off < len; off += 8) {
		uint8_t w[8];
		uint32_t n = (uint32_t)len - off < 8 ? (uint32_t)len - off : 8;

		word_bytes(xs_next(&s), w);
		if (memcmp(buf + off, w, n) != 0) {
			uint32_t i;

			for (i = 0; i < n && buf[off + i] == w[i]; i++)
				;
			*bad_offset = off + i;
			return -3;
		}
	}
	return 0;
}
