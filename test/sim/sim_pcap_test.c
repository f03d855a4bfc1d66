/* SPDX-License-Identifier: BSD-3-Clause */
/* pcap capture of a simulated run, read back and checked field by field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_mbuf.h>

#include "sctpdk_sim.h"
#include "sctpdk_test.h"
#include "sim_test_nodes.h"

static uint32_t
rd32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v; /* pcap headers are in the writer's byte order */
}

static void
test_pcap_roundtrip(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	char path[] = "/tmp/sctpdk-sim-XXXXXX";
	int fd = mkstemp(path);
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	close(fd);

	struct sctpdk_sim *sim = sctpdk_sim_new(301, mp);
	struct sctpdk_addr a4 = sctpdk_addr_v4(10, 0, 0, 1), z4 = sctpdk_addr_v4(10, 0, 0, 2);
	struct sctpdk_addr a6 = {.family = SCTPDK_AF_INET6}, z6 = a6;
	a6.u.v6[0] = z6.u.v6[0] = 0xfd;
	a6.u.v6[15] = 1;
	z6.u.v6[15] = 2;
	struct sctpdk_addr as[2] = {a4, a6}, zs[2] = {z4, z6};
	struct tn_sink sa = {0}, sz = {0};
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sa, as, 2);
	sctpdk_sim_node_add(sim, &tn_sink_ops, &sz, zs, 2);
	struct sctpdk_sim_link_cfg slow = {.delay_us = 1500000};
	sctpdk_sim_link_add(sim, &a4, &z4, &slow, NULL);
	sctpdk_sim_link_add(sim, &a6, &z6, NULL, NULL);
	CU_ASSERT_EQUAL(sctpdk_sim_pcap_open(sim, "/nonexistent-dir/x.pcap", 1), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL_FATAL(sctpdk_sim_pcap_open(sim, path,
						   SCTPDK_SIM_EV_MASK(SCTPDK_SIM_EV_SENT) |
						       SCTPDK_SIM_EV_MASK(SCTPDK_SIM_EV_DELIVERED)),
			      0);
	const uint8_t init = 1;
	sctpdk_sim_send(sim, tn_pkt(mp, 0x11223344, &init, 1, 16), &a4, &z4);
	sctpdk_sim_send(sim, tn_pkt(mp, 0x55667788, &init, 1, 4), &z6, &a6);
	sctpdk_sim_run_until(sim, 2000000);
	CU_ASSERT_EQUAL(sctpdk_sim_pcap_close(sim), 0);
	sctpdk_sim_del(sim);

	FILE *f = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	uint8_t buf[4096];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	unlink(path);
	/* global header + 2 x (v4: 16+20+32) + 2 x (v6: 16+40+20) */
	CU_ASSERT_EQUAL_FATAL(n, 24 + 2 * 68 + 2 * 76);
	CU_ASSERT_EQUAL(rd32(buf), 0xa1b2c3d4u);
	CU_ASSERT_EQUAL(rd32(buf + 20), 101);
	const uint8_t *r = buf + 24;
	static const struct {
		uint32_t sec, usec, len;
		int v6;
	} want[4] = {{0, 0, 52, 0}, {0, 0, 60, 1}, {0, 0, 60, 1}, {1, 500000, 52, 0}};
	for (int i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(rd32(r), want[i].sec);
		CU_ASSERT_EQUAL(rd32(r + 4), want[i].usec);
		CU_ASSERT_EQUAL(rd32(r + 8), want[i].len);
		CU_ASSERT_EQUAL(rd32(r + 12), want[i].len);
		const uint8_t *ip = r + 16;
		if (!want[i].v6) {
			CU_ASSERT_EQUAL(ip[0], 0x45);
			CU_ASSERT_EQUAL(ip[9], 132);
			CU_ASSERT_EQUAL((ip[2] << 8 | ip[3]), 52);
			uint32_t sum = 0;
			for (int k = 0; k < 20; k += 2)
				sum += (uint32_t)ip[k] << 8 | ip[k + 1];
			while (sum >> 16)
				sum = (sum & 0xffff) + (sum >> 16);
			CU_ASSERT_EQUAL(sum, 0xffff);
			CU_ASSERT_EQUAL(memcmp(ip + 12, &a4.u.v4, 4), 0);
			CU_ASSERT_EQUAL(memcmp(ip + 16, &z4.u.v4, 4), 0);
			CU_ASSERT_EQUAL(ip[20 + 4], 0x11); /* verification tag */
			CU_ASSERT_EQUAL(ip[20 + 12], 1);   /* INIT */
		} else {
			CU_ASSERT_EQUAL(ip[0] >> 4, 6);
			CU_ASSERT_EQUAL(ip[6], 132);
			CU_ASSERT_EQUAL((ip[4] << 8 | ip[5]), 20);
			CU_ASSERT_EQUAL(memcmp(ip + 8, z6.u.v6, 16), 0);
			CU_ASSERT_EQUAL(ip[40 + 7], 0x88);
		}
		r += 16 + want[i].len;
	}
}

static int
pcap_suite_init(void)
{
	return sctpdk_test_eal_init();
}

SCTPDK_TEST_SUITE(sim_pcap, pcap_suite_init, NULL, SCTPDK_TEST(test_pcap_roundtrip))
