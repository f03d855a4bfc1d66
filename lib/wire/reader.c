/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "reader.h"

struct sctpdk_wire_src
sctpdk_src_buf(const void *buf, uint32_t len)
{
	struct sctpdk_wire_src s = {NULL, buf, len};
	return s;
}

struct sctpdk_wire_src
sctpdk_src_mbuf(const struct rte_mbuf *m)
{
	struct sctpdk_wire_src s = {m, NULL, m != NULL ? rte_pktmbuf_pkt_len(m) : 0};
	return s;
}

static int
in_range(const struct sctpdk_wire_src *src, uint32_t off, uint32_t len)
{
	return off <= src->len && len <= src->len - off;
}

const void *
sctpdk_src_ptr(const struct sctpdk_wire_src *src, uint32_t off, uint32_t len, void *tmp)
{
	if (!in_range(src, off, len))
		return NULL;
	if (src->m == NULL)
		return src->buf + off;
	if (len == 0)
		return tmp;
	return rte_pktmbuf_read(src->m, off, len, tmp);
}

int
sctpdk_src_copy(const struct sctpdk_wire_src *src, uint32_t off, uint32_t len, void *dst)
{
	if (!in_range(src, off, len))
		return SCTPDK_ERR_TRUNCATED;
	if (len == 0)
		return 0;
	const void *p = sctpdk_src_ptr(src, off, len, dst);
	if (p == NULL)
		return SCTPDK_ERR_TRUNCATED;
	if (p != dst)
		memcpy(dst, p, len);
	return 0;
}

void
sctpdk_rd_init(struct sctpdk_rd *rd, const struct sctpdk_wire_src *src, uint32_t off, uint32_t len)
{
	rd->src = *src;
	rd->err = 0;
	if (off > src->len) {
		rd->off = rd->end = src->len;
		rd->err = SCTPDK_ERR_TRUNCATED;
		return;
	}
	rd->off = off;
	if (len > src->len - off) {
		rd->end = src->len;
		rd->err = SCTPDK_ERR_TRUNCATED;
	} else {
		rd->end = off + len;
	}
}

/* Read n (<= 8) bytes into b, or zero-fill and set the error. */
static int
rd_small(struct sctpdk_rd *rd, uint8_t *b, uint32_t n)
{
	if (sctpdk_rd_left(rd) < n) {
		memset(b, 0, n);
		rd->off = rd->end;
		rd->err = SCTPDK_ERR_TRUNCATED;
		return -1;
	}
	if (sctpdk_src_copy(&rd->src, rd->off, n, b) != 0) {
		memset(b, 0, n);
		rd->err = SCTPDK_ERR_TRUNCATED;
		return -1;
	}
	rd->off += n;
	return 0;
}

uint8_t
sctpdk_rd_u8(struct sctpdk_rd *rd)
{
	uint8_t b[1];
	rd_small(rd, b, 1);
	return b[0];
}

uint16_t
sctpdk_rd_u16(struct sctpdk_rd *rd)
{
	uint8_t b[2];
	rd_small(rd, b, 2);
	return (uint16_t)(b[0] << 8 | b[1]);
}

uint32_t
sctpdk_rd_u32(struct sctpdk_rd *rd)
{
	uint8_t b[4];
	rd_small(rd, b, 4);
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

void
sctpdk_rd_bytes(struct sctpdk_rd *rd, void *dst, uint32_t n)
{
	if (sctpdk_rd_left(rd) < n || sctpdk_src_copy(&rd->src, rd->off, n, dst) != 0) {
		memset(dst, 0, n);
		rd->off = rd->end;
		rd->err = SCTPDK_ERR_TRUNCATED;
		return;
	}
	rd->off += n;
}

void
sctpdk_rd_skip(struct sctpdk_rd *rd, uint32_t n)
{
	if (sctpdk_rd_left(rd) < n) {
		rd->off = rd->end;
		rd->err = SCTPDK_ERR_TRUNCATED;
		return;
	}
	rd->off += n;
}
