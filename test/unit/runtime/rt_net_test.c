/* SPDX-License-Identifier: BSD-3-Clause */
/* The frame builder tools and tests use to inject frames. */
#include <string.h>

#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_runtime.h>

#include "sctpdk_crc32c.h"
#include "sctpdk_test.h"

#include "echo_engine.h"
#include "rt_fixture.h"
#include "rt_net.h"

static const uint8_t smac[6] = {2, 0, 0, 0, 0, 9}, dmac[6] = {2, 0, 0, 0, 0, 8};

static void
test_encap_fields(void)
{
	struct rte_mbuf *m = echo_packet(sctpdk_test_mbuf_pool(), 1, 2, 3, 4, "hello", 5);
	CU_ASSERT_FATAL(m != NULL);
	sctpdk_sctp_cksum_set(m, 0);
	struct sctpdk_addr a = RT_ADDR_A, b = RT_ADDR_B;
	CU_ASSERT_EQUAL_FATAL(sctpdk_rt_net_encap(m, &a, &b, smac, dmac, 77), 0);
	uint32_t sctp_len = 12 + 24; /* 16 + 5 padded to 24 */
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 14 + 20 + sctp_len);
	const struct rte_ether_hdr *eh = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	CU_ASSERT(memcmp(eh->dst_addr.addr_bytes, dmac, 6) == 0);
	CU_ASSERT(memcmp(eh->src_addr.addr_bytes, smac, 6) == 0);
	CU_ASSERT_EQUAL(rte_be_to_cpu_16(eh->ether_type), RTE_ETHER_TYPE_IPV4);
	const struct rte_ipv4_hdr *ih = (const struct rte_ipv4_hdr *)(eh + 1);
	CU_ASSERT_EQUAL(rte_raw_cksum(ih, 20), 0xffff);
	CU_ASSERT_EQUAL(rte_be_to_cpu_16(ih->total_length), 20 + sctp_len);
	CU_ASSERT_EQUAL(ih->next_proto_id, 132);
	CU_ASSERT_EQUAL(rte_be_to_cpu_16(ih->packet_id), 77);
	CU_ASSERT_EQUAL(ih->src_addr, a.u.v4);
	CU_ASSERT_EQUAL(ih->dst_addr, b.u.v4);
	CU_ASSERT(sctpdk_sctp_cksum_ok(m, 34));
	rte_pktmbuf_free(m);
}

static void
test_encap_refuses(void)
{
	struct rte_mbuf *m = echo_packet(sctpdk_test_mbuf_pool(), 1, 2, 3, 4, "x", 1);
	CU_ASSERT_FATAL(m != NULL);
	struct sctpdk_addr v6 = {.family = SCTPDK_AF_INET6};
	CU_ASSERT_EQUAL(sctpdk_rt_net_encap(m, &v6, &v6, smac, dmac, 1), SCTPDK_ERR_UNSUPP);
	/* no headroom left */
	struct sctpdk_addr a = RT_ADDR_A;
	rte_pktmbuf_prepend(m, rte_pktmbuf_headroom(m));
	CU_ASSERT_EQUAL(sctpdk_rt_net_encap(m, &a, &a, smac, dmac, 1), SCTPDK_ERR_NOSPACE);
	rte_pktmbuf_free(m);
}

SCTPDK_TEST_SUITE(runtime_net, rt_fixture_eal, NULL, SCTPDK_TEST(test_encap_fields),
		  SCTPDK_TEST(test_encap_refuses))
