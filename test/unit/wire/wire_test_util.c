/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_test.h"
#include "wire_test_util.h"

int
wire_test_eal(void)
{
	return sctpdk_test_eal_init();
}

struct rte_mbuf *
wire_test_chain(const void *p, uint32_t len, const uint32_t *cuts, int ncuts)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	if (mp == NULL)
		return NULL;
	struct rte_mbuf *head = NULL;
	uint32_t start = 0;
	for (int i = 0; i <= ncuts; i++) {
		uint32_t stop = i < ncuts ? cuts[i] : len;
		struct rte_mbuf *seg = rte_pktmbuf_alloc(mp);
		if (seg == NULL || stop < start || stop - start > rte_pktmbuf_tailroom(seg))
			goto fail_seg;
		if (stop > start) {
			char *d = rte_pktmbuf_append(seg, (uint16_t)(stop - start));
			memcpy(d, (const uint8_t *)p + start, stop - start);
		}
		if (head == NULL)
			head = seg;
		else if (rte_pktmbuf_chain(head, seg) != 0)
			goto fail_seg;
		start = stop;
		continue;
fail_seg:
		rte_pktmbuf_free(seg);
		rte_pktmbuf_free(head);
		return NULL;
	}
	return head;
}

struct rte_mbuf *
wire_test_mbuf(const void *p, uint32_t len)
{
	return wire_test_chain(p, len, NULL, 0);
}

static int
one_tlv(const void *b, uint32_t len, struct sctpdk_wire_src *src, struct sctpdk_tlv *t)
{
	*src = sctpdk_src_buf(b, len);
	uint32_t pos = 0;
	enum sctpdk_wire_reason why;
	return sctpdk_tlv_next(src, &pos, len, t, &why) == 1 ? 0 : -1;
}

int
wire_test_param(const void *b, uint32_t len, struct sctpdk_param *p)
{
	struct sctpdk_tlv t;
	if (one_tlv(b, len, &p->src, &t) != 0)
		return -1;
	p->off = t.off;
	p->type = t.type;
	p->len = t.len;
	return 0;
}

int
wire_test_cause(const void *b, uint32_t len, struct sctpdk_cause *c)
{
	struct sctpdk_tlv t;
	if (one_tlv(b, len, &c->src, &t) != 0)
		return -1;
	c->off = t.off;
	c->code = t.type;
	c->len = t.len;
	return 0;
}
