/* SPDX-License-Identifier: BSD-3-Clause */
/* ECNE and CWR chunks (RFC 9260 Appendix A): both carry one TSN, length 8. */
#ifndef SCTPDK_WIRE_ECN_H
#define SCTPDK_WIRE_ECN_H

#include <stddef.h>
#include <stdint.h>

#include "chunk.h"
#include "serial.h"

/* Decode ECNE (Lowest TSN) or CWR (TSN).
 * Returns SCTPDK_WIRE_OK, R_WRONG_TYPE, R_CHUNK_BAD_LEN. */
enum sctpdk_wire_reason sctpdk_ecn_decode(const struct sctpdk_chunk *c, sctpdk_tsn_t *tsn);

/* type is SCTPDK_CHUNK_ECNE or SCTPDK_CHUNK_CWR.
 * Returns 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_NOSPACE. */
int sctpdk_ecn_encode(struct sctpdk_wr *w, uint8_t type, sctpdk_tsn_t tsn);

#endif
