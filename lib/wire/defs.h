/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RFC 9260 wire constants: chunk types and flags, parameter types, error
 * cause codes, and the reason codes every decoder of lib/wire returns for
 * malformed input.
 */
#ifndef SCTPDK_WIRE_DEFS_H
#define SCTPDK_WIRE_DEFS_H

#include <stdint.h>

/* Sizes of the fixed parts (bytes). */
#define SCTPDK_COMMON_HDR_LEN 12u
#define SCTPDK_CHUNK_HDR_LEN  4u
#define SCTPDK_TLV_HDR_LEN    4u
#define SCTPDK_DATA_HDR_LEN   16u /* DATA chunk header, without user data */
#define SCTPDK_INIT_FIXED_LEN 20u /* INIT / INIT ACK header + fixed fields */
#define SCTPDK_SACK_FIXED_LEN 16u

/* Chunk types (RFC 9260 3.2; ECNE/CWR from RFC 9260 Appendix A). */
enum sctpdk_chunk_type {
	SCTPDK_CHUNK_DATA = 0,
	SCTPDK_CHUNK_INIT = 1,
	SCTPDK_CHUNK_INIT_ACK = 2,
	SCTPDK_CHUNK_SACK = 3,
	SCTPDK_CHUNK_HEARTBEAT = 4,
	SCTPDK_CHUNK_HEARTBEAT_ACK = 5,
	SCTPDK_CHUNK_ABORT = 6,
	SCTPDK_CHUNK_SHUTDOWN = 7,
	SCTPDK_CHUNK_SHUTDOWN_ACK = 8,
	SCTPDK_CHUNK_ERROR = 9,
	SCTPDK_CHUNK_COOKIE_ECHO = 10,
	SCTPDK_CHUNK_COOKIE_ACK = 11,
	SCTPDK_CHUNK_ECNE = 12,
	SCTPDK_CHUNK_CWR = 13,
	SCTPDK_CHUNK_SHUTDOWN_COMPLETE = 14,
	SCTPDK_CHUNK_TYPE_MAX_KNOWN = 14,
};

/* Chunk flags. */
#define SCTPDK_DATA_FLAG_E 0x01 /* ending fragment */
#define SCTPDK_DATA_FLAG_B 0x02 /* beginning fragment */
#define SCTPDK_DATA_FLAG_U 0x04 /* unordered */
#define SCTPDK_DATA_FLAG_I 0x08 /* immediate SACK requested (RFC 7053) */
#define SCTPDK_FLAG_T      0x01 /* ABORT / SHUTDOWN COMPLETE: tag reflected */

/* Parameter types (RFC 9260 3.3.2.1, 3.3.3.1; 0xC000 RFC 3758; 0xC006 RFC 5061). */
enum sctpdk_param_type {
	SCTPDK_PARAM_HEARTBEAT_INFO = 1,
	SCTPDK_PARAM_IPV4 = 5,
	SCTPDK_PARAM_IPV6 = 6,
	SCTPDK_PARAM_STATE_COOKIE = 7,
	SCTPDK_PARAM_UNRECOGNIZED = 8,
	SCTPDK_PARAM_COOKIE_PRESERVATIVE = 9,
	SCTPDK_PARAM_HOST_NAME = 11,
	SCTPDK_PARAM_SUPPORTED_ADDR_TYPES = 12,
	SCTPDK_PARAM_ECN_CAPABLE = 0x8000,
	SCTPDK_PARAM_FWD_TSN_SUPPORTED = 0xC000,
	SCTPDK_PARAM_ADAPTATION = 0xC006,
};

/* Bits of the supported-address-types mask (struct sctpdk_init). */
#define SCTPDK_ADDRTYPE_IPV4     0x01
#define SCTPDK_ADDRTYPE_IPV6     0x02
#define SCTPDK_ADDRTYPE_HOSTNAME 0x04

