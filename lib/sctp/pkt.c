/* SPDX-License-Identifier: BSD-3-Clause */
/* Bounded chunk walk and packet builder for the association engine. */
#include <stdbool.h>
#include <string.h>

#include "mbuf_slice.h"
#include "writer.h" /* lib/wire */
#include "pkt.h"

int
pkt_read(const struct rte_mbuf *m, uint32_t off, void *buf, uint32_t len)
{
	if (len == 0)
		return 0;
	if ((uint64_t)off + len > rte_pktmbuf_pkt_len(m))
		return -1;
	const void *p = rte_pktmbuf_read(m, off, len, buf);
	if (p == NULL)
		return -1;
	if (p != buf)
		memcpy(buf, p, len);
	return 0;
}

int
pkt_hdr_read(const struct rte_mbuf *m, struct pkt_hdr *h)
{
	uint8_t b[SCTP_HDR_LEN];
	if (pkt_read(m, 0, b, sizeof(b)) != 0)
		return -1;
	h->src_port = rd16(b);
	h->dst_port = rd16(b + 2);
	h->vtag = rd32(b + 4);
	return 0;
}

int
pkt_chunk_next(const struct rte_mbuf *m, uint32_t *off, struct pkt_chunk *c)
{
	uint32_t total = rte_pktmbuf_pkt_len(m);
	if (*off >= total)
		return 0;
	uint8_t b[CHUNK_HDR_LEN];
	if (pkt_read(m, *off, b, sizeof(b)) != 0)
		return -1;
	c->type = b[0];
	c->flags = b[1];
	c->len = rd16(b + 2);
	c->off = *off;
	if (c->len < CHUNK_HDR_LEN || (uint64_t)*off + c->len > total)
		return -1;
	uint32_t padded = (c->len + 3u) & ~3u;
	*off = *off + padded > total ? total : *off + padded;
	return 1;
}

int
pkt_begin(struct pkt_builder *b, struct rte_mempool *mp, uint32_t limit, uint16_t sport,
	  uint16_t dport, uint32_t vtag)
{
	memset(b, 0, sizeof(*b));
	b->m = rte_pktmbuf_alloc(mp);
	if (b->m == NULL)
		return -1;
	b->mp = mp;
	b->last = b->m;
	b->ref_min = UINT32_MAX;
	uint32_t room = rte_pktmbuf_tailroom(b->m);
	b->limit = limit < room ? limit : room;
	uint8_t *h = (uint8_t *)rte_pktmbuf_append(b->m, SCTP_HDR_LEN);
	wr16(h, sport);
	wr16(h + 2, dport);
	wr32(h + 4, vtag);
	wr32(h + 8, 0);
	return 0;
}

int
pkt_set_dest(struct pkt_builder *b, uint8_t dest, uint32_t limit)
{
	/* what the head segment can hold, as pkt_begin() caps it */
	uint32_t room = (uint32_t)b->m->buf_len - b->m->data_off;
	if (limit > room)
		limit = room;
	if (pkt_len(b) > limit)
		return -1;
	b->dest = dest;
	b->limit = limit;
	return 0;
}

int
pkt_fits(const struct pkt_builder *b, uint32_t vlen)
{
	return pkt_len(b) + CHUNK_HDR_LEN + ((vlen + 3u) & ~3u) <= b->limit;
}

/* Can n more bytes be written at the end of the last segment? Only a
 * direct segment of ours (never a referenced payload) is written to. */
static bool
tail_room(const struct pkt_builder *b, uint32_t n)
{
	const struct rte_mbuf *l = b->last;
	return RTE_MBUF_DIRECT(l) && rte_mbuf_refcnt_read(l) == 1 &&
	       rte_pktmbuf_tailroom(l) >= n;
}

/* Link chain s (its pkt_len and nb_segs set) after the last segment. */
static void
link_chain(struct pkt_builder *b, struct rte_mbuf *s)
{
	b->last->next = s;
	b->m->nb_segs = (uint16_t)(b->m->nb_segs + s->nb_segs);
	b->m->pkt_len += s->pkt_len;
	b->last = rte_pktmbuf_lastseg(s);
}

/* n bytes at the end of the packet, contiguous; new_seg is a spare direct
 * mbuf used (and set to NULL) when the last segment has no room. */
static uint8_t *
put(struct pkt_builder *b, uint32_t n, struct rte_mbuf **new_seg)
{
	if (!tail_room(b, n)) {
		if (*new_seg == NULL)
			return NULL;
		link_chain(b, *new_seg);
		*new_seg = NULL;
	}
	struct rte_mbuf *l = b->last;
	uint8_t *p = rte_pktmbuf_mtod_offset(l, uint8_t *, l->data_len);
	l->data_len = (uint16_t)(l->data_len + n);
	if (l != b->m)
		l->pkt_len += n;
	b->m->pkt_len += n;
	return p;
}

/* A spare direct segment when the last one cannot take n bytes. Returns
 * 0 (*seg set or not needed) or -1 (no mbuf). */
static int
spare_for(struct pkt_builder *b, uint32_t n, struct rte_mbuf **seg)
{
	*seg = NULL;
	if (tail_room(b, n))
		return 0;
	*seg = rte_pktmbuf_alloc(b->mp);
	return *seg != NULL && rte_pktmbuf_tailroom(*seg) >= n ? 0 : -1;
}

