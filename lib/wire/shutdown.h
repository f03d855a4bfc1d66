/* SPDX-License-Identifier: BSD-3-Clause */
/* SHUTDOWN, SHUTDOWN ACK and SHUTDOWN COMPLETE chunks (RFC 9260 3.3.8, 3.3.9, 3.3.13). */
#ifndef SCTPDK_WIRE_SHUTDOWN_H
#define SCTPDK_WIRE_SHUTDOWN_H

#include <stddef.h>
#include <stdint.h>

#include "chunk.h"
#include "serial.h"

/* SHUTDOWN: Cumulative TSN Ack; Chunk Length must be 8.
 * Returns SCTPDK_WIRE_OK, R_WRONG_TYPE, R_CHUNK_BAD_LEN. */
enum sctpdk_wire_reason sctpdk_shutdown_decode(const struct sctpdk_chunk *c, sctpdk_tsn_t *cum_tsn);
int sctpdk_shutdown_encode(struct sctpdk_wr *w, sctpdk_tsn_t cum_tsn);

/* SHUTDOWN ACK: no value; Chunk Length must be 4. */
enum sctpdk_wire_reason sctpdk_shutdown_ack_decode(const struct sctpdk_chunk *c);
int sctpdk_shutdown_ack_encode(struct sctpdk_wr *w);

/* SHUTDOWN COMPLETE: T bit only; Chunk Length must be 4. */
enum sctpdk_wire_reason sctpdk_shutdown_complete_decode(const struct sctpdk_chunk *c,
							uint8_t *t_bit);
int sctpdk_shutdown_complete_encode(struct sctpdk_wr *w, int t_bit);

/* "SHUTDOWN cum=7". */
int sctpdk_shutdown_format(sctpdk_tsn_t cum_tsn, char *buf, size_t cap);

#endif
