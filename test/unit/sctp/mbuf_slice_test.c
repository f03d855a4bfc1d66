/* SPDX-License-Identifier: BSD-3-Clause */
/* Zero-copy mbuf chain slicing. */
#include <string.h>

#include <rte_mbuf.h>

#include "sctpdk_test.h"

#include "mbuf_slice.h"

/* A chain of segments of the given sizes holding bytes (i * 7 + 3) & 0xff. */
static struct rte_mbuf *
make_chain(const uint16_t *sizes, int n)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	struct rte_mbuf *head = NULL;
	uint32_t k = 0;
	for (int s = 0; s < n; s++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, sizes[s]);
		for (uint16_t i = 0; i < sizes[s]; i++, k++)
			p[i] = (uint8_t)(k * 7 + 3);
		if (head == NULL)
			head = m;
		else
			CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_chain(head, m), 0);
	}
	return head;
}

static int
check_bytes(struct rte_mbuf *m, uint32_t off, uint32_t len)
{
	if (rte_pktmbuf_pkt_len(m) != len)
		return 0;
	uint32_t total = 0;
	uint16_t segs = 0;
	for (struct rte_mbuf *s = m; s != NULL; s = s->next) {
		const uint8_t *p = rte_pktmbuf_mtod(s, const uint8_t *);
		for (uint16_t i = 0; i < s->data_len; i++, total++)
			if (p[i] != (uint8_t)((off + total) * 7 + 3))
				return 0;
		segs++;
	}
	return total == len && segs == m->nb_segs;
}

static void
test_slice_ranges(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	unsigned base = rte_mempool_in_use_count(mp);
	const uint16_t sizes[] = {100, 50, 0, 200};
	struct rte_mbuf *m = make_chain(sizes, 4);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 350);
	const uint32_t cases[][3] = {{0, 350, 3},   {0, 1, 1},   {99, 2, 2},  {100, 50, 1},
				     {120, 100, 2}, {349, 1, 1}, {10, 300, 3}};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rte_mbuf *s = sctpdk_mbuf_slice(m, cases[i][0], cases[i][1], mp);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		CU_ASSERT_TRUE(check_bytes(s, cases[i][0], cases[i][1]));
		CU_ASSERT_EQUAL(s->nb_segs, cases[i][2]);
		CU_ASSERT_TRUE(RTE_MBUF_CLONED(s) != 0);
		rte_pktmbuf_free(s);
	}
	CU_ASSERT_PTR_NULL(sctpdk_mbuf_slice(m, 300, 51, mp));
	CU_ASSERT_PTR_NULL(sctpdk_mbuf_slice(m, 0, 0, mp));
	CU_ASSERT_TRUE(check_bytes(m, 0, 350)); /* original untouched */
	rte_pktmbuf_free(m);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), base);
}

static void
test_slice_take_in_place(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	unsigned base = rte_mempool_in_use_count(mp);
	const uint16_t sizes[] = {100, 50, 200};
	struct rte_mbuf *m = make_chain(sizes, 3);
	/* sole owner: trimmed in place, first and last segments dropped */
	struct rte_mbuf *s = sctpdk_mbuf_slice_take(m, 120, 20, mp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_TRUE(RTE_MBUF_CLONED(s) == 0);
	CU_ASSERT_TRUE(check_bytes(s, 120, 20));
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), base + 1);
	rte_pktmbuf_free(s);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), base);
	/* bad range: the chain is freed anyway */
	m = make_chain(sizes, 3);
	CU_ASSERT_PTR_NULL(sctpdk_mbuf_slice_take(m, 340, 11, mp));
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), base);
}

static void
test_slice_take_shared(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	unsigned base = rte_mempool_in_use_count(mp);
	const uint16_t sizes[] = {300};
	struct rte_mbuf *m = make_chain(sizes, 1);
	/* two chunks of one packet: one reference each */
	rte_pktmbuf_refcnt_update(m, 1);
	struct rte_mbuf *a = sctpdk_mbuf_slice_take(m, 16, 100, mp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_TRUE(RTE_MBUF_CLONED(a) != 0);
	struct rte_mbuf *b = sctpdk_mbuf_slice_take(m, 132, 168, mp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_TRUE(check_bytes(a, 16, 100));
	CU_ASSERT_TRUE(check_bytes(b, 132, 168));
	rte_pktmbuf_free(a);
	CU_ASSERT_TRUE(check_bytes(b, 132, 168));
	rte_pktmbuf_free(b);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), base);
}

SCTPDK_TEST_SUITE(sctp_mbuf_slice, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_slice_ranges),
		  SCTPDK_TEST(test_slice_take_in_place), SCTPDK_TEST(test_slice_take_shared))
