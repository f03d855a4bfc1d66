/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one TLV length/padding helper used for chunks, parameters and
 * error causes: all three start with a 16-bit type (for chunks: type byte
 * and flags byte) and a 16-bit length that counts the 4-byte header and
 * the value but not the padding to a multiple of 4 (RFC 9260 3.2).
 *
 * Decoding rules (sctpdk_tlv_next), inside an enclosing region [pos, end):
 *  - 0 bytes left: end of list;
 *  - 1..3 bytes left: SCTPDK_WIRE_R_HDR_TRUNC;
 *  - length < 4: SCTPDK_WIRE_R_LEN_SHORT;
 *  - off + length > end: SCTPDK_WIRE_R_PAST_END;
 *  - the element's padding must be present unless it is the last one of
 *    the region and the region ends exactly at its unpadded end (the last
 *    parameter of a chunk is not padded inside the Chunk Length; a
 *    packet's last chunk may come without padding). A region ending inside
 *    the padding is SCTPDK_WIRE_R_PAD_PARTIAL. Padding bytes are ignored
 *    (not required to be zero), as RFC 9260 3.2 asks of the receiver.
 */
#ifndef SCTPDK_WIRE_TLV_H
#define SCTPDK_WIRE_TLV_H

#include <stdint.h>

#include "defs.h"
#include "reader.h"
#include "writer.h"

/* Round n up to a multiple of 4. */
static inline uint32_t
sctpdk_pad4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

/* One raw TLV inside some source: header at off, len from its Length field. */
struct sctpdk_tlv {
	uint32_t off;  /* absolute offset of the type field */
	uint16_t type; /* 16-bit type (chunk: type << 8 | flags) */
	uint16_t len;  /* Length field: header + value, padding excluded */
};

/*
 * Read the TLV at *pos within [*pos, end) of src, apply the rules above,
 * and advance *pos past it and its padding.
 * Returns 1 with *t filled, 0 at the end of the region, or -1 with *why set
 * (then *pos is unchanged).
 */
int sctpdk_tlv_next(const struct sctpdk_wire_src *src, uint32_t *pos, uint32_t end,
		    struct sctpdk_tlv *t, enum sctpdk_wire_reason *why);

/*
 * Walk every TLV of [pos, end) with sctpdk_tlv_next() and return the number
 * found (>= 0) or -1 with *why set.
 */
int sctpdk_tlv_walk(const struct sctpdk_wire_src *src, uint32_t pos, uint32_t end,
		    enum sctpdk_wire_reason *why);

/*
 * Start a TLV: write type and a length placeholder; return the mark to
 * pass to sctpdk_tlv_end().
 */
uint32_t sctpdk_tlv_begin(struct sctpdk_wr *w, uint16_t type);

/*
 * Finish the TLV started at mark: fill its Length (header + value), then
 * write zero padding to a multiple of 4. Returns 0; SCTPDK_ERR_NOSPACE
 * (element or its padding did not fit) or SCTPDK_ERR_MSGSIZE (length above
 * 65535), in both cases after rewinding to mark.
 */
int sctpdk_tlv_end(struct sctpdk_wr *w, uint32_t mark);

/* A whole TLV with a value copied from buf: begin + bytes + end. */
int sctpdk_tlv_put(struct sctpdk_wr *w, uint16_t type, const void *val, uint16_t len);

#endif
