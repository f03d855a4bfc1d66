/* SPDX-License-Identifier: BSD-3-Clause */
/* The runtime's use of lib/net: neighbour resolution shared by lcores,
 * static neighbours, lib/net counters. */
#include <string.h>
#include <unistd.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_net.h>

#include "sctpdk_test.h"

#include <rte_cycles.h>

#include "netif.h"
#include "rt_fixture.h"
#include "rt_priv.h"

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

/* A gateway route from the config: A reaches 203.0.113.5 (an extra
 * address of B, no connected route for it on A) through B's link
 * address; without the route the same sends are dropped as no_route. */
static void
test_gateway_route(void)
{
	for (int with_route = 0; with_route < 2; with_route++) {
		struct rt_two t;
		CU_ASSERT_FATAL(rt_two_setup(&t, with_route ? "gw1" : "gw0", NULL) == 0);
		struct sctpdk_addr far = sctpdk_addr_v4(203, 0, 113, 5);
		t.ecfg_a.peer = far;
		t.cfg_b.ports[0].addrs[1] = far;
		t.cfg_b.ports[0].prefix_len[1] = 32;
		t.cfg_b.ports[0].n_addrs = 2;
		if (with_route) {
			struct sctpdk_rt_route *r = &t.cfg_a.ports[0].routes[0];
			CU_ASSERT_EQUAL(sctpdk_net_route_parse("203.0.113.0/24 via 198.18.0.2",
							       &r->prefix, &r->prefix_len,
							       &r->gateway),
					0);
			t.cfg_a.ports[0].n_routes = 1;
		}
		CU_ASSERT_FATAL(rt_two_start(&t) == 0);
		struct echo_state *ea = echo_state_of(t.a, 0);
		for (uint32_t i = 0; i < 10; i++)
			CU_ASSERT(rt_send(t.a, 2, i, 20) == 0);
		struct sctpdk_stack_stats sa, sb;
		if (with_route) {
			CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[2], 10, 3000), 10);
		} else {
			uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * 3;
			do {
				sctpdk_stack_stats_get(t.a, &sa);
				usleep(1000);
			} while (sa.drop[SCTPDK_RT_DROP_NO_ROUTE] < 10 && rte_get_timer_cycles() < end);
		}
		sctpdk_stack_stats_get(t.a, &sa);
		sctpdk_stack_stats_get(t.b, &sb);
		CU_ASSERT_EQUAL(sa.drop[SCTPDK_RT_DROP_NO_ROUTE], with_route ? 0u : 10u);
		CU_ASSERT_EQUAL(sb.rx_sctp, with_route ? 10u : 0u);
		/* the lookup on each of B's... and A's lcore instance */
		struct sctpdk_net_route_result rr;
		CU_ASSERT_EQUAL(sctpdk_net_route_lookup(t.a->lc[0].net, &far, &rr),
				with_route ? 0 : SCTPDK_ERR_NOTFOUND);
		if (with_route) {
			struct sctpdk_addr gw = RT_ADDR_B;
			CU_ASSERT(sctpdk_addr_eq(&rr.next_hop, &gw));
			CU_ASSERT_EQUAL(rr.prefix_len, 24);
		}
		rt_two_free(&t);
	}
}

SCTPDK_TEST_SUITE(runtime_netif, rt_fixture_eal, NULL,
		  SCTPDK_TEST(test_arp_resolution_across_lcores),
		  SCTPDK_TEST(test_static_neighbours), SCTPDK_TEST(test_gateway_route))
