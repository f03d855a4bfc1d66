/* SPDX-License-Identifier: BSD-3-Clause */
/* DATA chunk (RFC 9260 3.3.1). */
#ifndef SCTPDK_WIRE_DATA_H
#define SCTPDK_WIRE_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "chunk.h"
#include "serial.h"

struct sctpdk_data {
	uint8_t flags;        /* SCTPDK_DATA_FLAG_{E,B,U,I} */
	sctpdk_tsn_t tsn;
	uint16_t sid;
	sctpdk_ssn_t ssn;
	uint32_t ppid;        /* host order of the wire value */
	uint32_t payload_off; /* decode: absolute offset of the user data in the source */
	uint16_t payload_len; /* user data bytes (Chunk Length - 16) */
};

/*
 * Decode a DATA chunk. The payload is not copied: it is payload_len bytes
 * at payload_off of c->src (for an mbuf chain, use rte_pktmbuf_read or
 * split/clone the chain there).
 * Returns SCTPDK_WIRE_OK, R_WRONG_TYPE, R_CHUNK_TOO_SHORT (< 16) or
 * R_NO_USER_DATA (exactly 16: all fields are still filled in, so the
 * TSN can go into the No User Data cause).
 */
enum sctpdk_wire_reason sctpdk_data_decode(const struct sctpdk_chunk *c, struct sctpdk_data *d);

/*
 * Encode a DATA chunk with payload_len bytes copied from payload (d's
 * payload fields are ignored), padded to 4.
 * Returns 0, SCTPDK_ERR_INVAL (payload_len 0 or above 65519),
 * SCTPDK_ERR_NOSPACE (writer rewound).
 */
int sctpdk_data_encode(struct sctpdk_wr *w, const struct sctpdk_data *d, const void *payload,
		       uint16_t payload_len);

/*
 * Encode only the 16-byte DATA header, with Chunk Length 16 + payload_len;
 * the caller supplies the payload bytes (e.g. by chaining an mbuf) and
 * sctpdk_pad4(payload_len) - payload_len zero bytes of padding.
 * Returns 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_NOSPACE.
 */
int sctpdk_data_encode_hdr(struct sctpdk_wr *w, const struct sctpdk_data *d, uint16_t payload_len);

/*
 * Store the 16-byte DATA chunk header (type, flags, length, TSN, stream,
 * SSN, PPID) at p, whose room the caller has checked: the bytes
 * sctpdk_data_encode_hdr() writes, for a packet builder that places
 * headers and payload itself (inline: it runs for every chunk sent).
 */
static inline void
sctpdk_data_hdr_put(uint8_t *p, const struct sctpdk_data *d, uint16_t payload_len)
{
	uint16_t len = (uint16_t)(16u + payload_len);
	p[0] = 0; /* SCTPDK_CHUNK_DATA */
	p[1] = d->flags;
	p[2] = (uint8_t)(len >> 8);
	p[3] = (uint8_t)len;
	p[4] = (uint8_t)(d->tsn.v >> 24);
	p[5] = (uint8_t)(d->tsn.v >> 16);
	p[6] = (uint8_t)(d->tsn.v >> 8);
	p[7] = (uint8_t)d->tsn.v;
	p[8] = (uint8_t)(d->sid >> 8);
	p[9] = (uint8_t)d->sid;
	p[10] = (uint8_t)(d->ssn.v >> 8);
	p[11] = (uint8_t)d->ssn.v;
	p[12] = (uint8_t)(d->ppid >> 24);
	p[13] = (uint8_t)(d->ppid >> 16);
	p[14] = (uint8_t)(d->ppid >> 8);
	p[15] = (uint8_t)d->ppid;
}

/* "DATA flags=BE tsn=1 sid=0 ssn=0 ppid=0 len=5". Returns snprintf's count. */
int sctpdk_data_format(const struct sctpdk_data *d, char *buf, size_t cap);

#endif
