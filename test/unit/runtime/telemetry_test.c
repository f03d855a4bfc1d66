/* SPDX-License-Identifier: BSD-3-Clause */
/* Telemetry: the registered commands return the stack's counters. */
#include <string.h>
#include <unistd.h>

#include <rte_telemetry.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"
#include "rt_telemetry.h"

static uint64_t
kv_get(const struct sctpdk_rt_kv *kv, unsigned n, const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (strcmp(kv[i].name, name) == 0)
			return kv[i].value;
	return UINT64_MAX;
}

static void
test_stats_and_assocs(void)
{
	struct rt_two t;
	CU_ASSERT_FATAL(rt_two_setup(&t, "tm", NULL) == 0);
	CU_ASSERT_FATAL(rt_two_start(&t) == 0);
	struct echo_state *ea = echo_state_of(t.a, 0);
	for (uint32_t i = 0; i < 20; i++)
		CU_ASSERT(rt_send(t.a, 2 + i % 2, i, 50) == 0);
	CU_ASSERT_EQUAL(rt_wait_u64(&ea->ep_rx, 20, 3000), 20);

	struct sctpdk_rt_kv kv[256];
	unsigned n = sctpdk_rt_stats_kv(t.b, kv, 256);
	CU_ASSERT_FATAL(n > 0 && n <= 256);
	struct sctpdk_stack_stats s;
	sctpdk_stack_stats_get(t.b, &s);
	CU_ASSERT_EQUAL(kv_get(kv, n, "rx_sctp"), 20);
	CU_ASSERT_EQUAL(kv_get(kv, n, "tx_sctp"), 20);
	CU_ASSERT_EQUAL(kv_get(kv, n, "rx_chunk_data"), 20);
	CU_ASSERT_EQUAL(kv_get(kv, n, "cksum_sw_ok"), 20);
	CU_ASSERT_EQUAL(kv_get(kv, n, "cksum_offload_ok"), 0);
	CU_ASSERT_EQUAL(kv_get(kv, n, "drop_bad_cksum"), 0);
	CU_ASSERT_EQUAL(kv_get(kv, n, "assocs"), 2);
	CU_ASSERT_EQUAL(kv_get(kv, n, "net_tx_garp"), 1); /* announced at start */
	CU_ASSERT_EQUAL(kv_get(kv, n, "rx_frames"), s.rx_frames);
	CU_ASSERT_EQUAL(kv_get(kv, n, "demux_handoff"), s.demux_handoff);
	CU_ASSERT(s.demux_handoff > 0);
	/* B's port through drivers/port: one RX queue (net_ring) for its two
	 * lcores, a TX queue each, the software checksum path, and the port's
	 * counters agree with the stack's */
	CU_ASSERT_EQUAL(kv_get(kv, n, "port0_rx_queues"), 1);
	CU_ASSERT_EQUAL(kv_get(kv, n, "port0_tx_queues"), 2);
	CU_ASSERT_EQUAL(kv_get(kv, n, "port0_tx_cksum_nic"), 0);
	CU_ASSERT_EQUAL(kv_get(kv, n, "port0_rx_cksum_nic"), 0);
	CU_ASSERT_EQUAL(kv_get(kv, n, "port0_rx_cksum_sw"), s.cksum_sw_ok);
	CU_ASSERT_EQUAL(kv_get(kv, n, "port0_tx_cksum_sw"), s.cksum_sw_tx);
	CU_ASSERT_EQUAL(kv_get(kv, n, "port0_rx_cksum_sw"), 20);
	CU_ASSERT_EQUAL(kv_get(kv, n, "port0_tx_cksum_offload"), 0);
	CU_ASSERT_EQUAL(kv_get(kv, n, "port1_rx_queues"), UINT64_MAX); /* one port */

	uint32_t ids[4];
	CU_ASSERT_EQUAL_FATAL(sctpdk_stack_assoc_ids(t.b, ids, 4), 2);
	struct sctpdk_rt_assoc_info info;
	CU_ASSERT_FATAL(sctpdk_stack_assoc_info(t.b, ids[0], &info) == 0);
	struct sctpdk_rt_kv akv[32];
	unsigned an = sctpdk_rt_assoc_kv(&info, akv, 32);
	CU_ASSERT_EQUAL(kv_get(akv, an, "rt_id"), ids[0]);
	CU_ASSERT_EQUAL(kv_get(akv, an, "rx_packets"), 9);
	CU_ASSERT_EQUAL(kv_get(akv, an, "rwnd"), 9); /* the double's stand-in */
	CU_ASSERT(kv_get(akv, an, "cwnd") != UINT64_MAX);
	CU_ASSERT(kv_get(akv, an, "rto_us") != UINT64_MAX);
	CU_ASSERT(kv_get(akv, an, "srtt_us") != UINT64_MAX);
	CU_ASSERT(kv_get(akv, an, "retransmissions") != UINT64_MAX);

	/* the callbacks as rte_telemetry calls them */
	struct rte_tel_data *d = rte_tel_data_alloc();
	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT_EQUAL(sctpdk_rt_tel_stats("/sctpdk/stats", "tm_B", d), 0);
	rte_tel_data_free(d);
	d = rte_tel_data_alloc();
	CU_ASSERT_EQUAL(sctpdk_rt_tel_stats("/sctpdk/stats", "nosuch", d), -1);
	rte_tel_data_free(d);
	d = rte_tel_data_alloc();
	CU_ASSERT_EQUAL(sctpdk_rt_tel_assocs("/sctpdk/assocs", "tm_B", d), 0);
	rte_tel_data_free(d);
	char p[32];
	snprintf(p, sizeof(p), "%u,tm_B", ids[1]);
	d = rte_tel_data_alloc();
	CU_ASSERT_EQUAL(sctpdk_rt_tel_assoc("/sctpdk/assoc", p, d), 0);
	rte_tel_data_free(d);
	d = rte_tel_data_alloc();
	CU_ASSERT_EQUAL(sctpdk_rt_tel_assoc("/sctpdk/assoc", "99999,tm_B", d), -1);
	rte_tel_data_free(d);
	d = rte_tel_data_alloc();
	CU_ASSERT_EQUAL(sctpdk_rt_tel_assoc("/sctpdk/assoc", "x1", d), -1);
	rte_tel_data_free(d);
	d = rte_tel_data_alloc();
	CU_ASSERT_EQUAL(sctpdk_rt_tel_stacks("/sctpdk/stacks", NULL, d), 0);
	rte_tel_data_free(d);
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_telemetry, rt_fixture_eal, NULL, SCTPDK_TEST(test_stats_and_assocs))
