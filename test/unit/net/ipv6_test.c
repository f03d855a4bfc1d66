/* SPDX-License-Identifier: BSD-3-Clause */
/* IPv6 (lib/net/ipv6.c): validation, extension headers, output. */
#include <string.h>

#include "net_fixture.h"

static const uint64_t now = 1000000;

/* Ethernet + IPv6 + ext (already chained: ext bytes start with their own
 * next-header fields) + SCTP. first_nh is the IPv6 next header. */
static size_t
frame6(uint8_t *b, const struct sctpdk_addr *src, const struct sctpdk_addr *dst, uint8_t first_nh,
       const uint8_t *ext, size_t ext_len, size_t chunk_len)
{
	size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x86dd);
	if (ext_len > 0)
		memcpy(b + l2 + 40, ext, ext_len);
	size_t l4 = nf_sctp(b + l2 + 40 + ext_len, 5000, 6000, 0x0a0b0c0d, chunk_len);
	nf_ip6(b + l2, src->u.v6, dst->u.v6, first_nh, ext_len + l4);
	return l2 + 40 + ext_len + l4;
}

static void
test_sctp_and_ext_headers(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	struct rte_mbuf *m;
	struct sctpdk_addr peer = nf_v6(2), us = nf_v6(1);
	uint8_t b[512];
	size_t n = frame6(b, &peer, &us, 132, NULL, 0, 8);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, &m), SCTPDK_NET_SCTP);
	CU_ASSERT_EQUAL(r.l4_off, 54);
	CU_ASSERT_EQUAL(r.l4_len, 20);
	CU_ASSERT(sctpdk_addr_eq(&r.src, &peer));
	CU_ASSERT(sctpdk_addr_eq(&r.dst, &us));
	CU_ASSERT_EQUAL(m->l3_len, 40);
	rte_pktmbuf_free(m);
	/* hop-by-hop (8) then destination options (16) then SCTP */
	uint8_t ext[24] = {60, 0, 1, 4, 0, 0, 0, 0, 132, 1, 1, 12};
	n = frame6(b, &peer, &us, 0, ext, 24, 8);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, &m), SCTPDK_NET_SCTP);
	CU_ASSERT_EQUAL(r.l4_off, 14 + 40 + 24);
	CU_ASSERT_EQUAL(r.l4_len, 20);
	CU_ASSERT_EQUAL(m->l3_len, 64);
	CU_ASSERT_EQUAL(rte_pktmbuf_mtod_offset(m, uint8_t *, r.l4_off)[4], 0x0a);
	rte_pktmbuf_free(m);
	/* trailing bytes beyond the payload length are trimmed */
	n = frame6(b, &peer, &us, 132, NULL, 0, 4);
	memset(b + n, 0, 10);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n + 10), &r, &t, now, &m), SCTPDK_NET_SCTP);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), n);
	rte_pktmbuf_free(m);
	CU_ASSERT_EQUAL(sctpdk_net_drops_total(net), 0);
	sctpdk_net_del(net);
}

static void
expect_drop6(struct sctpdk_net *net, const uint8_t *b, size_t n, int reason)
{
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, reason);
	CU_ASSERT_EQUAL(t.tx.n, 0);
}

