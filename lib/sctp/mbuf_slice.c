/* SPDX-License-Identifier: BSD-3-Clause */
#include "mbuf_slice.h"

#include <stddef.h>

#include <rte_mbuf.h>

struct rte_mbuf *
sctpdk_mbuf_slice(struct rte_mbuf *m, uint32_t off, uint32_t len, struct rte_mempool *indirect_pool)
{
	if (m == NULL || len == 0 || (uint64_t)off + len > rte_pktmbuf_pkt_len(m) ||
	    indirect_pool == NULL)
		return NULL;
	struct rte_mbuf *head = NULL, *tail = NULL;
	uint32_t left = len;
	for (struct rte_mbuf *seg = m; seg != NULL && left > 0; seg = seg->next) {
		if (off >= seg->data_len) {
			off -= seg->data_len;
			continue;
		}
		uint32_t take = seg->data_len - off;
		if (take > left)
			take = left;
		struct rte_mbuf *mi = rte_pktmbuf_alloc(indirect_pool);
		if (mi == NULL) {
			rte_pktmbuf_free(head);
			return NULL;
		}
		rte_pktmbuf_attach(mi, seg);
		mi->data_off = (uint16_t)(mi->data_off + off);
		mi->data_len = (uint16_t)take;
		mi->pkt_len = take;
		if (head == NULL) {
			head = mi;
		} else {
			tail->next = mi;
			head->nb_segs++;
			head->pkt_len += take;
		}
		tail = mi;
		left -= take;
		off = 0;
	}
	return head;
}

bool
sctpdk_mbuf_exclusive(const struct rte_mbuf *m)
{
	for (; m != NULL; m = m->next)
		if (rte_mbuf_refcnt_read(m) != 1)
			return false;
	return true;
}

struct rte_mbuf *
sctpdk_mbuf_slice_take(struct rte_mbuf *m, uint32_t off, uint32_t len,
		       struct rte_mempool *indirect_pool)
{
	if (m == NULL)
		return NULL;
	if (len == 0 || (uint64_t)off + len > rte_pktmbuf_pkt_len(m)) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	if (!sctpdk_mbuf_exclusive(m)) {
		struct rte_mbuf *s = sctpdk_mbuf_slice(m, off, len, indirect_pool);
		rte_pktmbuf_free(m);
		return s;
	}
	/* Sole owner: trim in place. Drop the segments before off. */
	while (off >= m->data_len) {
		struct rte_mbuf *next = m->next;
		off -= m->data_len;
		m->next = NULL;
		m->nb_segs = 1;
		rte_pktmbuf_free_seg(m);
		m = next;
	}
	m->data_off = (uint16_t)(m->data_off + off);
	m->data_len = (uint16_t)(m->data_len - off);
	/* Find the last segment holding payload; drop those after it. */
	uint32_t left = len;
	uint16_t nb = 1;
	struct rte_mbuf *seg = m;
	while (left > seg->data_len) {
		left -= seg->data_len;
		seg = seg->next;
		nb++;
	}
	seg->data_len = (uint16_t)left;
	if (seg->next != NULL) {
		rte_pktmbuf_free(seg->next);
		seg->next = NULL;
	}
	m->nb_segs = nb;
	m->pkt_len = len;
	return m;
}
