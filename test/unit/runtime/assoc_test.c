/* SPDX-License-Identifier: BSD-3-Clause */
/* Association table: registration, lookup by tag and port, duplicates,
 * table full, slot reuse, snapshots. Control-thread use (stack created,
 * not started). */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"
#include "rt_priv.h"

static void
test_register_lookup_delete(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "at", NULL) == 0);
	t.cfg_b.max_assocs = 4;
	int err;
	struct sctpdk_stack *st = sctpdk_stack_create(&t.cfg_b, &err);
	CU_ASSERT_FATAL(st != NULL);
	struct sctpdk_rt_ep *ep = &st->eps[0];
	uint16_t lp = rte_cpu_to_be_16(RT_PORT_B);

	struct sctpdk_rt_assoc *a[5];
	for (uint32_t i = 0; i < 4; i++) {
		a[i] = sctpdk_rt_assoc_add(ep, 100 + i, 0xabc00000u + i, i % 2, NULL, &err);
		CU_ASSERT_FATAL(a[i] != NULL);
		CU_ASSERT_EQUAL(err, 0);
	}
	/* full */
	a[4] = sctpdk_rt_assoc_add(ep, 200, 0xdead, 0, NULL, &err);
	CU_ASSERT_PTR_NULL(a[4]);
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_AGAIN);
	/* lookup is by tag and local port, network order */
	CU_ASSERT_PTR_EQUAL(sctpdk_rt_table_lookup(st, rte_cpu_to_be_32(0xabc00002u), lp), a[2]);
	CU_ASSERT_PTR_NULL(
	    sctpdk_rt_table_lookup(st, rte_cpu_to_be_32(0xabc00002u), rte_cpu_to_be_16(1)));
	CU_ASSERT_PTR_EQUAL(sctpdk_rt_assoc_find(ep, 101), a[1]);
	CU_ASSERT_EQUAL(sctpdk_rt_assoc_owner(a[1]), 1);

	struct sctpdk_rt_assoc_info info;
	CU_ASSERT_EQUAL(sctpdk_stack_assoc_info(st, a[3]->slot + 1, &info), 0);
	CU_ASSERT_EQUAL(info.id, 103);
	CU_ASSERT_EQUAL(info.local_vtag, 0xabc00003u);
	CU_ASSERT_EQUAL(info.owner_lcore, 3);
	CU_ASSERT_EQUAL(sctpdk_stack_assoc_info(st, 9999, &info), SCTPDK_ERR_NOTFOUND);
	uint32_t ids[8];
	CU_ASSERT_EQUAL(sctpdk_stack_assoc_ids(st, ids, 8), 4);

	/* delete frees the slot (lcores not running: at once) */
	sctpdk_rt_assoc_del(a[0]);
	CU_ASSERT_PTR_NULL(sctpdk_rt_table_lookup(st, rte_cpu_to_be_32(0xabc00000u), lp));
	CU_ASSERT_EQUAL(sctpdk_stack_assoc_ids(st, ids, 8), 3);
	/* a tag in use is refused, a freed one can be registered again */
	CU_ASSERT_PTR_NULL(sctpdk_rt_assoc_add(ep, 300, 0xabc00001u, 0, NULL, &err));
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_EXISTS);
	struct sctpdk_rt_assoc *again = sctpdk_rt_assoc_add(ep, 301, 0xabc00000u, 1, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL(again);
	/* owner out of range */
	CU_ASSERT_PTR_NULL(sctpdk_rt_assoc_add(ep, 302, 0x1234, 2, NULL, &err));
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_INVAL);
	sctpdk_stack_free(st);
	rt_pair_free(&t.link);
}

/* A packet handed off to an association that is deleted before its owner
 * drains it is dropped as stale, not delivered. */
static void
test_stale_handoff_dropped(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "as", NULL) == 0);
	int err;
	struct sctpdk_stack *st = sctpdk_stack_create(&t.cfg_b, &err);
	CU_ASSERT_FATAL(st != NULL);
	struct sctpdk_rt_assoc *a = sctpdk_rt_assoc_add(&st->eps[0], 1, 77, 1, NULL, &err);
	CU_ASSERT_FATAL(a != NULL);
	struct rte_mbuf *m = echo_packet(st->pool, 1, RT_PORT_B, 77, 1, "x", 1);
	CU_ASSERT_FATAL(m != NULL);
	CU_ASSERT_EQUAL(rte_ring_enqueue(a->ring, m), 0);
	__atomic_store_n(&a->live, 0, __ATOMIC_RELEASE);
	struct sctpdk_addr s = RT_ADDR_A, d = RT_ADDR_B;
	CU_ASSERT_EQUAL(rte_ring_dequeue(a->ring, (void **)&m), 0);
	sctpdk_rt_deliver(&st->lc[1], a, m, &s, &d, 0);
	CU_ASSERT_EQUAL(st->lc[1].stats.drop[SCTPDK_RT_DROP_STALE_ASSOC], 1);
	__atomic_store_n(&a->live, 1, __ATOMIC_RELEASE);
	sctpdk_stack_free(st);
	rt_pair_free(&t.link);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sctpdk_test_mbuf_pool()), 0);
}