static void
chunk_hdr(struct pkt_builder *b, uint8_t *p, uint8_t type, uint8_t flags, uint32_t len)
{
	p[0] = type;
	p[1] = flags;
	wr16(p + 2, (uint16_t)len);
	b->n_chunks++;
}

uint8_t *
pkt_chunk_add_payload(struct pkt_builder *b, uint8_t type, uint8_t flags, uint32_t hlen,
		      struct rte_mbuf *pay, uint32_t off, uint32_t len)
{
	uint32_t vlen = hlen + len;
	if (!pkt_fits(b, vlen) || vlen > 0xffff - CHUNK_HDR_LEN ||
	    (uint64_t)off + len > rte_pktmbuf_pkt_len(pay))
		return NULL;
	uint32_t hdr = CHUNK_HDR_LEN + hlen;
	uint32_t pad = ((vlen + 3u) & ~3u) - vlen;
	struct rte_mbuf *seg, *ref = NULL, *tseg = NULL;
	if (len < b->ref_min || len < 4 || (hlen & 3u) != 0) {
		/* Copied: header, payload and padding in one piece. */
		uint32_t n = hdr + len + pad;
		if (spare_for(b, n, &seg) != 0) {
			rte_pktmbuf_free(seg);
			return NULL;
		}
		uint8_t *p = put(b, n, &seg);
		if (len != 0) {
			const void *src = rte_pktmbuf_read(pay, off, len, p + hdr);
			if (src != p + hdr)
				memcpy(p + hdr, src, len);
		}
		memset(p + hdr + len, 0, pad);
		chunk_hdr(b, p, type, flags, hdr + len);
		b->n_copies++;
		return p + CHUNK_HDR_LEN;
	}
	/* Referenced: the 4-byte aligned head of the payload as indirect
	 * mbufs; its last 0-3 bytes are copied with the padding into a new
	 * direct segment (which later chunks then fill), so no pad needs a
	 * segment of its own and nothing is ever written to a payload. */
	uint32_t tail = len & 3u;
	uint32_t body = len - tail;
	if (spare_for(b, hdr, &seg) != 0)
		goto nomem;
	ref = sctpdk_mbuf_slice(pay, off, body, b->mp);
	if (ref == NULL)
		goto nomem;
	if (tail != 0) {
		tseg = rte_pktmbuf_alloc(b->mp);
		if (tseg == NULL)
			goto nomem;
	}
	/* The CRC is the first to read these bytes, one dependent chain
	 * at a time: start every line's load now so the misses overlap. */
	for (const struct rte_mbuf *r = ref; r != NULL; r = r->next) {
		const uint8_t *d = rte_pktmbuf_mtod(r, const uint8_t *);
		for (uint32_t i = 0; i < r->data_len; i += RTE_CACHE_LINE_SIZE)
			rte_prefetch0(d + i);
	}
	uint8_t *p = put(b, hdr, &seg);
	link_chain(b, ref);
	if (tail != 0) {
		link_chain(b, tseg);
		uint8_t *t = put(b, tail + pad, &seg);
		const void *src = rte_pktmbuf_read(pay, off + body, tail, t);
		if (src != t)
			memcpy(t, src, tail);
		memset(t + tail, 0, pad);
	}
	chunk_hdr(b, p, type, flags, hdr + len);
	b->n_refs++;
	return p + CHUNK_HDR_LEN;
nomem:
	rte_pktmbuf_free(seg);
	rte_pktmbuf_free(ref);
	return NULL;
}

int
pkt_wr_begin(struct pkt_builder *b, struct sctpdk_wr *w, uint32_t need)
{
	struct rte_mbuf *seg = b->last;
	if (!tail_room(b, need)) {
		if (b->spare == NULL)
			b->spare = rte_pktmbuf_alloc(b->mp);
		if (b->spare == NULL)
			return -1;
		seg = b->spare;
	}
	uint32_t left = b->limit > pkt_len(b) ? b->limit - pkt_len(b) : 0;
	uint32_t room = rte_pktmbuf_tailroom(seg);
	sctpdk_wr_init(w, rte_pktmbuf_mtod_offset(seg, uint8_t *, seg->data_len),
		       room < left ? room : left);
	return 0;
}

int
pkt_wr_commit(struct pkt_builder *b, struct sctpdk_wr *w, uint32_t n_chunks)
{
	if (w->err != 0)
		return w->err;
	if (w->len == 0)
		return 0;
	struct rte_mbuf *l = b->last;
	if (w->p != rte_pktmbuf_mtod_offset(l, uint8_t *, l->data_len) || !tail_room(b, w->len)) {
		if (b->spare == NULL || w->p != rte_pktmbuf_mtod(b->spare, uint8_t *))
			return SCTPDK_ERR_INVAL;
		link_chain(b, b->spare);
		b->spare = NULL;
		l = b->last;
	}
	l->data_len = (uint16_t)(l->data_len + w->len);
	if (l != b->m)
		l->pkt_len += w->len;
	b->m->pkt_len += w->len;
	b->n_chunks += n_chunks;
	return 0;
}

struct rte_mbuf *
pkt_finish(struct pkt_builder *b)
{
	struct rte_mbuf *m = b->m;
	rte_pktmbuf_free(b->spare);
	b->spare = NULL;
	b->m = NULL;
	b->last = NULL;
	return m;
}

void
pkt_abandon(struct pkt_builder *b)
{
	rte_pktmbuf_free(b->spare);
	b->spare = NULL;
	rte_pktmbuf_free(b->m);
	b->m = NULL;
	b->last = NULL;
}
