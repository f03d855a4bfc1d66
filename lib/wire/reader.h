/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bounded reading of wire bytes.
 *
 * A source (struct sctpdk_wire_src) is either an rte_mbuf chain or a flat
 * buffer; offsets are absolute within it (for an mbuf: from the start of
 * the packet data, so an offset can be handed on to reference a payload
 * in place). A reader (struct sctpdk_rd) is a window [off, end) over a
 * source. Reading past the window returns zeros and sets a sticky error
 * (SCTPDK_ERR_TRUNCATED) that the decoder checks once at the end, so
 * running past the end is impossible. Multi-byte integers are read in
 * network byte order and returned in host order.
 *
 * Threading: readers and sources are plain values owned by the caller;
 * the underlying bytes must not change while they are read.
 */
#ifndef SCTPDK_WIRE_READER_H
#define SCTPDK_WIRE_READER_H

#include <stddef.h>
#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

struct sctpdk_wire_src {
	const struct rte_mbuf *m; /* mbuf chain, or NULL for a flat buffer */
	const uint8_t *buf;       /* flat buffer when m == NULL */
	uint32_t len;             /* bytes available (pkt_len for an mbuf) */
};

/* A source over a flat buffer of len bytes. */
struct sctpdk_wire_src sctpdk_src_buf(const void *buf, uint32_t len);

/* A source over a whole mbuf chain (len = rte_pktmbuf_pkt_len). */
struct sctpdk_wire_src sctpdk_src_mbuf(const struct rte_mbuf *m);

/*
 * Copy len bytes at off into dst.
 * Returns 0, or SCTPDK_ERR_TRUNCATED if [off, off+len) is not inside src
 * (dst untouched).
 */
int sctpdk_src_copy(const struct sctpdk_wire_src *src, uint32_t off, uint32_t len, void *dst);

/*
 * Pointer to len bytes at off: into the source itself when they are
 * contiguous, otherwise copied into tmp (len bytes). NULL when out of range.
 */
static inline const void *
sctpdk_src_ptr(const struct sctpdk_wire_src *src, uint32_t off, uint32_t len, void *tmp)
{
	if (unlikely(off > src->len || len > src->len - off))
		return NULL;
	if (src->m == NULL)
		return src->buf + off;
	if (len == 0)
		return tmp;
	return rte_pktmbuf_read(src->m, off, len, tmp);
}

struct sctpdk_rd {
	struct sctpdk_wire_src src;
	uint32_t off; /* next byte to read (absolute) */
	uint32_t end; /* one past the last readable byte (absolute) */
	int err;      /* 0 or SCTPDK_ERR_TRUNCATED, sticky */
};

/*
 * Reader over [off, off+len) of src. If the window does not fit in src it
 * is clipped to src and err is set to SCTPDK_ERR_TRUNCATED.
 */
void sctpdk_rd_init(struct sctpdk_rd *rd, const struct sctpdk_wire_src *src, uint32_t off,
		    uint32_t len);

/*
 * n (<= 4) bytes at the read position, advancing it; NULL (and err set,
 * position at the end) when fewer are left. Internal to the readers below.
 */
static inline const uint8_t *
sctpdk_rd_take_(struct sctpdk_rd *rd, uint32_t n, uint8_t *tmp)
{
	const uint8_t *p = NULL;
	if (likely(rd->end - rd->off >= n)) {
		p = rd->src.m == NULL ? rd->src.buf + rd->off
				      : (const uint8_t *)rte_pktmbuf_read(rd->src.m, rd->off, n, tmp);
	}
	if (unlikely(p == NULL)) {
		rd->off = rd->end;
		rd->err = SCTPDK_ERR_TRUNCATED;
		return NULL;
	}
	rd->off += n;
	return p;
}

static inline uint8_t
sctpdk_rd_u8(struct sctpdk_rd *rd)
{
	uint8_t tmp[1];
	const uint8_t *p = sctpdk_rd_take_(rd, 1, tmp);
	return p != NULL ? p[0] : 0;
}

/* network -> host order */
static inline uint16_t
sctpdk_rd_u16(struct sctpdk_rd *rd)
{
	uint8_t tmp[2];
	const uint8_t *p = sctpdk_rd_take_(rd, 2, tmp);
	return p != NULL ? (uint16_t)(p[0] << 8 | p[1]) : 0;
}

/* network -> host order */
static inline uint32_t
sctpdk_rd_u32(struct sctpdk_rd *rd)
{
	uint8_t tmp[4];
	const uint8_t *p = sctpdk_rd_take_(rd, 4, tmp);
	if (p == NULL)
		return 0;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Copy n bytes into dst (zero-filled and err set when short). */
void sctpdk_rd_bytes(struct sctpdk_rd *rd, void *dst, uint32_t n);

/* Skip n bytes (err set and position moved to the end when short). */
void sctpdk_rd_skip(struct sctpdk_rd *rd, uint32_t n);

static inline uint32_t
sctpdk_rd_left(const struct sctpdk_rd *rd)
{
	return rd->end - rd->off;
}

static inline uint32_t
sctpdk_rd_pos(const struct sctpdk_rd *rd)
{
	return rd->off;
}

#endif
