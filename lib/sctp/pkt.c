/* SPDX-License-Identifier: BSD-3-Clause */
/* Bounded chunk walk and packet builder for the association engine. */
#include <string.h>

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
	uint32_t room = pkt_len(b) + rte_pktmbuf_tailroom(b->m);
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

uint8_t *
pkt_chunk_add(struct pkt_builder *b, uint8_t type, uint8_t flags, uint32_t vlen)
{
	if (!pkt_fits(b, vlen) || vlen > 0xffff - CHUNK_HDR_LEN)
		return NULL;
	uint32_t padded = (vlen + 3u) & ~3u;
	uint32_t off = pkt_len(b);
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(b->m, (uint16_t)(CHUNK_HDR_LEN + padded));
	if (p == NULL)
		return NULL;
	p[0] = type;
	p[1] = flags;
	wr16(p + 2, (uint16_t)(CHUNK_HDR_LEN + vlen));
	memset(p + CHUNK_HDR_LEN + vlen, 0, padded - vlen);
	b->last_off = off;
	b->last_len = CHUNK_HDR_LEN + vlen;
	b->n_chunks++;
	return p + CHUNK_HDR_LEN;
}

uint8_t *
pkt_chunk_extend(struct pkt_builder *b, uint32_t vlen)
{
	if (b->last_off == 0)
		return NULL;
	/* Parameters inside a chunk start on 4-byte boundaries. */
	uint32_t start = (b->last_len + 3u) & ~3u;
	uint32_t new_len = start + vlen;
	uint32_t new_padded = (new_len + 3u) & ~3u;
	if (new_len > 0xffff || b->last_off + new_padded > b->limit)
		return NULL;
	uint32_t grow = new_padded - start;
	if (grow > 0 && rte_pktmbuf_append(b->m, (uint16_t)grow) == NULL)
		return NULL;
	uint8_t *c = rte_pktmbuf_mtod_offset(b->m, uint8_t *, b->last_off);
	uint8_t *v = c + start;
	memset(v, 0, new_padded - start);
	wr16(c + 2, (uint16_t)new_len);
	b->last_len = new_len;
	return v;
}

struct rte_mbuf *
pkt_finish(struct pkt_builder *b)
{
	struct rte_mbuf *m = b->m;
	b->m = NULL;
	return m;
}

void
pkt_abandon(struct pkt_builder *b)
{
	rte_pktmbuf_free(b->m);
	b->m = NULL;
}
