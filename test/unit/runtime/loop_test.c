/* SPDX-License-Identifier: BSD-3-Clause */
/* The poll loop with two stacks over a net_ring pair: exchange, vtag demux
 * inline and through the MPSC hand-off, timers on the owner lcore,
 * commands, garbage at the port. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "sctpdk_crc32c.h"
#include "sctpdk_test.h"

#include "rt_fixture.h"
#include "rt_net.h"

#define N 200

/* Tag 2 is owned by B's lcore index 0 (its only RX lcore: inline), tag 3 by
 * index 1 (every packet crosses through the association's ring). */
static void
test_exchange_and_demux(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "lx", NULL) == 0);
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct echo_state *ea = echo_state_of(t.a, 0), *eb = echo_state_of(t.b, 0);

	for (uint32_t i = 0; i < N; i++) {
		while (rt_send(t.a, 2, i, 64) != 0)
			usleep(100);
		while (rt_send(t.a, 3, i, 100) != 0)
			usleep(100);
	}
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[2], N, 5000), N);
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[3], N, 5000), N);
	CU_ASSERT_EQUAL(eb->registered, 2);
	/* the first packet of each tag registers it through the endpoint table */
	CU_ASSERT_EQUAL(eb->ep_rx, 2);
	CU_ASSERT_EQUAL(eb->assocs[2].rx, N - 1);
	CU_ASSERT_EQUAL(eb->assocs[3].rx, N - 1);
	CU_ASSERT_EQUAL(eb->assocs[2].wrong_lcore, 0);
	CU_ASSERT_EQUAL(eb->assocs[3].wrong_lcore, 0);

	struct sctpdk_stack_stats sa, sb;
	sctpdk_stack_stats_get(t.a, &sa);
	sctpdk_stack_stats_get(t.b, &sb);
	CU_ASSERT_EQUAL(sb.demux_endpoint, 2);
	CU_ASSERT_EQUAL(sb.demux_inline, N - 1);
	CU_ASSERT_EQUAL(sb.demux_handoff, N - 1);
	CU_ASSERT_EQUAL(sb.rx_sctp, 2 * N);
	CU_ASSERT_EQUAL(sb.cksum_sw_ok, 2 * N);
	CU_ASSERT_EQUAL(sb.tx_sctp, 2 * N);
	CU_ASSERT_EQUAL(sb.rx_chunks[0], 2 * N);
	CU_ASSERT_EQUAL(sa.tx_chunks[0], 2 * N);
	CU_ASSERT_EQUAL(sa.commands, 2 * N);
	CU_ASSERT_EQUAL(sa.rx_sctp, 2 * N);
	CU_ASSERT_EQUAL(sa.cksum_sw_tx, 2 * N);
	CU_ASSERT_EQUAL(sb.assocs, 2);
	/* nothing dropped past L2 (gratuitous ARPs of the peer are L2 drops) */
	for (unsigned r = SCTPDK_RT_DROP_L3; r < SCTPDK_RT_DROP_COUNT; r++) {
		CU_ASSERT_EQUAL(sa.drop[r], 0);
		CU_ASSERT_EQUAL(sb.drop[r], 0);
	}

	/* per-association view: owner lcore and hand-off counts */
	uint32_t ids[8];
	CU_ASSERT_EQUAL_FATAL(sctpdk_stack_assoc_ids(t.b, ids, 8), 2);
	for (unsigned i = 0; i < 2; i++) {
		struct sctpdk_rt_assoc_info info;
		CU_ASSERT_FATAL(sctpdk_stack_assoc_info(t.b, ids[i], &info) == 0);
		CU_ASSERT_EQUAL(info.rx_packets, N - 1);
		CU_ASSERT_STRING_EQUAL(info.state_name, "ECHOING");
		if (info.local_vtag == 2) {
			CU_ASSERT_EQUAL(info.owner_lcore, 2);
			CU_ASSERT_EQUAL(info.handoffs, 0);
		} else {
			CU_ASSERT_EQUAL(info.local_vtag, 3);
			CU_ASSERT_EQUAL(info.owner_lcore, 3);
			CU_ASSERT_EQUAL(info.handoffs, N - 1);
		}
	}
	rt_two_free(&t);
}

