/* SPDX-License-Identifier: BSD-3-Clause */
/* Event queue: order, growth, limit with release of dropped mbufs. */
#include <string.h>

#include <rte_mbuf.h>

#include "lone.h"
#include "sctp_int.h"
#include "sctpdk_test.h"

static void
test_order_and_growth(void)
{
	struct lone l;
	lone_init(&l, 0, 0);
	for (uint32_t i = 0; i < 1000; i++) {
		struct sctpdk_sctp_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = SCTPDK_EV_ADAPTATION;
		ev.assoc_id = i + 1;
		ev.u.adaptation.bits = i;
		ev_push(l.n.ep, &ev);
	}
	struct sctpdk_sctp_event out[300];
	uint32_t seen = 0;
	unsigned k;
	while ((k = sctpdk_sctp_event_poll(l.n.ep, out, 300)) > 0)
		for (unsigned i = 0; i < k; i++, seen++)
			CU_ASSERT_EQUAL(out[i].u.adaptation.bits, seen);
	CU_ASSERT_EQUAL(seen, 1000);
	CU_ASSERT_EQUAL(sctpdk_sctp_event_poll(l.n.ep, out, 1), 0);
	lone_free(&l);
}

static void
test_limit_releases_mbufs(void)
{
	struct lone l;
	lone_init(&l, 0, 0);
	l.n.ep->evq.limit = 2;
	unsigned before = rte_mempool_in_use_count(sc_pool());
	for (int i = 0; i < 5; i++) {
		struct sctpdk_sctp_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = SCTPDK_EV_DATA;
		ev.u.data.msg = rte_pktmbuf_alloc(sc_pool());
		ev_push(l.n.ep, &ev);
	}
	struct sctpdk_sctp_stats st;
	sctpdk_sctp_stats_get(l.n.ep, &st);
	CU_ASSERT_EQUAL(st.events_dropped, 3);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sc_pool()), before + 2);
	/* Deleting the endpoint releases what is still queued. */
	lone_free(&l);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sc_pool()), before);
}

SCTPDK_TEST_SUITE(sctp_event, sc_suite_init, NULL, SCTPDK_TEST(test_order_and_growth),
		  SCTPDK_TEST(test_limit_releases_mbufs))
