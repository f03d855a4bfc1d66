/* SPDX-License-Identifier: BSD-3-Clause */
/* The runtime's L2/L3 shim: encapsulation round trip and rejections. */
#include <string.h>

#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_runtime.h>

#include "sctpdk_test.h"

#include "echo_engine.h"
#include "rt_fixture.h"
#include "rt_net.h"

static const uint8_t mac[6] = {2, 0, 0, 0, 0, 9};

static struct rte_mbuf *
mk(void)
{
	struct rte_mbuf *m = echo_packet(sctpdk_test_mbuf_pool(), 1, 2, 3, 4, "hello", 5);
	struct sctpdk_addr a = RT_ADDR_A, b = RT_ADDR_B;
	if (m != NULL && sctpdk_rt_net_encap(m, &a, &b, mac, mac, 1) != 0) {
		rte_pktmbuf_free(m);
		m = NULL;
	}
	return m;
}

static void
test_round_trip(void)
{
	struct rte_mbuf *m = mk();
	CU_ASSERT_FATAL(m != NULL);
	uint32_t sctp_len = 12 + 24; /* 16 + 5 -> padded to 24 */
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 14 + 20 + sctp_len);
	/* Ethernet padding past the datagram is cut off */
	CU_ASSERT_PTR_NOT_NULL(rte_pktmbuf_append(m, 6));
	struct sctpdk_addr local = RT_ADDR_B, src, dst;
	CU_ASSERT_EQUAL(sctpdk_rt_net_classify(m, &local, 1, &src, &dst), -1);
	struct sctpdk_addr a = RT_ADDR_A;
	CU_ASSERT(sctpdk_addr_eq(&src, &a));
	CU_ASSERT(sctpdk_addr_eq(&dst, &local));
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), sctp_len);
	CU_ASSERT_EQUAL(rte_pktmbuf_mtod(m, uint8_t *)[3], 2); /* dst port */
	rte_pktmbuf_free(m);
}

static void
test_rejections(void)
{
	struct sctpdk_addr local = RT_ADDR_B, other = RT_ADDR_A, src, dst;
	struct rte_mbuf *m = mk();
	/* not our address */
	CU_ASSERT_EQUAL(sctpdk_rt_net_classify(m, &other, 1, &src, &dst), SCTPDK_RT_DROP_L3);
	/* bad header checksum */
	struct rte_ipv4_hdr *ih = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, 14);
	ih->hdr_checksum ^= 1;
	CU_ASSERT_EQUAL(sctpdk_rt_net_classify(m, &local, 1, &src, &dst), SCTPDK_RT_DROP_L3);
	/* fragment */
	ih->hdr_checksum = 0;
	ih->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_MF_FLAG);
	ih->hdr_checksum = rte_ipv4_cksum(ih);
	CU_ASSERT_EQUAL(sctpdk_rt_net_classify(m, &local, 1, &src, &dst), SCTPDK_RT_DROP_L3);
	/* total length beyond the frame */
	ih->fragment_offset = 0;
	ih->total_length = rte_cpu_to_be_16(1000);
	ih->hdr_checksum = 0;
	ih->hdr_checksum = rte_ipv4_cksum(ih);
	CU_ASSERT_EQUAL(sctpdk_rt_net_classify(m, &local, 1, &src, &dst), SCTPDK_RT_DROP_L3);
	/* IPv6 ethertype: not handled by the shim */
	struct rte_ether_hdr *eh = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	eh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV6);
	CU_ASSERT_EQUAL(sctpdk_rt_net_classify(m, &local, 1, &src, &dst), SCTPDK_RT_DROP_L2);
	/* runt */
	rte_pktmbuf_trim(m, (uint16_t)(rte_pktmbuf_pkt_len(m) - 10));
	CU_ASSERT_EQUAL(sctpdk_rt_net_classify(m, &local, 1, &src, &dst), SCTPDK_RT_DROP_L2);
	rte_pktmbuf_free(m);

	/* a VLAN tag is skipped */
	m = mk();
	CU_ASSERT_FATAL(rte_pktmbuf_prepend(m, 4) != NULL);
	uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
	uint8_t macs[12];
	memcpy(macs, p + 4, 12);
	memcpy(p, macs, 12);
	p[12] = 0x81;
	p[13] = 0x00;
	p[14] = 0x00;
	p[15] = 0x05;
	p[16] = 0x08;
	p[17] = 0x00;
	CU_ASSERT_EQUAL(sctpdk_rt_net_classify(m, &local, 1, &src, &dst), -1);
	rte_pktmbuf_free(m);

	/* encap refuses IPv6 */
	m = echo_packet(sctpdk_test_mbuf_pool(), 1, 2, 3, 4, "x", 1);
	struct sctpdk_addr v6 = {.family = SCTPDK_AF_INET6};
	CU_ASSERT_EQUAL(sctpdk_rt_net_encap(m, &v6, &v6, mac, mac, 1), SCTPDK_ERR_UNSUPP);
	rte_pktmbuf_free(m);
}

SCTPDK_TEST_SUITE(runtime_net, rt_fixture_eal, NULL, SCTPDK_TEST(test_round_trip),
		  SCTPDK_TEST(test_rejections))
