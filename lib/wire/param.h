/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Parameters of INIT / INIT ACK / HEARTBEAT (RFC 9260 3.2.1, 3.3.2.1, 3.3.3.1).
 *
 * param.c:       the view, the iterator, the unknown-type rule, format;
 * param_addr.c:  IPv4, IPv6, Host Name Address, Supported Address Types;
 * param_misc.c:  Heartbeat Info, State Cookie, Unrecognized Parameter,
 *                Cookie Preservative, ECN Capable, Forward-TSN-Supported,
 *                Adaptation Layer Indication.
 * Decoders check the type and the exact length of their parameter and
 * return SCTPDK_WIRE_OK, R_WRONG_TYPE or R_PARAM_BAD_LEN. Encoders
 * return 0, SCTPDK_ERR_NOSPACE (rewound) or SCTPDK_ERR_INVAL.
 */
#ifndef SCTPDK_WIRE_PARAM_H
#define SCTPDK_WIRE_PARAM_H

#include <stddef.h>
#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>

#include "defs.h"
#include "reader.h"
#include "tlv.h"
#include "writer.h"

struct sctpdk_param {
	struct sctpdk_wire_src src;
	uint32_t off;  /* absolute offset of the parameter header */
	uint16_t type;
	uint16_t len;  /* Parameter Length: header + value, padding excluded */
};

/* The value of a variable-length parameter or cause: len bytes at off. */
struct sctpdk_span {
	uint32_t off;
	uint32_t len;
};

/* RFC 9260 3.2.1: what to do with an unrecognised parameter (upper two bits). */
enum sctpdk_param_action {
	SCTPDK_PARAM_STOP = 0,    /* 00: stop processing parameters of this chunk */
	SCTPDK_PARAM_STOP_REPORT, /* 01: stop, and report it as unrecognised */
	SCTPDK_PARAM_SKIP,        /* 10: skip it, go on */
	SCTPDK_PARAM_SKIP_REPORT, /* 11: skip it, report it, go on */
};

enum sctpdk_param_action sctpdk_param_unknown_action(uint16_t type);

/* Iterator over the parameters in [off, off+len) of src (sctpdk_tlv_next rules). */
struct sctpdk_param_iter {
	struct sctpdk_wire_src src;
	uint32_t pos;
	uint32_t end;
	enum sctpdk_wire_reason reason; /* set when next() returned -1 */
};

void sctpdk_param_iter_init(struct sctpdk_param_iter *it, const struct sctpdk_wire_src *src,
			    uint32_t off, uint32_t len);
/* Returns 1 with *p filled, 0 at the end, -1 on malformed input (it->reason). */
int sctpdk_param_iter_next(struct sctpdk_param_iter *it, struct sctpdk_param *p);

/* Value span of any parameter (off + 4, len - 4). */
struct sctpdk_span sctpdk_param_value(const struct sctpdk_param *p);

/* Copy a parameter as found (header, value, padding) from its source. */
int sctpdk_param_copy(struct sctpdk_wr *w, const struct sctpdk_wire_src *src,
		      const struct sctpdk_tlv *t);

/* "IPv4 10.0.0.1", "State Cookie len=32", "param 0x8123 len=8". */
int sctpdk_param_format(const struct sctpdk_param *p, char *buf, size_t cap);

/* --- param_addr.c --- */
/* IPv4 (len 8) or IPv6 (len 20) address parameter into *a. */
enum sctpdk_wire_reason sctpdk_param_addr_decode(const struct sctpdk_param *p,
						 struct sctpdk_addr *a);
/* IPv4 or IPv6 parameter by a->family (SCTPDK_ERR_INVAL for another family). */
int sctpdk_param_addr_encode(struct sctpdk_wr *w, const struct sctpdk_addr *a);
/* Host Name Address: value span (the name, NUL-terminated on the wire). */
enum sctpdk_wire_reason sctpdk_param_host_name_decode(const struct sctpdk_param *p,
						      struct sctpdk_span *name);
int sctpdk_param_host_name_encode(struct sctpdk_wr *w, const char *name);
/* Supported Address Types into a SCTPDK_ADDRTYPE_* mask (unknown types ignored). */
enum sctpdk_wire_reason sctpdk_param_supported_addr_types_decode(const struct sctpdk_param *p,
								 uint8_t *mask);
int sctpdk_param_supported_addr_types_encode(struct sctpdk_wr *w, uint8_t mask);

/* --- param_misc.c --- */
/* Heartbeat Info, State Cookie, Unrecognized Parameter: value span (len >= 0). */
enum sctpdk_wire_reason sctpdk_param_heartbeat_info_decode(const struct sctpdk_param *p,
							   struct sctpdk_span *info);
int sctpdk_param_heartbeat_info_encode(struct sctpdk_wr *w, const void *info, uint16_t len);
enum sctpdk_wire_reason sctpdk_param_state_cookie_decode(const struct sctpdk_param *p,
							 struct sctpdk_span *cookie);
int sctpdk_param_state_cookie_encode(struct sctpdk_wr *w, const void *cookie, uint16_t len);
/* The value of an Unrecognized Parameter is the reported parameter's TLV. */
enum sctpdk_wire_reason sctpdk_param_unrecognized_decode(const struct sctpdk_param *p,
							 struct sctpdk_span *reported);
/* Unrecognized Parameter wrapping the TLV t found in src (copied with padding). */
int sctpdk_param_unrecognized_encode(struct sctpdk_wr *w, const struct sctpdk_wire_src *src,
				     const struct sctpdk_tlv *t);
/* Cookie Preservative: Suggested Cookie Life-Span Increment (ms), len 8. */
enum sctpdk_wire_reason sctpdk_param_cookie_preservative_decode(const struct sctpdk_param *p,
								uint32_t *inc_ms);
int sctpdk_param_cookie_preservative_encode(struct sctpdk_wr *w, uint32_t inc_ms);
/* ECN Capable and Forward-TSN-Supported: no value, len 4. */
enum sctpdk_wire_reason sctpdk_param_ecn_capable_decode(const struct sctpdk_param *p);
int sctpdk_param_ecn_capable_encode(struct sctpdk_wr *w);
enum sctpdk_wire_reason sctpdk_param_fwd_tsn_supported_decode(const struct sctpdk_param *p);
int sctpdk_param_fwd_tsn_supported_encode(struct sctpdk_wr *w);
/* Adaptation Layer Indication (RFC 5061), len 8. */
enum sctpdk_wire_reason sctpdk_param_adaptation_decode(const struct sctpdk_param *p,
						       uint32_t *ind);
int sctpdk_param_adaptation_encode(struct sctpdk_wr *w, uint32_t ind);

#endif
