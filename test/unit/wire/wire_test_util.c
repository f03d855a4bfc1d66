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
