/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "writer.h"

void
sctpdk_wr_init(struct sctpdk_wr *w, void *buf, uint32_t cap)
{
	w->p = buf;
	w->len = 0;
	w->cap = buf != NULL ? cap : 0;
	w->err = 0;
	w->m = NULL;
	w->pad_end = 0;
	w->pad_len = 0;
}

int
sctpdk_wr_init_mbuf(struct sctpdk_wr *w, struct rte_mbuf *m, uint32_t max)
{
	if (m == NULL)
		return SCTPDK_ERR_INVAL;
	struct rte_mbuf *last = rte_pktmbuf_lastseg(m);
	uint32_t room = rte_pktmbuf_tailroom(last);
	w->p = rte_pktmbuf_mtod_offset(last, uint8_t *, last->data_len);
	w->len = 0;
	w->cap = room < max ? room : max;
	w->err = 0;
	w->m = m;
	w->pad_end = 0;
	w->pad_len = 0;
	return 0;
}

int
sctpdk_wr_commit_mbuf(struct sctpdk_wr *w)
{
	if (w->m == NULL)
		return SCTPDK_ERR_INVAL;
	if (w->err != 0)
		return SCTPDK_ERR_NOSPACE;
	if (w->len > 0) {
		/* the bytes are already in the tailroom: this only grows lengths */
		if (rte_pktmbuf_append(w->m, (uint16_t)w->len) == NULL)
			return SCTPDK_ERR_NOSPACE;
	}
	w->p += w->len;
	w->cap -= w->len;
	w->len = 0;
	w->pad_end = 0;
	w->pad_len = 0;
	return 0;
}

void
sctpdk_wr_bytes(struct sctpdk_wr *w, const void *src, uint32_t n)
{
	uint8_t *p = sctpdk_wr_take_(w, n);
	if (p != NULL && n > 0)
		memcpy(p, src, n);
}

void
sctpdk_wr_zero(struct sctpdk_wr *w, uint32_t n)
{
	uint8_t *p = sctpdk_wr_take_(w, n);
	if (p != NULL && n > 0)
		memset(p, 0, n);
}

void
sctpdk_wr_src(struct sctpdk_wr *w, const struct sctpdk_wire_src *src, uint32_t off, uint32_t n)
{
	if (w->err != 0)
		return;
	if (n > w->cap - w->len) {
		w->err = SCTPDK_ERR_NOSPACE;
		return;
	}
	if (sctpdk_src_copy(src, off, n, w->p + w->len) != 0) {
		/* the source is shorter than promised: a caller bug, not a wire fault */
		w->err = SCTPDK_ERR_NOSPACE;
		return;
	}
	w->len += n;
}

void
sctpdk_wr_patch_u16(struct sctpdk_wr *w, uint32_t pos, uint16_t v)
{
	if (pos > w->len || w->len - pos < 2)
		return;
	w->p[pos] = (uint8_t)(v >> 8);
	w->p[pos + 1] = (uint8_t)v;
}

int
sctpdk_wr_end(struct sctpdk_wr *w, uint32_t mark)
{
	if (w->err == 0)
		return 0;
	if (mark < w->len)
		w->len = mark;
	w->err = 0;
	return SCTPDK_ERR_NOSPACE;
}
