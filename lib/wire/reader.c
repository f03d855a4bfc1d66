/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

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
