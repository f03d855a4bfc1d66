/* SPDX-License-Identifier: BSD-3-Clause */
/* ICMPv6 (lib/net/icmp6.c): echo, packet too big and errors -> events. */
#include <string.h>

#include "net_fixture.h"

static const uint64_t now = 1000000;

static void
test_echo6_reply(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v6(2), us = nf_v6(1);
	uint8_t msg[64] = {128, 0, 0, 0, 0xbe, 0xef, 0, 7};
	for (int i = 8; i < 57; i++)
		msg[i] = (uint8_t)(i * 3);
	uint8_t b[256], f[256];
	size_t n = nf_icmp6_frame(b, nf_our_mac, &peer, &us, 64, msg, 57); /* odd length */
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	CU_ASSERT_EQUAL(nf_flat(t.pkts[0], f, sizeof(f)), n);
	CU_ASSERT_EQUAL(memcmp(f, nf_peer_mac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(f + 22, us.u.v6, 16), 0);
	CU_ASSERT_EQUAL(memcmp(f + 38, peer.u.v6, 16), 0);
	CU_ASSERT_EQUAL(f[54], 129);
	CU_ASSERT_EQUAL(nf_cksum6(f + 22, f + 38, f + 54, 57), 0);
	CU_ASSERT_EQUAL(memcmp(f + 58, b + 58, 53), 0);
	nf_tx_reset(&t);
	/* bad checksum */
	b[n - 1] ^= 0x10;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_CKSUM);
	/* echo to all-nodes: only ND may use multicast */
	struct sctpdk_addr all = {.family = SCTPDK_AF_INET6};
	all.u.v6[0] = 0xff;
	all.u.v6[1] = 0x02;
	all.u.v6[15] = 1;
	msg[0] = 128;
	n = nf_icmp6_frame(b, (const uint8_t *)"\x33\x33\x00\x00\x00\x01", &peer, &all, 64, msg,
			   16);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_NOT_LOCAL);
	/* router advertisement: ignored */
	msg[0] = 134;
	n = nf_icmp6_frame(b, nf_our_mac, &peer, &us, 255, msg, 16);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_TYPE);
	CU_ASSERT_EQUAL(t.tx.n, 0);
	sctpdk_net_del(net);
}

/* An ICMPv6 error quoting our packet us -> far with 12+ bytes of SCTP. */
static size_t
err6(uint8_t *b, uint8_t type, uint8_t code, uint32_t word, const struct sctpdk_addr *qsrc,
     uint8_t qnh)
{
	struct sctpdk_addr rt = nf_v6(0xfe), us = nf_v6(1), far = nf_v6(0x7777);
	far.u.v6[2] = 0x99;
	uint8_t msg[200] = {type,
			    code,
			    0,
			    0,
			    (uint8_t)(word >> 24),
			    (uint8_t)(word >> 16),
			    (uint8_t)(word >> 8),
			    (uint8_t)word};
	nf_ip6(msg + 8, qsrc->u.v6, far.u.v6, qnh, 1400);
	nf_sctp(msg + 48, 7000, 8000, 0x76543210, 0);
	return nf_icmp6_frame(b, nf_our_mac, &rt, &us, 64, msg, 60);
}

static void
test_packet_too_big_event(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr us = nf_v6(1), rt = nf_v6(0xfe);
	uint8_t b[256];
	size_t n = err6(b, 2, 0, 1280, &us, 132);
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_ICMP);
	CU_ASSERT_EQUAL(r.icmp.kind, SCTPDK_ICMP_PMTU);
	CU_ASSERT_EQUAL(r.icmp.mtu, 1280);
	CU_ASSERT_EQUAL(r.icmp.src_port, 7000);
	CU_ASSERT_EQUAL(r.icmp.dst_port, 8000);
	CU_ASSERT_EQUAL(r.icmp.vtag, 0x76543210);
	CU_ASSERT_EQUAL(r.icmp.icmp_type, 2);
	CU_ASSERT(sctpdk_addr_eq(&r.icmp.src, &us));
	CU_ASSERT(sctpdk_addr_eq(&r.icmp.reporter, &rt));
	CU_ASSERT_EQUAL(r.icmp.dst.u.v6[2], 0x99);
	/* parameter problem, unrecognized next header: the peer has no SCTP */
	n = err6(b, 4, 1, 40, &us, 132);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_ICMP);
	CU_ASSERT_EQUAL(r.icmp.kind, SCTPDK_ICMP_PROTO_UNREACH);
	/* destination unreachable, address unreachable */
	n = err6(b, 1, 3, 0, &us, 132);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_ICMP);
	CU_ASSERT_EQUAL(r.icmp.kind, SCTPDK_ICMP_UNREACH);
	CU_ASSERT_EQUAL(r.icmp.icmp_code, 3);
	/* quoting TCP, or a packet that was not ours: dropped */
	n = err6(b, 2, 0, 1280, &us, 6);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_INNER);
	struct sctpdk_addr x = nf_v6(0x55);
	n = err6(b, 2, 0, 1280, &x, 132);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_INNER);
	/* parameter problem of another code */
	n = err6(b, 4, 0, 40, &us, 132);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_TYPE);
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.rx_icmp_events, 3);
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_icmp6, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_echo6_reply),
		  SCTPDK_TEST(test_packet_too_big_event))