/* Error cause codes (RFC 9260 3.3.10). */
enum sctpdk_cause_code {
	SCTPDK_CAUSE_INVALID_STREAM = 1,
	SCTPDK_CAUSE_MISSING_PARAM = 2,
	SCTPDK_CAUSE_STALE_COOKIE = 3,
	SCTPDK_CAUSE_OUT_OF_RESOURCE = 4,
	SCTPDK_CAUSE_UNRESOLVABLE_ADDR = 5,
	SCTPDK_CAUSE_UNRECOGNIZED_CHUNK = 6,
	SCTPDK_CAUSE_INVALID_MANDATORY_PARAM = 7,
	SCTPDK_CAUSE_UNRECOGNIZED_PARAMS = 8,
	SCTPDK_CAUSE_NO_USER_DATA = 9,
	SCTPDK_CAUSE_COOKIE_WHILE_SHUTDOWN = 10,
	SCTPDK_CAUSE_RESTART_NEW_ADDRS = 11,
	SCTPDK_CAUSE_USER_ABORT = 12,
	SCTPDK_CAUSE_PROTOCOL_VIOLATION = 13,
	SCTPDK_CAUSE_CODE_MAX_KNOWN = 13,
};

/*
 * Why a decoder rejected its input. Every decoder and iterator of lib/wire
 * returns SCTPDK_WIRE_OK (0) or exactly one of these; the values are dense
 * so a caller can keep `uint64_t drops[SCTPDK_WIRE_R_COUNT]`. A malformed
 * packet is dropped and counted, never an error of the caller.
 */
enum sctpdk_wire_reason {
	SCTPDK_WIRE_OK = 0,
	SCTPDK_WIRE_R_PKT_SHORT,        /* packet shorter than the 12-byte common header */
	SCTPDK_WIRE_R_NO_CHUNKS,        /* common header and nothing else */
	SCTPDK_WIRE_R_BAD_CKSUM,        /* CRC32c mismatch (or NIC flagged it bad) */
	SCTPDK_WIRE_R_HDR_TRUNC,        /* 1..3 bytes left where a chunk/param/cause header starts */
	SCTPDK_WIRE_R_LEN_SHORT,        /* length field below 4 */
	SCTPDK_WIRE_R_PAST_END,         /* length field runs past the enclosing packet or chunk */
	SCTPDK_WIRE_R_PAD_PARTIAL,      /* enclosing packet/chunk ends inside the padding */
	SCTPDK_WIRE_R_CHUNK_TOO_SHORT,  /* chunk shorter than the fixed part of its type */
	SCTPDK_WIRE_R_CHUNK_BAD_LEN,    /* fixed-size chunk with another length */
	SCTPDK_WIRE_R_NO_USER_DATA,     /* DATA chunk with no user data (answer: ABORT) */
	SCTPDK_WIRE_R_BUNDLED,          /* INIT, INIT ACK or SHUTDOWN COMPLETE not alone */
	SCTPDK_WIRE_R_WRONG_TYPE,       /* decoder called on a chunk/param/cause of another type */
	SCTPDK_WIRE_R_PARAM_BAD_LEN,    /* known parameter with an invalid length */
	SCTPDK_WIRE_R_SACK_COUNTS,      /* SACK gap/dup counts disagree with its length */
	SCTPDK_WIRE_R_HB_NO_INFO,       /* HEARTBEAT (ACK) without a Heartbeat Info parameter */
	SCTPDK_WIRE_R_CAUSE_BAD_LEN,    /* known error cause with an invalid length */
	SCTPDK_WIRE_R_INDEX,            /* accessor index beyond the decoded count */
	SCTPDK_WIRE_R_COUNT
};

/* Static name of a reason ("pad-partial", ...); "?" for unknown values. */
const char *sctpdk_wire_reason_str(enum sctpdk_wire_reason r);

/* Static name of a chunk type ("DATA", "INIT ACK", ...) or NULL if unknown. */
const char *sctpdk_chunk_type_name(uint8_t type);

/* Static name of an error cause code or NULL if unknown. */
const char *sctpdk_cause_code_name(uint16_t code);

/* Static name of a parameter type or NULL if unknown. */
const char *sctpdk_param_type_name(uint16_t type);

#endif
