/* SPDX-License-Identifier: BSD-3-Clause */
/* Ethernet and 802.1Q parsing and writing (lib/net/eth.c). */
#include <string.h>

#include "net_fixture.h"

static uint64_t now = 1000000;

/* A valid SCTP/IPv4 frame to us, tagged with vid (0 = untagged). */
static size_t
sctp4_frame(uint8_t *b, const uint8_t dst_mac[6], uint16_t vid)
{
	size_t l2 = nf_eth(b, dst_mac, nf_peer_mac, vid, 0x0800);
	size_t l4 = nf_sctp(b + l2 + 20, 5000, 6000, 0x11223344, 16);
	struct sctpdk_addr s = nf_v4(192, 0, 2, 2), d = nf_v4(192, 0, 2, 1);
	nf_ip4(b + l2, s.u.v4, d.u.v4, 132, l4, 0, 0);
	return l2 + 20 + l4;
}

static void
test_vlan_tagged_port(void)
{
	struct sctpdk_net *net = nf_net(100);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	uint8_t b[256];
	struct rte_mbuf *m;

	size_t n = sctp4_frame(b, nf_our_mac, 100);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, &m), SCTPDK_NET_SCTP);
	CU_ASSERT_EQUAL(r.l4_off, 18 + 20);
	CU_ASSERT_EQUAL(r.l4_len, 28);
	CU_ASSERT_PTR_NOT_NULL(m);
	CU_ASSERT_EQUAL(m->l2_len, 18);
	rte_pktmbuf_free(m);

	/* other VID, and untagged on a tagged port */
	n = sctp4_frame(b, nf_our_mac, 101);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_VLAN);
	n = sctp4_frame(b, nf_our_mac, 0);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_VLAN);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_VLAN), 2);

	/* a tag the PMD stripped into the mbuf counts as the frame's tag */
	n = sctp4_frame(b, nf_our_mac, 0);
	m = nf_mbuf(b, n);
	m->ol_flags |= RTE_MBUF_F_RX_VLAN_STRIPPED;
	m->vlan_tci = 100;
	CU_ASSERT_EQUAL(nf_rx(net, m, &r, &t, now, NULL), SCTPDK_NET_SCTP);
	sctpdk_net_del(net);
}

static void
test_untagged_port(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	uint8_t b[256];

	size_t n = sctp4_frame(b, nf_our_mac, 7);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_VLAN);
	/* priority-tagged (VID 0) frames are untagged frames */
	n = sctp4_frame(b, nf_our_mac, 0);
	uint8_t pb[256];
	memcpy(pb, b, 12);
	pb[12] = 0x81;
	pb[13] = 0x00;
	pb[14] = 0xa0; /* PCP 5, VID 0 */
	pb[15] = 0x00;
	memcpy(pb + 16, b + 12, n - 12);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(pb, n + 4), &r, &t, now, NULL), SCTPDK_NET_SCTP);
	/* QinQ refused */
	memcpy(pb + 16, "\x81\x00\x00\x05", 4);
	memcpy(pb + 20, b + 12, n - 12);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(pb, n + 8), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_VLAN);
	sctpdk_net_del(net);
}

static void
test_mac_filter_runt_ethertype(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	uint8_t b[256];
	const uint8_t other[6] = {0x02, 9, 9, 9, 9, 9};
	const uint8_t mcast_src[6] = {0x03, 0, 0, 0, 0, 2};

	size_t n = sctp4_frame(b, other, 0);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_MAC);
	n = sctp4_frame(b, nf_our_mac, 0);
	memcpy(b + 6, mcast_src, 6);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_MAC);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, 13), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_RUNT);
	n = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x88cc); /* LLDP */
	memset(b + n, 0, 46);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n + 46), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ETHERTYPE);
	/* a tagged header cut after the TPID */
	n = nf_eth(b, nf_our_mac, nf_peer_mac, 5, 0x0800);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, 16), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_RUNT);
	/* unknown port */
	struct rte_mbuf *pk[1] = {nf_mbuf(b, n)};
	sctpdk_net_rx_burst(net, 77, pk, 1, &r, &t.tx, now);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_UNKNOWN_PORT);
	CU_ASSERT_PTR_NULL(pk[0]);
	CU_ASSERT_EQUAL(sctpdk_net_drops_total(net), 6);
	CU_ASSERT_EQUAL(t.tx.n, 0);
	sctpdk_net_del(net);
}

static void
test_output_writes_vlan_tag(void)
{
	struct sctpdk_net *net = nf_net(0x123);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v4(192, 0, 2, 2);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, NF_PORT, &peer, nf_peer_mac, 1000000, NULL, now),
			0);
	uint8_t b[64];
	size_t n = nf_sctp(b, 1, 2, 3, 4);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), NULL, &peer, &t.tx, now), 0);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	uint8_t f[128];
	size_t fl = nf_flat(t.pkts[0], f, sizeof(f));
	CU_ASSERT_EQUAL(fl, 18 + 20 + n);
	CU_ASSERT_EQUAL(memcmp(f, nf_peer_mac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(f + 6, nf_our_mac, 6), 0);
	CU_ASSERT_EQUAL(f[12], 0x81);
	CU_ASSERT_EQUAL(f[13], 0x00);
	CU_ASSERT_EQUAL(f[14], 0x01);
	CU_ASSERT_EQUAL(f[15], 0x23);
	CU_ASSERT_EQUAL(f[16], 0x08);
	CU_ASSERT_EQUAL(f[17], 0x00);
	CU_ASSERT_EQUAL(t.pkts[0]->l2_len, 18);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_eth, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_vlan_tagged_port),
		  SCTPDK_TEST(test_untagged_port), SCTPDK_TEST(test_mac_filter_runt_ethertype),
		  SCTPDK_TEST(test_output_writes_vlan_tag))