static void
test_bad_packets_counted(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct sctpdk_addr peer = nf_v6(2), us = nf_v6(1), other = nf_v6(77);
	uint8_t b[512];
	size_t n = frame6(b, &peer, &us, 132, NULL, 0, 8);
	expect_drop6(net, b, 14 + 39, SCTPDK_NET_DROP_IP6_HDR);
	b[14] = 0x40;
	expect_drop6(net, b, n, SCTPDK_NET_DROP_IP6_HDR);
	n = frame6(b, &peer, &us, 132, NULL, 0, 8);
	b[19] = (uint8_t)(b[19] + 1); /* payload length past the frame */
	expect_drop6(net, b, n, SCTPDK_NET_DROP_IP6_HDR);
	n = frame6(b, &peer, &other, 132, NULL, 0, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_NOT_LOCAL);
	struct sctpdk_addr mc = nf_v6(1);
	mc.u.v6[0] = 0xff;
	mc.u.v6[1] = 0x02;
	n = frame6(b, &peer, &mc, 132, NULL, 0, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_NOT_LOCAL);
	n = frame6(b, &mc, &us, 132, NULL, 0, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_IP6_SRC);
	struct sctpdk_addr unspec = {.family = SCTPDK_AF_INET6};
	n = frame6(b, &unspec, &us, 132, NULL, 0, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_IP6_SRC);
	/* fragment header */
	uint8_t frag[8] = {132, 0, 0, 1, 0, 0, 0, 9};
	n = frame6(b, &peer, &us, 44, frag, 8, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_IP6_FRAG);
	/* hop-by-hop after another extension header */
	uint8_t late[16] = {0, 0, 0, 0, 0, 0, 0, 0, 132, 0};
	n = frame6(b, &peer, &us, 60, late, 16, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_IP6_EXT);
	/* nine destination option headers: over the bound */
	uint8_t many[72];
	memset(many, 0, sizeof(many));
	for (int i = 0; i < 9; i++)
		many[i * 8] = i == 8 ? 132 : 60;
	n = frame6(b, &peer, &us, 60, many, 72, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_IP6_EXT);
	/* extension header length running past the payload */
	uint8_t longx[8] = {132, 200};
	n = frame6(b, &peer, &us, 60, longx, 8, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_IP6_EXT);
	/* routing header with segments left */
	uint8_t rh[8] = {132, 0, 0, 1};
	n = frame6(b, &peer, &us, 43, rh, 8, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_IP6_EXT);
	/* UDP */
	n = frame6(b, &peer, &us, 17, NULL, 0, 8);
	expect_drop6(net, b, n, SCTPDK_NET_DROP_PROTO);
	/* SCTP of 8 bytes */
	n = frame6(b, &peer, &us, 132, NULL, 0, 0);
	b[19] = 8;
	expect_drop6(net, b, n - 4, SCTPDK_NET_DROP_SCTP_SHORT);
	CU_ASSERT_EQUAL(sctpdk_net_drops_total(net), 14);
	sctpdk_net_del(net);
}

static void
test_output_v6(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v6(2);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, NF_PORT, &peer, nf_peer_mac, 1000000, NULL, now),
			0);
	uint8_t b[128], f[256];
	size_t n = nf_sctp(b, 1, 2, 3, 20);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), NULL, &peer, &t.tx, now), 0);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	size_t fl = nf_flat(t.pkts[0], f, sizeof(f));
	CU_ASSERT_EQUAL(fl, 14 + 40 + n);
	CU_ASSERT_EQUAL(memcmp(f, nf_peer_mac, 6), 0);
	CU_ASSERT_EQUAL(f[12] << 8 | f[13], 0x86dd);
	CU_ASSERT_EQUAL(f[14], 0x60);
	CU_ASSERT_EQUAL(f[18] << 8 | f[19], n);
	CU_ASSERT_EQUAL(f[20], 132);
	CU_ASSERT_EQUAL(f[21], 64);
	struct sctpdk_addr us = nf_v6(1);
	CU_ASSERT_EQUAL(memcmp(f + 22, us.u.v6, 16), 0);
	CU_ASSERT_EQUAL(memcmp(f + 38, peer.u.v6, 16), 0);
	CU_ASSERT_EQUAL(memcmp(f + 54, b, n), 0);
	CU_ASSERT_EQUAL(t.pkts[0]->l3_len, 40);
	CU_ASSERT((t.pkts[0]->ol_flags & RTE_MBUF_F_TX_IPV6) != 0);
	nf_tx_reset(&t);
	/* an explicit source of the other family is refused */
	struct sctpdk_addr s4 = nf_v4(192, 0, 2, 1);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), &s4, &peer, &t.tx, now),
			SCTPDK_ERR_INVAL);
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_ipv6, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_sctp_and_ext_headers),
		  SCTPDK_TEST(test_bad_packets_counted), SCTPDK_TEST(test_output_v6))
