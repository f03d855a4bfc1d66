/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ABORT chunk (RFC 9260 3.3.7). The error causes it carries are walked with
 * the cause iterator (cause.h); to build one:
 *   mark = sctpdk_chunk_begin(w, SCTPDK_CHUNK_ABORT, t ? SCTPDK_FLAG_T : 0);
 *   sctpdk_cause_..._encode(w, ...);   (any number)
 *   sctpdk_chunk_end(w, mark);
 */
#ifndef SCTPDK_WIRE_ABORT_H
#define SCTPDK_WIRE_ABORT_H

#include <stddef.h>
#include <stdint.h>

#include "chunk.h"

struct sctpdk_abort {
	uint8_t t_bit;       /* verification tag reflected */
	uint16_t n_causes;   /* causes present (structure checked) */
	uint32_t causes_off; /* absolute offset of the first cause */
	uint16_t causes_len; /* bytes of causes (Chunk Length - 4) */
};

/*
 * Decode an ABORT and check the structure of its causes.
 * Returns SCTPDK_WIRE_OK, R_WRONG_TYPE or a TLV structure reason.
 */
enum sctpdk_wire_reason sctpdk_abort_decode(const struct sctpdk_chunk *c, struct sctpdk_abort *a);

/*
 * ABORT with causes_len bytes of already encoded causes (may be 0).
 * Returns 0, SCTPDK_ERR_NOSPACE, SCTPDK_ERR_MSGSIZE.
 */
int sctpdk_abort_encode(struct sctpdk_wr *w, int t_bit, const void *causes, uint16_t causes_len);

/*
 * ABORT with one cause (code, info as in sctpdk_cause_encode()), or none
 * when code is 0. Returns 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_NOSPACE,
 * SCTPDK_ERR_MSGSIZE.
 */
int sctpdk_abort_encode_cause(struct sctpdk_wr *w, int t_bit, uint16_t code, const void *info,
			      uint16_t info_len);

/* "ABORT T causes=1". */
int sctpdk_abort_format(const struct sctpdk_abort *a, char *buf, size_t cap);

#endif
