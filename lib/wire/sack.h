/* SPDX-License-Identifier: BSD-3-Clause */
/* SACK chunk (RFC 9260 3.3.4). */
#ifndef SCTPDK_WIRE_SACK_H
#define SCTPDK_WIRE_SACK_H

#include <stddef.h>
#include <stdint.h>

#include "chunk.h"
#include "serial.h"

#define SCTPDK_SACK_MAX_GAPS 64 /* gap blocks copied into struct sctpdk_sack */
#define SCTPDK_SACK_MAX_DUPS 32 /* duplicate TSNs copied into struct sctpdk_sack */

/* Gap Ack Block: TSNs cum+start .. cum+end received (offsets from cum TSN). */
struct sctpdk_gap {
	uint16_t start;
	uint16_t end;
};

struct sctpdk_sack {
	sctpdk_tsn_t cum_tsn;
	uint32_t a_rwnd;
	uint16_t n_gaps; /* as declared by the chunk (all present, checked) */
	uint16_t n_dups;
	uint16_t n_gaps_stored; /* min(n_gaps, SCTPDK_SACK_MAX_GAPS) */
	uint16_t n_dups_stored;
	struct sctpdk_gap gaps[SCTPDK_SACK_MAX_GAPS];
	sctpdk_tsn_t dups[SCTPDK_SACK_MAX_DUPS];
};

/*
 * Decode a SACK. Every gap block and duplicate must be present: the
 * Chunk Length must equal 16 + 4 * (n_gaps + n_dups).
 * Returns SCTPDK_WIRE_OK, R_WRONG_TYPE, R_CHUNK_TOO_SHORT, R_SACK_COUNTS.
 */
enum sctpdk_wire_reason sctpdk_sack_decode(const struct sctpdk_chunk *c, struct sctpdk_sack *s);

/*
 * Gap block / duplicate TSN number idx of a decoded SACK, read from the
 * chunk (works beyond the stored bound). Returns SCTPDK_WIRE_OK or
 * R_INDEX (idx >= declared count).
 */
enum sctpdk_wire_reason sctpdk_sack_gap_at(const struct sctpdk_chunk *c,
					   const struct sctpdk_sack *s, uint16_t idx,
					   struct sctpdk_gap *g);
enum sctpdk_wire_reason sctpdk_sack_dup_at(const struct sctpdk_chunk *c,
					   const struct sctpdk_sack *s, uint16_t idx,
					   sctpdk_tsn_t *tsn);

/*
 * Encode a SACK. Returns 0, SCTPDK_ERR_NOSPACE, SCTPDK_ERR_MSGSIZE
 * (rewound), SCTPDK_ERR_INVAL (NULL array with a count).
 */
int sctpdk_sack_encode(struct sctpdk_wr *w, sctpdk_tsn_t cum_tsn, uint32_t a_rwnd,
		       const struct sctpdk_gap *gaps, uint16_t n_gaps, const sctpdk_tsn_t *dups,
		       uint16_t n_dups);

/* "SACK cum=1 a_rwnd=65535 gaps=1 [2-3] dups=1 [1]" (stored entries only). */
int sctpdk_sack_format(const struct sctpdk_sack *s, char *buf, size_t cap);

#endif
