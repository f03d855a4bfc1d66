/* SPDX-License-Identifier: BSD-3-Clause */
/* The runtime's use of lib/net: neighbour resolution shared by lcores,
 * static neighbours, lib/net counters. */
#include <string.h>
#include <unistd.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_net.h>

#include "sctpdk_test.h"

#include "netif.h"
#include "rt_fixture.h"

/* Without static neighbours: A resolves B with ARP; on B, tag 3's owner
 * (lcore index 1, which polls no RX queue) learns A from what the RX lcore
 * saw, passed along its neighbour ring. Packets sent one at a time, since
 * lib/net holds only a few per unresolved neighbour. */
static void
test_arp_resolution_across_lcores(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "la", NULL) == 0);
	t.static_neigh = 0;
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct echo_state *ea = echo_state_of(t.a, 0);
	for (uint32_t i = 0; i < 4; i++) {
		CU_ASSERT(rt_send(t.a, 3, i, 20) == 0);
		CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[3], i + 1, 3000), i + 1);
	}
	struct sctpdk_stack_stats sa, sb;
	sctpdk_stack_stats_get(t.a, &sa);
	sctpdk_stack_stats_get(t.b, &sb);
	CU_ASSERT(sa.rx_consumed >= 1); /* B's ARP reply */
	CU_ASSERT(sb.rx_consumed >= 1); /* A's ARP request */
	CU_ASSERT_EQUAL(sb.demux_handoff, 3);
	CU_ASSERT_EQUAL(sa.drop[SCTPDK_RT_DROP_L3], 0);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_L3], 0);
	rt_two_free(&t);
}

/* Static neighbours need no ARP at all; bad arguments are refused. */
static void
test_static_neighbours(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "ls", NULL) == 0);
	CU_ASSERT_FATAL(rt_two_start(&t) == 0); /* static_neigh = 1 */
	struct echo_state *ea = echo_state_of(t.a, 0);
	for (uint32_t i = 0; i < 20; i++)
		CU_ASSERT(rt_send(t.a, 2, i, 20) == 0);
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[2], 20, 3000), 20);
	struct sctpdk_net_stats ns;
	sctpdk_rt_netif_stats(t.a, &ns);
	CU_ASSERT_EQUAL(ns.tx_arp_request, 0);
	CU_ASSERT_EQUAL(ns.pending_queued, 0);
	CU_ASSERT_EQUAL(ns.tx_garp, 1);
	uint8_t mac[6] = {2, 0, 0, 0, 0, 1};
	struct sctpdk_addr ip = RT_ADDR_B;
	CU_ASSERT_EQUAL(sctpdk_stack_neigh_add(t.a, 1, &ip, mac), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_stack_neigh_add(t.a, 0, NULL, mac), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_stack_port_mac(t.a, 1, mac), SCTPDK_ERR_INVAL);
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_netif, rt_fixture_eal, NULL,
		  SCTPDK_TEST(test_arp_resolution_across_lcores),
		  SCTPDK_TEST(test_static_neighbours))
