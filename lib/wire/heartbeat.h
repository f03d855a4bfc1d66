/* SPDX-License-Identifier: BSD-3-Clause */
/* HEARTBEAT and HEARTBEAT ACK chunks (RFC 9260 3.3.5, 3.3.6). */
#ifndef SCTPDK_WIRE_HEARTBEAT_H
#define SCTPDK_WIRE_HEARTBEAT_H

#include <stddef.h>
#include <stdint.h>

#include "chunk.h"

struct sctpdk_heartbeat {
	uint32_t info_off; /* absolute offset of the Heartbeat Info value (sender-specific) */
	uint16_t info_len; /* its length (TLV length - 4) */
};

/*
 * Decode a HEARTBEAT or HEARTBEAT ACK: its first parameter must be a
 * Heartbeat Info TLV inside the chunk (other parameters after it are
 * ignored). Returns SCTPDK_WIRE_OK, R_WRONG_TYPE, R_CHUNK_TOO_SHORT,
 * R_HB_NO_INFO or a TLV structure reason.
 */
enum sctpdk_wire_reason sctpdk_heartbeat_decode(const struct sctpdk_chunk *c,
						struct sctpdk_heartbeat *hb);

/*
 * Encode a HEARTBEAT or HEARTBEAT ACK (type) with one Heartbeat Info
 * parameter carrying info_len bytes of info.
 * Returns 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_NOSPACE, SCTPDK_ERR_MSGSIZE.
 */
int sctpdk_heartbeat_encode(struct sctpdk_wr *w, uint8_t type, const void *info,
			    uint16_t info_len);

/*
 * The HEARTBEAT ACK answering the HEARTBEAT hb: its value (the Heartbeat
 * Info parameter and anything after it) copied unchanged.
 * Returns 0, SCTPDK_ERR_INVAL (not a HEARTBEAT), SCTPDK_ERR_NOSPACE.
 */
int sctpdk_heartbeat_ack_from(struct sctpdk_wr *w, const struct sctpdk_chunk *hb);

/* "HEARTBEAT info_len=12". */
int sctpdk_heartbeat_format(uint8_t type, const struct sctpdk_heartbeat *hb, char *buf,
			    size_t cap);

#endif