/* Each association arms a 20 ms timer on its owner's wheel when it sees
 * its first packet; it fires there, not early. */
static void
test_timers_fire_on_owner(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "lt", NULL) == 0);
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct echo_state *ea = echo_state_of(t.a, 0), *eb = echo_state_of(t.b, 0);
	for (uint32_t i = 0; i < 2; i++) {
		CU_ASSERT(rt_send(t.a, 4, i, 32) == 0);
		CU_ASSERT(rt_send(t.a, 5, i, 32) == 0);
	}
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[5], 2, 3000), 2);
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[4], 2, 3000), 2);
	struct sctpdk_stack_stats sb;
	uint64_t end = 0;
	for (int i = 0; i < 200; i++) {
		sctpdk_stack_stats_get(t.b, &sb);
		if (sb.timers_fired >= 2)
			break;
		usleep(5000);
		end++;
	}
	CU_ASSERT_EQUAL(sb.timers_fired, 2);
	for (unsigned tag = 4; tag <= 5; tag++) {
		struct echo_assoc *x = &eb->assocs[tag];
		CU_ASSERT_EQUAL(__atomic_load_n(&x->timer_fired_on, __ATOMIC_ACQUIRE),
				(int)(tag % 2));
		CU_ASSERT(x->timer_fired_us >= x->timer_armed_us + 20000);
		/* within a tick and a generous scheduling allowance */
		CU_ASSERT(x->timer_fired_us < x->timer_armed_us + 20000 + 500000);
	}
	rt_two_free(&t);
}

static struct rte_mbuf *
frame(struct rte_mempool *mp, const void *data, uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	void *p = rte_pktmbuf_append(m, len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memcpy(p, data, len);
	return m;
}

/* A valid frame from A to B with an SCTP DATA packet; tweak after. */
static uint8_t mac_b[6];

static struct rte_mbuf *
sctp_frame(struct rte_mempool *mp, uint16_t dport, uint32_t tag)
{
	struct rte_mbuf *m = echo_packet(mp, RT_PORT_A, dport, tag, 1, "abcd", 4);
	if (m == NULL)
		return NULL;
	sctpdk_sctp_cksum_set(m, 0);
	struct sctpdk_addr a = RT_ADDR_A, b = RT_ADDR_B;
	static const uint8_t mac[6] = {2, 0, 0, 0, 0, 1};
	if (sctpdk_rt_net_encap(m, &a, &b, mac, mac_b, 7) != 0) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	return m;
}

static void
test_garbage_counted(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "lg", NULL) == 0);
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	CU_ASSERT_FATAL(sctpdk_stack_port_mac(t.b, 0, mac_b) == 0);
	uint64_t seed = 0x5eed;
	uint8_t buf[256];
	unsigned n_rand = 0;
	struct rte_mbuf *m;

	/* random frames (ethertype forced away from IPv4/VLAN: l2 drops) */
	for (int i = 0; i < 100; i++) {
		uint16_t len = (uint16_t)(1 + sctpdk_test_rand(&seed) % sizeof(buf));
		for (unsigned k = 0; k < len; k++)
			buf[k] = (uint8_t)sctpdk_test_rand(&seed);
		if (len >= 14) {
			buf[12] = 0x88;
			buf[13] = 0xb5;
		}
		m = frame(mp, buf, len);
		CU_ASSERT_FATAL(m != NULL);
		while (rte_ring_enqueue(t.link.ab, m) != 0)
			usleep(100);
		n_rand++;
	}
	/* truncated IPv4 header */
	m = sctp_frame(mp, RT_PORT_B, 9);
	CU_ASSERT_FATAL(m != NULL);
	rte_pktmbuf_trim(m, (uint16_t)(rte_pktmbuf_pkt_len(m) - 30));
	CU_ASSERT(rte_ring_enqueue(t.link.ab, m) == 0);
	/* IP total length says 30: SCTP header truncated (checksum fixed) */
	m = sctp_frame(mp, RT_PORT_B, 9);
	struct rte_ipv4_hdr *ih = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, 14);
	ih->total_length = rte_cpu_to_be_16(30);
	ih->hdr_checksum = 0;
	ih->hdr_checksum = rte_ipv4_cksum(ih);
	CU_ASSERT(rte_ring_enqueue(t.link.ab, m) == 0);
	/* bad CRC32c */
	m = sctp_frame(mp, RT_PORT_B, 9);
	*rte_pktmbuf_mtod_offset(m, uint8_t *, 14 + 20 + 8) ^= 0x40;
	CU_ASSERT(rte_ring_enqueue(t.link.ab, m) == 0);
	/* UDP instead of SCTP */
	m = sctp_frame(mp, RT_PORT_B, 9);
	ih = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, 14);
	ih->next_proto_id = 17;
	ih->hdr_checksum = 0;
	ih->hdr_checksum = rte_ipv4_cksum(ih);
	CU_ASSERT(rte_ring_enqueue(t.link.ab, m) == 0);
	/* nobody on that port */
	m = sctp_frame(mp, 7777, 9);
	CU_ASSERT(rte_ring_enqueue(t.link.ab, m) == 0);
	/* and a good one last: when it is echoed, all before were handled */
	m = sctp_frame(mp, RT_PORT_B, 1);
	CU_ASSERT(rte_ring_enqueue(t.link.ab, m) == 0);

	struct echo_state *ea = echo_state_of(t.a, 0);
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[1], 1, 3000), 1);
	struct sctpdk_stack_stats sb;
	sctpdk_stack_stats_get(t.b, &sb);
	/* plus the peer's ARP frames */
	CU_ASSERT(sb.rx_frames >= n_rand + 6);
	CU_ASSERT(sb.drop[SCTPDK_RT_DROP_L2] >= n_rand);
	CU_ASSERT(sb.drop[SCTPDK_RT_DROP_L2] <= n_rand + 2);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_L3], 1);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_SCTP_HDR], 1);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_BAD_CKSUM], 1);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_NOT_SCTP], 1);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_RT_DROP_NO_ENDPOINT], 1);
	CU_ASSERT_EQUAL(sb.rx_sctp, 2); /* the good one and the one for no endpoint */
	rt_two_free(&t);
	/* everything taken from the test pool came back */
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 0);
}

