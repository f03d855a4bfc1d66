/* SPDX-License-Identifier: BSD-3-Clause */
/* Stack lifecycle: create/start/stop/free give everything back. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_error.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"

/* Both stacks on one pool the test owns: after traffic, stop and free,
 * every mbuf is back and the stacks' DPDK objects are gone. */
static void
test_stop_frees_everything(void)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create("rt_stack_pool", 4095, 0, 0,
							 RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	CU_ASSERT_FATAL(mp != NULL);
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "sf", mp) == 0);
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	CU_ASSERT_PTR_EQUAL(sctpdk_stack_lookup("sf_B"), t.b);
	struct echo_state *ea = echo_state_of(t.a, 0);
	for (uint32_t i = 0; i < 300; i++)
		while (rt_send(t.a, 1 + i % 6, i, 200) != 0)
			usleep(100);
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->ep_rx, 300, 5000), 300);
	/* and some left in flight when we stop */
	for (uint32_t i = 0; i < 50; i++)
		rt_send(t.a, 7, i, 200);
	CU_ASSERT(rte_mempool_in_use_count(mp) > 0 || ea->ep_rx >= 300);

	/* stop, start again, traffic still flows */
	sctpdk_stack_stop(t.b);
	CU_ASSERT_EQUAL(sctpdk_stack_start(t.b), 0);
	CU_ASSERT_EQUAL(sctpdk_stack_start(t.b), SCTPDK_ERR_STATE);
	uint64_t before = __atomic_load_n(&ea->by_tag[8], __ATOMIC_ACQUIRE);
	CU_ASSERT(rt_send(t.a, 8, 0, 10) == 0);
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[8], before + 1, 3000), before + 1);

	rt_two_free(&t);
	CU_ASSERT_PTR_NULL(sctpdk_stack_lookup("sf_B"));
	CU_ASSERT_PTR_NULL(sctpdk_stack_lookup("sf_A"));
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 0);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), 4095);
	rte_mempool_free(mp);

	/* the same stack names can be used again: nothing was left
	 * registered (new link: ring ports keep their names) */
	CU_ASSERT_FATAL(rt_two_setup(&t, "sg", NULL) == 0);
	snprintf(t.cfg_a.name, sizeof(t.cfg_a.name), "sf_A");
	snprintf(t.cfg_b.name, sizeof(t.cfg_b.name), "sf_B");
	CU_ASSERT_EQUAL(rt_two_start(&t), 0);
	rt_two_free(&t);
}

static void
test_two_stacks_same_name_refused(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "sn", NULL) == 0);
	int err = 0;
	t.a = sctpdk_stack_create(&t.cfg_a, &err);
	CU_ASSERT_FATAL(t.a != NULL);
	struct sctpdk_stack *dup = sctpdk_stack_create(&t.cfg_a, &err);
	CU_ASSERT_PTR_NULL(dup);
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_EXISTS);
	/* a port with fewer TX queues than lcores is refused */
	struct rt_pair p;
	CU_ASSERT_FATAL(rt_pair_create(&p, "sq", 1, 1) == 0);
	t.cfg_b.ports[0].port_id = (uint16_t)p.port_b;
	t.b = sctpdk_stack_create(&t.cfg_b, &err);
	CU_ASSERT_PTR_NULL(t.b);
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_UNSUPP);
	rt_pair_free(&p);
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_stack, rt_fixture_eal, NULL, SCTPDK_TEST(test_stop_frees_everything),
		  SCTPDK_TEST(test_two_stacks_same_name_refused))
