/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bounded writing of wire bytes.
 *
 * A writer appends into a caller buffer, or into the tailroom of the last
 * segment of an mbuf. It never writes past its capacity: a write that does
 * not fit sets a sticky error and writes nothing; the next
 * sctpdk_wr_end()/sctpdk_tlv_end()/sctpdk_chunk_end() rewinds to the mark
 * taken before the failed element and returns SCTPDK_ERR_NOSPACE, so a
 * half-written chunk is never left in the output. Integers are written in
 * network byte order.
 *
 * Threading: a writer is owned by one thread.
 */
#ifndef SCTPDK_WIRE_WRITER_H
#define SCTPDK_WIRE_WRITER_H

#include <stdint.h>

#include "reader.h"

struct rte_mbuf;

struct sctpdk_wr {
	uint8_t *p;      /* start of the output area */
	uint32_t len;    /* bytes written so far */
	uint32_t cap;    /* capacity of the output area */
	int err;         /* 0 or SCTPDK_ERR_NOSPACE, sticky until rewound */
	struct rte_mbuf *m; /* mbuf whose tailroom is written, or NULL */
	uint32_t pad_end;   /* len right after the last TLV padding written */
	uint32_t pad_len;   /* bytes of that padding (0..3) */
};

/* Writer over buf[0..cap). */
void sctpdk_wr_init(struct sctpdk_wr *w, void *buf, uint32_t cap);

/*
 * Writer over the tailroom of the last segment of m, limited to max bytes.
 * Nothing is added to the mbuf until sctpdk_wr_commit_mbuf().
 * Returns 0, or SCTPDK_ERR_INVAL if m is NULL.
 */
int sctpdk_wr_init_mbuf(struct sctpdk_wr *w, struct rte_mbuf *m, uint32_t max);

/*
 * Append the bytes written to the mbuf (data_len/pkt_len grow by w->len)
 * and reset the writer to an empty window over the remaining tailroom.
 * Returns 0, SCTPDK_ERR_INVAL (not an mbuf writer), SCTPDK_ERR_NOSPACE
 * (pending write error: nothing appended).
 */
int sctpdk_wr_commit_mbuf(struct sctpdk_wr *w);

/* Room for n more bytes: pointer to them (length advanced), or NULL with
 * the sticky error set. Internal to the writers below. */
static inline uint8_t *
sctpdk_wr_take_(struct sctpdk_wr *w, uint32_t n)
{
	if (unlikely(w->err != 0))
		return NULL;
	if (unlikely(n > w->cap - w->len)) {
		w->err = SCTPDK_ERR_NOSPACE;
		return NULL;
	}
	uint8_t *p = w->p + w->len;
	w->len += n;
	return p;
}

static inline void
sctpdk_wr_u8(struct sctpdk_wr *w, uint8_t v)
{
	uint8_t *p = sctpdk_wr_take_(w, 1);
	if (p != NULL)
		p[0] = v;
}

static inline void
sctpdk_wr_u16(struct sctpdk_wr *w, uint16_t v)
{
	uint8_t *p = sctpdk_wr_take_(w, 2);
	if (p != NULL) {
		p[0] = (uint8_t)(v >> 8);
		p[1] = (uint8_t)v;
	}
}

static inline void
sctpdk_wr_u32(struct sctpdk_wr *w, uint32_t v)
{
	uint8_t *p = sctpdk_wr_take_(w, 4);
	if (p != NULL) {
		p[0] = (uint8_t)(v >> 24);
		p[1] = (uint8_t)(v >> 16);
		p[2] = (uint8_t)(v >> 8);
		p[3] = (uint8_t)v;
	}
}

void sctpdk_wr_bytes(struct sctpdk_wr *w, const void *p, uint32_t n);
void sctpdk_wr_zero(struct sctpdk_wr *w, uint32_t n);
/* Copy n bytes at off of a source (mbuf chain or buffer). */
void sctpdk_wr_src(struct sctpdk_wr *w, const struct sctpdk_wire_src *src, uint32_t off,
		   uint32_t n);
/* Overwrite a 16-bit value already written at pos (no-op when pos+2 > len). */
void sctpdk_wr_patch_u16(struct sctpdk_wr *w, uint32_t pos, uint16_t v);

/* Pointer to the first output byte (what was written so far is p[0..len)). */
static inline uint8_t *
sctpdk_wr_data(const struct sctpdk_wr *w)
{
	return w->p;
}

static inline uint32_t
sctpdk_wr_room(const struct sctpdk_wr *w)
{
	return w->cap - w->len;
}

/* A rewind point: the current length. */
static inline uint32_t
sctpdk_wr_mark(const struct sctpdk_wr *w)
{
	return w->len;
}

/*
 * Close an element started at mark: on a pending error, rewind to mark,
 * clear the error and return SCTPDK_ERR_NOSPACE; otherwise return 0.
 */
int sctpdk_wr_end(struct sctpdk_wr *w, uint32_t mark);

#endif
