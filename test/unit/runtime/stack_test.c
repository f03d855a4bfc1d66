/* SPDX-License-Identifier: BSD-3-Clause */
/* Stack lifecycle: create/start/stop/free give everything back. */
#include <stdio.h>
#include <stdlib.h>
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
	rt_two_free(&t);
}

/* The application entry point: EAL arguments (EAL is already up here, so
 * they are ignored) and an INI file naming ports by device name. */
static void
test_start_from_ini(void)
{
	struct rt_pair p;
	CU_ASSERT_FATAL(rt_pair_create(&p, "ini", 1, 1) == 0);
	char path[] = "/tmp/sctpdk-rt-ini-XXXXXX";
	int fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("[stack]\nname = ini_stack\nlcores = 3\nidle_sleep_us = 50\nmbufs = 1023\n"
	      "[port.0]\ndev = net_ring_net_ring_inia\naddrs = 198.18.1.1/24\n"
	      "[endpoint.0]\nport = 7000\nlisten = 1\n",
	      f);
	fclose(f);
	char *argv[] = {(char *)"app", NULL};
	int err = -1;
	struct sctpdk_stack *st = sctpdk_start(1, argv, path, &err);
	CU_ASSERT_EQUAL(err, 0);
	CU_ASSERT_FATAL(st != NULL);
	CU_ASSERT_PTR_EQUAL(sctpdk_stack_lookup("ini_stack"), st);
	CU_ASSERT_EQUAL(sctpdk_stack_lcore(st, 0), 3);
	CU_ASSERT_EQUAL(sctpdk_stack_lcore(st, 1), -1);
	/* running: its lcore announces itself (one gratuitous ARP on the wire) */
	struct sctpdk_stack_stats s;
	for (int i = 0; i < 100; i++) {
		sctpdk_stack_stats_get(st, &s);
		if (s.tx_frames >= 1)
			break;
		usleep(2000);
	}
	CU_ASSERT_EQUAL(s.tx_frames, 1);
	sctpdk_stop(st);
	CU_ASSERT_PTR_NULL(sctpdk_stack_lookup("ini_stack"));
	/* a file that does not load */
	CU_ASSERT_PTR_NULL(sctpdk_start(1, argv, "/nonexistent.ini", &err));
	CU_ASSERT_EQUAL(err, SCTPDK_ERR_NOTFOUND);
	remove(path);
	rt_pair_free(&p);
}

SCTPDK_TEST_SUITE(runtime_stack, rt_fixture_eal, NULL, SCTPDK_TEST(test_stop_frees_everything),
		  SCTPDK_TEST(test_two_stacks_same_name_refused), SCTPDK_TEST(test_start_from_ini))
