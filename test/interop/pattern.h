/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef SCTPDK_INTEROP_PATTERN_H
#define SCTPDK_INTEROP_PATTERN_H

/*
 * Deterministic traffic schedule shared by the interop peers.
 *
 * A transfer of N bytes is cut into messages numbered 0, 1, 2, ... Each
 * message's size, stream, ordered/unordered flag and content are a pure
 * function of (seed, sequence number), so a receiver can check every
 * message on its own, in whatever order unordered delivery and several
 * streams produce.
 *
 * Message layout (all integers big-endian):
 *   0  u32 magic  SCTPDK_PATTERN_MAGIC
 *   4  u32 length of the whole message, header included
 *   8  u64 sequence number
 *  16  payload: bytes of sctpdk_pattern_fill() for (seed, seq)
 *
 * Any program that wants to talk to test/interop/usrsctp-peer (for example
 * an sctpdk interop test) generates and checks messages with these
 * functions; doc/interop.md describes the format.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCTPDK_PATTERN_MAGIC 0x53444b50u /* "SDKP" */
#define SCTPDK_PATTERN_HDR_LEN 16u
#define SCTPDK_PATTERN_MAX_SIZES 16u
#define SCTPDK_PATTERN_MAX_MSG (256u * 1024u)

struct sctpdk_pattern {
	uint64_t seed;
	uint64_t total_bytes;        /* N: sum of all message lengths */
	uint16_t streams;            /* streams used, >= 1 */
	uint32_t unordered_permille; /* share of unordered messages, 0..1000 */
	uint32_t nsizes;
	uint32_t sizes[SCTPDK_PATTERN_MAX_SIZES];
	uint64_t nmsgs;    /* filled by sctpdk_pattern_init */
	uint32_t *lengths; /* per message, filled by sctpdk_pattern_init */
};

/* Per-message attributes derived from the schedule. */
struct sctpdk_pattern_msg {
	uint32_t length;
	uint16_t stream;
	bool unordered;
};

/*
 * Parse a size mix "64,1400,65000" into p->sizes. Each size must be in
 * [SCTPDK_PATTERN_HDR_LEN, SCTPDK_PATTERN_MAX_MSG].
 * Returns 0, or -1 on a malformed list.
 */
int sctpdk_pattern_parse_sizes(struct sctpdk_pattern *p, const char *list);

/*
 * Build the message schedule for p->total_bytes (must be >= 16) from the
 * fields above. Allocates p->lengths; release with sctpdk_pattern_fini().
 * Returns 0, or -1 on bad parameters or allocation failure.
 */
int sctpdk_pattern_init(struct sctpdk_pattern *p);
void sctpdk_pattern_fini(struct sctpdk_pattern *p);

/* Attributes of message seq (seq < p->nmsgs). */
void sctpdk_pattern_msg(const struct sctpdk_pattern *p, uint64_t seq,
			struct sctpdk_pattern_msg *m);

/* Write message seq (header and payload) into buf of m.length bytes. */
void sctpdk_pattern_build(const struct sctpdk_pattern *p, uint64_t seq,
			  uint8_t *buf);

/*
 * Check a received message buf[0..len). On success stores its sequence
 * number in *seq and returns 0. Returns -1 for a bad header (magic, length
 * field, sequence out of range), -2 when the length differs from the
 * schedule, -3 when the payload differs from the pattern (*seq is set for
 * -2 and -3; *bad_offset gets the first differing byte for -3).
 */
int sctpdk_pattern_check(const struct sctpdk_pattern *p, const uint8_t *buf,
			 size_t len, uint64_t *seq, size_t *bad_offset);

#endif
