/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Close against slot reuse over running stacks (doc/facade.md, "Socket
 * slots"); test/unit/facade/close_race_test.c is the same over the
 * loopback double, with a hook that widens the window.
 *
 * Stack A (lcore 1) holds the clients, stack B (lcores 2 and 3) a
 * TCP-style listener on run-time port 7300 and a UDP-style one on 7301.
 * For a bounded time: 2 threads socket / connect / send / close (TCP-style,
 * ephemeral ports, so run-time endpoints come and go on A), 1 thread
 * accepts and closes, 1 thread socket / sendto / close (UDP-style implicit
 * setup), 1 thread socket / close without connecting, 1 receiver draining
 * the UDP-style listener. Then: every close returned 0, every socket slot
 * is free, both stacks end with no association, and both mbuf pools are
 * whole after the stop.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_socket.h>

#include "../facade/close_race_workers.h"
#include "../facade/sockutil.h"
#include "facade_int.h"
#include "rt_fixture.h"
#include "sctpdk_test.h"

#define TCP_PORT 7300
#define UDP_PORT 7301

#ifdef __SANITIZE_ADDRESS__
#define RUN_MS 700
#else
#define RUN_MS 1500
#endif

static void
test_close_vs_slot_reuse(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(rt_two_setup(&t, "fcr", NULL), 0);
	t.cfg_a.engine = NULL; /* the protocol core */
	t.cfg_b.engine = NULL;
	CU_ASSERT_EQUAL_FATAL(rt_two_start(&t), 0);
	struct cr_race *r = calloc(1, sizeof(*r));
	CU_ASSERT_FATAL(r != NULL);
	r->tcp_addr = fc_sin("198.18.0.2", TCP_PORT);
	r->udp_addr = fc_sin("198.18.0.2", UDP_PORT);
	r->poll_us = 100;
	r->fail_backoff_us = 1000;

	cr_listen(r);
	void *(*const fn[])(void *) = {cr_acceptor,  cr_udp_receiver, cr_connector,
				       cr_connector, cr_udp_sender,   cr_churner};
	cr_run(r, fn, sizeof(fn) / sizeof(fn[0]), RUN_MS);

	/* graceful shutdowns finish on the lcores; the lcores let go of the
	 * last sockets */
	struct sctpdk_facade *f = __atomic_load_n(&sctpdk_facade_active_, __ATOMIC_ACQUIRE);
	CU_ASSERT_FATAL(f != NULL);
	struct sctpdk_facade_stats st;
	struct sctpdk_stack_stats sa, sb;
	for (int i = 0; i < 500; i++) {
		sctpdk_facade_stats_get(f, &st);
		sctpdk_stack_stats_get(t.a, &sa);
		sctpdk_stack_stats_get(t.b, &sb);
		if (st.sockets == 0 && sa.assocs == 0 && sb.assocs == 0)
			break;
		cr_sleep_us(10000);
	}
	printf("\n    close race (stacks): %lu cycles, %lu connected, %lu refused, %lu closes, "
	       "%lu close / %lu other failures (first errno %d), %" PRIu64 " stale notify "
	       "entries, %" PRIu64 " slots in use, %u + %u associations left\n",
	       r->cycles, r->connects, r->refused, r->closes, r->close_failed, r->other_failed,
	       r->first_errno, st.notify_stale, st.sockets, sa.assocs, sb.assocs);
	CU_ASSERT_EQUAL(r->close_failed, 0);
	CU_ASSERT_EQUAL(r->other_failed, 0);
	CU_ASSERT(r->connects >= 10);
	CU_ASSERT_EQUAL(st.sockets, 0);
	CU_ASSERT_EQUAL(sa.assocs, 0);
	CU_ASSERT_EQUAL(sb.assocs, 0);

	sctpdk_stack_stop(t.a);
	sctpdk_stack_stop(t.b);
	void *fr;
	while (rte_ring_dequeue(t.link.ab, &fr) == 0 || rte_ring_dequeue(t.link.ba, &fr) == 0)
		rte_pktmbuf_free(fr);
	struct rte_mempool *pa = sctpdk_stack_pool(t.a), *pb = sctpdk_stack_pool(t.b);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(pa), pa->size);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(pb), pb->size);
	free(r);
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_facade_close_race, rt_fixture_eal, NULL,
		  SCTPDK_TEST(test_close_vs_slot_reuse))
