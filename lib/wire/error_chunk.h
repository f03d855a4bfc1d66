/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ERROR chunk (RFC 9260 3.3.10): one or more error causes, walked with the
 * cause iterator (cause.h). Build it like an ABORT: sctpdk_chunk_begin(w,
 * SCTPDK_CHUNK_ERROR, 0), cause encoders, sctpdk_chunk_end().
 */
#ifndef SCTPDK_WIRE_ERROR_CHUNK_H
#define SCTPDK_WIRE_ERROR_CHUNK_H

#include <stddef.h>
#include <stdint.h>

#include "chunk.h"

struct sctpdk_error_chunk {
	uint16_t n_causes;
	uint32_t causes_off;
	uint16_t causes_len;
};

/*
 * Decode an ERROR chunk and check the structure of its causes.
 * An ERROR without causes is accepted (n_causes 0): the sender is wrong,
 * but nothing else in the packet should be lost for it.
 * Returns SCTPDK_WIRE_OK, R_WRONG_TYPE or a TLV structure reason.
 */
enum sctpdk_wire_reason sctpdk_error_chunk_decode(const struct sctpdk_chunk *c,
						  struct sctpdk_error_chunk *e);

/* ERROR with causes_len (> 0) bytes of encoded causes.
 * Returns 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_NOSPACE, SCTPDK_ERR_MSGSIZE. */
int sctpdk_error_chunk_encode(struct sctpdk_wr *w, const void *causes, uint16_t causes_len);

/* ERROR with one cause (code, info as in sctpdk_cause_encode()).
 * Returns 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_NOSPACE, SCTPDK_ERR_MSGSIZE. */
int sctpdk_error_chunk_encode_cause(struct sctpdk_wr *w, uint16_t code, const void *info,
				    uint16_t info_len);

/* "ERROR causes=2". */
int sctpdk_error_chunk_format(const struct sctpdk_error_chunk *e, char *buf, size_t cap);

#endif
