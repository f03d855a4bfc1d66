/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Error causes of ABORT and ERROR chunks (RFC 9260 3.3.10).
 *
 * cause.c:        the view, the iterator over an ABORT/ERROR body, format;
 * cause_num.c:    causes with fixed numeric fields: Invalid Stream
 *                 Identifier (1), Missing Mandatory Parameter (2), Stale
 *                 Cookie Error (3), No User Data (9);
 * cause_empty.c:  causes without a value: Out of Resource (4), Invalid
 *                 Mandatory Parameter (7), Cookie Received While Shutting
 *                 Down (10);
 * cause_embed.c:  causes carrying bytes: Unresolvable Address (5),
 *                 Unrecognized Chunk Type (6), Unrecognized Parameters (8),
 *                 Restart of an Association with New Addresses (11),
 *                 User-Initiated Abort (12), Protocol Violation (13).
 * Decoders check code and length and return SCTPDK_WIRE_OK, R_WRONG_TYPE
 * or R_CAUSE_BAD_LEN. Encoders append one cause (padded) and return 0,
 * SCTPDK_ERR_NOSPACE / SCTPDK_ERR_MSGSIZE (rewound) or SCTPDK_ERR_INVAL.
 */
#ifndef SCTPDK_WIRE_CAUSE_H
#define SCTPDK_WIRE_CAUSE_H

#include <stddef.h>
#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>

#include "chunk.h"
#include "param.h"
#include "serial.h"

struct sctpdk_cause {
	struct sctpdk_wire_src src;
	uint32_t off;  /* absolute offset of the cause header */
	uint16_t code;
	uint16_t len;  /* Cause Length: header + value, padding excluded */
};

/* Iterator over the causes of an ABORT or ERROR chunk. */
struct sctpdk_cause_iter {
	struct sctpdk_wire_src src;
	uint32_t pos;
	uint32_t end;
	enum sctpdk_wire_reason reason; /* set when next() returned -1 */
};

/* Start on the value of chunk c (any type; normally ABORT or ERROR). */
void sctpdk_cause_iter_init(struct sctpdk_cause_iter *it, const struct sctpdk_chunk *c);
/* Returns 1 with *cause filled, 0 at the end, -1 on malformed input (it->reason). */
int sctpdk_cause_iter_next(struct sctpdk_cause_iter *it, struct sctpdk_cause *cause);

/* Value span of any cause (off + 4, len - 4). */
struct sctpdk_span sctpdk_cause_value(const struct sctpdk_cause *c);

/* "Invalid Stream Identifier sid=3", "Stale Cookie Error staleness=1000us", ... */
int sctpdk_cause_format(const struct sctpdk_cause *c, char *buf, size_t cap);

/*
 * Any cause: code, then info_len bytes of info as they are, padded to 4.
 * For causes whose info the caller already holds in wire form.
 * Returns 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_NOSPACE.
 */
int sctpdk_cause_encode(struct sctpdk_wr *w, uint16_t code, const void *info, uint16_t info_len);

/* --- cause_num.c --- */
#define SCTPDK_CAUSE_MAX_MISSING 8 /* missing parameter types stored */

struct sctpdk_cause_missing {
	uint32_t n;        /* Number of missing params (declared and present) */
	uint16_t n_stored; /* min(n, SCTPDK_CAUSE_MAX_MISSING) */
	uint16_t types[SCTPDK_CAUSE_MAX_MISSING];
};

enum sctpdk_wire_reason sctpdk_cause_invalid_stream_decode(const struct sctpdk_cause *c,
							   uint16_t *sid);
int sctpdk_cause_invalid_stream_encode(struct sctpdk_wr *w, uint16_t sid);
enum sctpdk_wire_reason sctpdk_cause_missing_param_decode(const struct sctpdk_cause *c,
							  struct sctpdk_cause_missing *m);
int sctpdk_cause_missing_param_encode(struct sctpdk_wr *w, const uint16_t *types, uint16_t n);
enum sctpdk_wire_reason sctpdk_cause_stale_cookie_decode(const struct sctpdk_cause *c,
							 uint32_t *staleness_us);
int sctpdk_cause_stale_cookie_encode(struct sctpdk_wr *w, uint32_t staleness_us);
enum sctpdk_wire_reason sctpdk_cause_no_user_data_decode(const struct sctpdk_cause *c,
							 sctpdk_tsn_t *tsn);
int sctpdk_cause_no_user_data_encode(struct sctpdk_wr *w, sctpdk_tsn_t tsn);

/* --- cause_empty.c --- */
enum sctpdk_wire_reason sctpdk_cause_out_of_resource_decode(const struct sctpdk_cause *c);
int sctpdk_cause_out_of_resource_encode(struct sctpdk_wr *w);
enum sctpdk_wire_reason sctpdk_cause_invalid_mandatory_decode(const struct sctpdk_cause *c);
int sctpdk_cause_invalid_mandatory_encode(struct sctpdk_wr *w);
enum sctpdk_wire_reason sctpdk_cause_cookie_while_shutdown_decode(const struct sctpdk_cause *c);
int sctpdk_cause_cookie_while_shutdown_encode(struct sctpdk_wr *w);

/* --- cause_embed.c --- */
/* Unresolvable Address: the address parameter TLV (as a param view). */
enum sctpdk_wire_reason sctpdk_cause_unresolvable_addr_decode(const struct sctpdk_cause *c,
							      struct sctpdk_param *addr);
/* Copies the address parameter t found in src. */
int sctpdk_cause_unresolvable_addr_encode(struct sctpdk_wr *w, const struct sctpdk_wire_src *src,
					  const struct sctpdk_tlv *t);
/* Unrecognized Chunk Type: the reported chunk (header + as much as was included). */
enum sctpdk_wire_reason sctpdk_cause_unrecognized_chunk_decode(const struct sctpdk_cause *c,
							       uint8_t *type,
							       struct sctpdk_span *chunk);
/* Reports chunk rc, copied whole from its source. */
int sctpdk_cause_unrecognized_chunk_encode(struct sctpdk_wr *w, const struct sctpdk_chunk *rc);
/* Unrecognized Parameters: the reported parameter TLVs (walk with the param iterator). */
enum sctpdk_wire_reason sctpdk_cause_unrecognized_params_decode(const struct sctpdk_cause *c,
								struct sctpdk_span *params);
/* Reports n TLVs of src, each copied with its padding. */
int sctpdk_cause_unrecognized_params_encode(struct sctpdk_wr *w,
					    const struct sctpdk_wire_src *src,
					    const struct sctpdk_tlv *t, uint16_t n);
/* Restart of an Association with New Addresses: address TLVs (may be empty). */
enum sctpdk_wire_reason sctpdk_cause_restart_new_addrs_decode(const struct sctpdk_cause *c,
							      struct sctpdk_span *addrs);
int sctpdk_cause_restart_new_addrs_encode(struct sctpdk_wr *w, const struct sctpdk_addr *addrs,
					  uint16_t n);
/* User-Initiated Abort: upper layer abort reason (may be empty). */
enum sctpdk_wire_reason sctpdk_cause_user_abort_decode(const struct sctpdk_cause *c,
						       struct sctpdk_span *reason);
int sctpdk_cause_user_abort_encode(struct sctpdk_wr *w, const void *reason, uint16_t len);
/* Protocol Violation: additional information (may be empty). */
enum sctpdk_wire_reason sctpdk_cause_protocol_violation_decode(const struct sctpdk_cause *c,
							       struct sctpdk_span *info);
int sctpdk_cause_protocol_violation_encode(struct sctpdk_wr *w, const void *info, uint16_t len);

#endif