/* Snapshots deferred to the owner's next flush (sctpdk_rt_snapshot_later):
 * other readers see the old one until then, an association is listed
 * once, and one deleted (its slot reused) before the flush is left as
 * its new owner set it. */
static void
test_snapshot_deferred(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "ad", NULL) == 0);
	t.cfg_b.max_assocs = 2; /* a deleted slot is the only one to take */
	int err;
	struct sctpdk_stack *st = sctpdk_stack_create(&t.cfg_b, &err);
	CU_ASSERT_FATAL(st != NULL);
	struct sctpdk_rt_ep *ep = &st->eps[0];
	struct sctpdk_rt_lcore *lc = &st->lc[0];
	struct sctpdk_rt_assoc *a = sctpdk_rt_assoc_add(ep, 7, 0xabc00007u, 0, NULL, &err);
	struct sctpdk_rt_assoc *b = sctpdk_rt_assoc_add(ep, 8, 0xabc00008u, 0, NULL, &err);
	CU_ASSERT_FATAL(a != NULL && b != NULL);
	struct sctpdk_rt_assoc_info info;

	a->rx_packets = 5;
	sctpdk_rt_snapshot_later(lc, a);
	sctpdk_rt_snapshot_later(lc, a);
	CU_ASSERT_EQUAL(lc->n_dirty, 1);
	/* not the owner lcore: the old snapshot */
	CU_ASSERT_EQUAL(sctpdk_stack_assoc_info(st, a->slot + 1, &info), 0);
	CU_ASSERT_EQUAL(info.rx_packets, 0);
	sctpdk_rt_snapshot_flush(lc);
	CU_ASSERT_EQUAL(lc->n_dirty, 0);
	CU_ASSERT_EQUAL(sctpdk_stack_assoc_info(st, a->slot + 1, &info), 0);
	CU_ASSERT_EQUAL(info.rx_packets, 5);

	/* deleted while listed, the slot taken again: the new one's snapshot
	 * stays as its registration made it */
	uint32_t slot = b->slot;
	b->rx_packets = 9;
	sctpdk_rt_snapshot_later(lc, b);
	sctpdk_rt_assoc_del(b);
	struct sctpdk_rt_assoc *c = sctpdk_rt_assoc_add(ep, 9, 0xabc00009u, 0, NULL, &err);
	CU_ASSERT_FATAL(c != NULL);
	CU_ASSERT_EQUAL(c->slot, slot);
	c->rx_packets = 3;
	sctpdk_rt_snapshot_flush(lc);
	CU_ASSERT_EQUAL(sctpdk_stack_assoc_info(st, c->slot + 1, &info), 0);
	CU_ASSERT_EQUAL(info.id, 9);
	CU_ASSERT_EQUAL(info.rx_packets, 0);
	/* listed again after reuse: refreshed */
	sctpdk_rt_snapshot_later(lc, c);
	sctpdk_rt_snapshot_flush(lc);
	CU_ASSERT_EQUAL(sctpdk_stack_assoc_info(st, c->slot + 1, &info), 0);
	CU_ASSERT_EQUAL(info.rx_packets, 3);

	/* a full list: at once */
	lc->n_dirty = RT_DIRTY_MAX;
	a->rx_packets = 6;
	sctpdk_rt_snapshot_later(lc, a);
	CU_ASSERT_EQUAL(sctpdk_stack_assoc_info(st, a->slot + 1, &info), 0);
	CU_ASSERT_EQUAL(info.rx_packets, 6);
	lc->n_dirty = 0;
	sctpdk_stack_free(st);
	rt_pair_free(&t.link);
}

SCTPDK_TEST_SUITE(runtime_assoc, rt_fixture_eal, NULL, SCTPDK_TEST(test_register_lookup_delete),
		  SCTPDK_TEST(test_stale_handoff_dropped), SCTPDK_TEST(test_snapshot_deferred))
