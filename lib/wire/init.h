/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * INIT and INIT ACK chunks (RFC 9260 3.3.2, 3.3.3): the fixed part plus the
 * parameters parsed into one struct.
 *
 * Parameters recognised: IPv4/IPv6 Address, State Cookie (INIT ACK only),
 * Unrecognized Parameter (INIT ACK only), Cookie Preservative (INIT only),
 * Host Name Address (flagged, RFC 9260 deprecates it), Supported Address
 * Types (INIT only), ECN Capable, Forward-TSN-Supported, Adaptation Layer
 * Indication. Any other parameter follows the upper-two-bits rule of RFC
 * 9260 3.2.1: 00 stop, 01 stop and report, 10 skip, 11 skip and report.
 * Reported parameters are listed in unrec[] for the INIT ACK (Unrecognized
 * Parameter) or an ERROR (Unrecognized Parameters cause).
 */
#ifndef SCTPDK_WIRE_INIT_H
#define SCTPDK_WIRE_INIT_H

#include <stddef.h>
#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>

#include "chunk.h"
#include "serial.h"
#include "tlv.h"

#define SCTPDK_INIT_MAX_ADDRS 16 /* addresses kept; more are counted in n_addrs_over */
#define SCTPDK_INIT_MAX_UNREC 8  /* parameters to report kept; more in n_unrec_over */

struct sctpdk_init {
	/* fixed part */
	uint32_t init_tag;
	uint32_t a_rwnd;
	uint16_t n_out_streams;
	uint16_t n_in_streams; /* MIS */
	sctpdk_tsn_t init_tsn;

	/* addresses (IPv4 / IPv6 parameters) */
	uint16_t n_addrs;
	uint16_t n_addrs_over; /* decode: address parameters beyond the bound */
	struct sctpdk_addr addrs[SCTPDK_INIT_MAX_ADDRS];

	/* State Cookie: decode gives cookie_off/cookie_len (value bytes within
	 * the chunk's source); encode copies cookie_len bytes from cookie. */
	uint8_t has_cookie;
	uint8_t n_cookies; /* decode: State Cookie parameters seen (1 expected) */
	uint16_t cookie_len;
	uint32_t cookie_off;
	const void *cookie;

	uint8_t has_cookie_preservative;
	uint32_t cookie_preservative_ms; /* Suggested Cookie Life-Span Increment */

	uint8_t host_name_seen; /* a Host Name Address parameter was present */
	/* decode: that parameter (first one), for the Unresolvable Address
	 * cause: sctpdk_cause_unresolvable_addr_encode(w, &c->src, &i->host_name) */
	struct sctpdk_tlv host_name;
	uint8_t has_supported_addr_types;
	uint8_t supported_addr_types; /* SCTPDK_ADDRTYPE_* mask */
	uint8_t ecn_capable;
	uint8_t fwd_tsn_supported;
	uint8_t has_adaptation;
	uint32_t adaptation_ind;

	/* Unknown parameters to report (upper bits 01 or 11): whole TLVs,
	 * offsets into the chunk's source. Encode (INIT ACK) writes each as an
	 * Unrecognized Parameter, copying from unrec_src. */
	uint16_t n_unrec;
	uint16_t n_unrec_over;
	struct sctpdk_tlv unrec[SCTPDK_INIT_MAX_UNREC];
	const struct sctpdk_wire_src *unrec_src;
	/* decode: 1 when an unknown parameter with upper bit 0 stopped the
	 * processing of further parameters (those after it were ignored) */
	uint8_t params_stopped;
};

/*
 * Decode an INIT or INIT ACK chunk into *i (zeroed first).
 * Returns SCTPDK_WIRE_OK, or R_WRONG_TYPE, R_CHUNK_TOO_SHORT, a TLV
 * structure reason (R_HDR_TRUNC, R_LEN_SHORT, R_PAST_END, R_PAD_PARTIAL)
 * or R_PARAM_BAD_LEN for a recognised parameter of invalid length.
 * Semantic checks (zero tag, zero streams, missing cookie) are left to
 * the caller, which knows the state.
 */
enum sctpdk_wire_reason sctpdk_init_decode(const struct sctpdk_chunk *c, struct sctpdk_init *i);

/*
 * Encode an INIT (type SCTPDK_CHUNK_INIT) or INIT ACK with the fixed part
 * and, in order: addresses, cookie (INIT ACK, when cookie != NULL), cookie
 * preservative (INIT), supported address types (INIT, when set),
 * ECN capable, Forward-TSN-Supported, adaptation, unrecognized parameters
 * (INIT ACK, when unrec_src != NULL).
 * Returns 0, SCTPDK_ERR_INVAL (bad type), SCTPDK_ERR_NOSPACE or
 * SCTPDK_ERR_MSGSIZE (rewound).
 */
int sctpdk_init_encode(struct sctpdk_wr *w, uint8_t type, const struct sctpdk_init *i);

/*
 * Start an INIT / INIT ACK with only its fixed part: append parameters
 * with the sctpdk_param_*_encode() functions, then sctpdk_chunk_end(w, mark).
 * Returns the mark.
 */
uint32_t sctpdk_init_begin(struct sctpdk_wr *w, uint8_t type, const struct sctpdk_init *i);

/* "INIT tag=0x01020304 a_rwnd=65535 os=10 mis=10 tsn=1 addrs=0 ..." */
int sctpdk_init_format(uint8_t type, const struct sctpdk_init *i, char *buf, size_t cap);

#endif