/* Idle sleeps in a row double up to idle_sleep_max_us: an idle lcore
 * (A's: no timers, no traffic) sleeps at most elapsed / max + log2(max /
 * sleep) + 1 times (each sleep lasts at least what it asked for); without
 * the doubling it would be elapsed / 20 us. */
static void
test_idle_sleep_doubles(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "li", NULL) == 0);
	t.cfg_a.idle_spins = 1;
	t.cfg_a.idle_sleep_us = 20;
	t.cfg_a.idle_sleep_max_us = 4000;
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	usleep(20000); /* start-up work done, the doubling under way */
	struct sctpdk_stack_stats s0, s1;
	sctpdk_stack_stats_get(t.a, &s0);
	uint64_t t0 = rte_get_timer_cycles();
	usleep(200000);
	sctpdk_stack_stats_get(t.a, &s1);
	uint64_t us = (rte_get_timer_cycles() - t0) * 1000000 / rte_get_timer_hz();
	uint64_t sleeps = s1.idle_sleeps - s0.idle_sleeps;
	printf("\n    idle: %lu sleeps in %lu us\n", (unsigned long)sleeps, (unsigned long)us);
	CU_ASSERT(sleeps >= 1);
	CU_ASSERT(sleeps <= us / 4000 + 8 + 2);
	/* work still flows after a long idle stretch */
	struct echo_state *ea = echo_state_of(t.a, 0);
	CU_ASSERT_FATAL(rt_send(t.a, 2, 0, 64) == 0);
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->by_tag[2], 1, 5000), 1);
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_loop, rt_fixture_eal, NULL, SCTPDK_TEST(test_exchange_and_demux),
		  SCTPDK_TEST(test_timers_fire_on_owner), SCTPDK_TEST(test_garbage_counted),
		  SCTPDK_TEST(test_idle_sleep_doubles))
