/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A chunk as found in a packet (a view: no bytes are copied) and the
 * generic chunk helpers: classification of unknown types, the builder
 * begin/end pair and the one-line debug format of any chunk.
 */
#ifndef SCTPDK_WIRE_CHUNK_H
#define SCTPDK_WIRE_CHUNK_H

#include <stddef.h>
#include <stdint.h>

#include "defs.h"
#include "reader.h"
#include "writer.h"

struct sctpdk_chunk {
	struct sctpdk_wire_src src; /* where the bytes are */
	uint32_t off;               /* absolute offset of the chunk header in src */
	uint16_t len;               /* Chunk Length: header + value, padding excluded */
	uint8_t type;
	uint8_t flags;
};

/*
 * What the receiver must do with a chunk (RFC 9260 3.2: unknown types are
 * handled by the two upper bits of the type).
 */
enum sctpdk_chunk_action {
	SCTPDK_CHUNK_END = 0,       /* no more chunks: the packet is done */
	SCTPDK_CHUNK_PROCESS,       /* recognised chunk: decode and process it */
	SCTPDK_CHUNK_STOP,          /* unknown, bits 00: stop, discard it and later chunks */
	SCTPDK_CHUNK_STOP_REPORT,   /* unknown, 01: as STOP, and report it in an ERROR
				       (Unrecognized Chunk Type cause) */
	SCTPDK_CHUNK_SKIP,          /* unknown, 10: skip it, go on with the next */
	SCTPDK_CHUNK_SKIP_REPORT,   /* unknown, 11: skip it, report it, go on */
	SCTPDK_CHUNK_NO_USER_DATA,  /* DATA with no user data: send an ABORT with the
				       No User Data cause (RFC 9260 6.2), stop */
};

/* 1 if this implementation recognises the chunk type (0..14). */
int sctpdk_chunk_type_known(uint8_t type);

/* The RFC 9260 3.2 action for an unrecognised type (by its upper two bits). */
enum sctpdk_chunk_action sctpdk_chunk_unknown_action(uint8_t type);

/* Static name of an action ("process", "stop-report", ...). */
const char *sctpdk_chunk_action_str(enum sctpdk_chunk_action a);

/* A chunk view over a flat buffer holding exactly one chunk (tests, tools).
 * Returns SCTPDK_WIRE_OK or the reason the buffer does not hold one. */
enum sctpdk_wire_reason sctpdk_chunk_from_buf(const void *buf, uint32_t len,
					      struct sctpdk_chunk *c);

/* Reader over the chunk value (after the 4-byte header, len - 4 bytes). */
void sctpdk_chunk_value_reader(const struct sctpdk_chunk *c, struct sctpdk_rd *rd);

/*
 * Start a chunk: write type, flags and a length placeholder; return the
 * mark for sctpdk_chunk_end(). Put the value with any sctpdk_wr_* or
 * parameter/cause encoder in between (e.g. an ABORT: begin, causes, end).
 */
uint32_t sctpdk_chunk_begin(struct sctpdk_wr *w, uint8_t type, uint8_t flags);

/*
 * Finish the chunk started at mark: fill the Chunk Length (padding
 * excluded) and pad to 4 bytes. Returns 0, SCTPDK_ERR_NOSPACE or
 * SCTPDK_ERR_MSGSIZE (rewound to mark in both cases).
 */
int sctpdk_chunk_end(struct sctpdk_wr *w, uint32_t mark);

/* A chunk with only a header (COOKIE ACK, SHUTDOWN ACK, SHUTDOWN COMPLETE, ...). */
int sctpdk_chunk_encode_empty(struct sctpdk_wr *w, uint8_t type, uint8_t flags);

/* Copy a chunk verbatim (header, value and padding) from its source. */
int sctpdk_chunk_copy(struct sctpdk_wr *w, const struct sctpdk_chunk *c);

/*
 * One-line debug text of any chunk: its name, flags and decoded fields, or
 * the reason it does not decode ("SACK cum=5 a_rwnd=65535 gaps=1[2-3] dups=0").
 * Always NUL-terminates (when cap > 0); returns the length it wanted, like
 * snprintf.
 */
int sctpdk_chunk_format(const struct sctpdk_chunk *c, char *buf, size_t cap);

#endif
