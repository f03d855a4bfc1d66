/* SPDX-License-Identifier: BSD-3-Clause */
/* SCTP common header (RFC 9260 3.1). */
#ifndef SCTPDK_WIRE_HEADER_H
#define SCTPDK_WIRE_HEADER_H

#include <stddef.h>
#include <stdint.h>

#include "defs.h"
#include "reader.h"
#include "writer.h"

struct sctpdk_common_hdr {
	uint16_t src_port; /* host order */
	uint16_t dst_port; /* host order */
	uint32_t vtag;     /* host order */
	uint32_t cksum;    /* CRC32c value as stored (the 4 bytes read little-endian) */
};

/*
 * Decode the common header at off of src.
 * Returns SCTPDK_WIRE_OK or SCTPDK_WIRE_R_PKT_SHORT (fewer than 12 bytes).
 */
enum sctpdk_wire_reason sctpdk_common_hdr_decode(const struct sctpdk_wire_src *src, uint32_t off,
						 struct sctpdk_common_hdr *h);

/*
 * Encode the common header with a zero checksum (filled later by the
 * packet builder or the NIC). Returns 0 or SCTPDK_ERR_NOSPACE.
 */
int sctpdk_common_hdr_encode(struct sctpdk_wr *w, const struct sctpdk_common_hdr *h);

/* One-line text "sport=5000 dport=5001 vtag=0x01020304 cksum=0x..."; returns snprintf's count. */
int sctpdk_common_hdr_format(const struct sctpdk_common_hdr *h, char *buf, size_t cap);

#endif
