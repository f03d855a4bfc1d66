/* SPDX-License-Identifier: BSD-3-Clause */
/* ICMP for IPv4 (lib/net/icmp.c): echo, errors -> events for the core. */
#include <string.h>

#include "net_fixture.h"

static const uint64_t now = 1000000;

static uint32_t
v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	return nf_v4(a, b, c, d).u.v4;
}

/* Ethernet + IPv4 (src -> 192.0.2.1, proto 1) around an ICMP message whose
 * checksum is filled here. */
static size_t
icmp_frame(uint8_t *b, uint32_t src, uint8_t *icmp, size_t len)
{
	size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x0800);
	nf_ip4(b + l2, src, v4(192, 0, 2, 1), 1, len, 0, 0);
	icmp[2] = icmp[3] = 0;
	uint16_t c = nf_cksum(icmp, len);
	memcpy(icmp + 2, &c, 2);
	memcpy(b + l2 + 20, icmp, len);
	return l2 + 20 + len;
}

static void
test_echo_reply(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t ic[64] = {8, 0, 0, 0, 0x12, 0x34, 0x00, 0x01};
	for (int i = 8; i < 40; i++)
		ic[i] = (uint8_t)i;
	uint8_t b[128], f[128];
	size_t n = icmp_frame(b, v4(198, 51, 100, 7), ic, 40);
	uint16_t req_ck = (uint16_t)(b[36] << 8 | b[37]);
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	CU_ASSERT_EQUAL(nf_flat(t.pkts[0], f, sizeof(f)), n);
	CU_ASSERT_EQUAL(memcmp(f, nf_peer_mac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(f + 6, nf_our_mac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(f + 26, b + 30, 4), 0); /* addresses swapped */
	CU_ASSERT_EQUAL(memcmp(f + 30, b + 26, 4), 0);
	CU_ASSERT_EQUAL(nf_cksum(f + 14, 20), 0);
	CU_ASSERT_EQUAL(f[34], 0); /* echo reply */
	CU_ASSERT_EQUAL(nf_cksum(f + 34, 40), 0);
	/* RFC 1624: type 8 -> 0 changes the checksum by exactly 0x0800 */
	uint32_t s = (uint32_t)(uint16_t)~req_ck + 0xf7ffu;
	s = (s & 0xffff) + (s >> 16);
	uint16_t want = (uint16_t)~s;
	CU_ASSERT_EQUAL(f[36] << 8 | f[37], want);
	CU_ASSERT_EQUAL(memcmp(f + 38, b + 38, 36), 0); /* id, seq, data */
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.rx_echo, 1);
	CU_ASSERT_EQUAL(st.tx_echo_reply, 1);
	nf_tx_reset(&t);

	/* corrupted payload: bad checksum, no reply */
	b[60] ^= 0x40;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_CKSUM);
	/* truncated ICMP (4 bytes) */
	uint8_t tiny[8] = {8, 0};
	n = icmp_frame(b, v4(198, 51, 100, 7), tiny, 4);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_HDR);
	/* echo reply, timestamp: ignored */
	ic[0] = 0;
	n = icmp_frame(b, v4(198, 51, 100, 7), ic, 40);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_TYPE);
	CU_ASSERT_EQUAL(t.tx.n, 0);
	sctpdk_net_del(net);
}

static void
test_echo_reply_keeps_vlan_tag(void)
{
	struct sctpdk_net *net = nf_net(100);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t ic[16] = {8, 0, 0, 0, 0, 1, 0, 1}, b[128], f[128];
	size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 100, 0x0800);
	nf_ip4(b + l2, v4(192, 0, 2, 2), v4(192, 0, 2, 1), 1, 16, 0, 0);
	uint16_t c = nf_cksum(ic, 16);
	memcpy(ic + 2, &c, 2);
	memcpy(b + l2 + 20, ic, 16);
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, l2 + 36), &r, &t, now, NULL), SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	CU_ASSERT_EQUAL(nf_flat(t.pkts[0], f, sizeof(f)), l2 + 36);
	CU_ASSERT_EQUAL(f[12] << 8 | f[13], 0x8100);
	CU_ASSERT_EQUAL(f[14] << 8 | f[15], 100);
	CU_ASSERT_EQUAL(f[18 + 20], 0);
	CU_ASSERT_EQUAL(nf_cksum(f + 38, 16), 0);
	nf_tx_reset(&t);
	/* the same request with its tag stripped by the PMD: no in-place reply */
	uint8_t u[128];
	size_t ul = nf_eth(u, nf_our_mac, nf_peer_mac, 0, 0x0800);
	memcpy(u + ul, b + l2, 36);
	struct rte_mbuf *m = nf_mbuf(u, ul + 36);
	m->ol_flags |= RTE_MBUF_F_RX_VLAN_STRIPPED;
	m->vlan_tci = 100;
	CU_ASSERT_EQUAL(nf_rx(net, m, &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_HDR);
	CU_ASSERT_EQUAL(t.tx.n, 0);
	sctpdk_net_del(net);
}

/* ICMP error quoting our packet 192.0.2.1 -> 198.51.100.7 (proto qproto)
 * with `quote` SCTP bytes. */
static size_t
error_frame(uint8_t *b, uint8_t type, uint8_t code, uint16_t mtu, uint8_t qproto,
	    const uint8_t *sctp, size_t quote, uint32_t qsrc)
{
	uint8_t ic[128] = {type, code, 0, 0, 0, 0, (uint8_t)(mtu >> 8), (uint8_t)mtu};
	nf_ip4(ic + 8, qsrc, v4(198, 51, 100, 7), qproto, 1200, 0x4000, 0);
	memcpy(ic + 28, sctp, quote);
	return icmp_frame(b, v4(192, 0, 2, 254), ic, 28 + quote);
}

static void
test_frag_needed_event(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t s[32], b[256];
	nf_sctp(s, 5000, 6000, 0xdeadbeef, 8);
	size_t n = error_frame(b, 3, 4, 1400, 132, s, 8, v4(192, 0, 2, 1));
	struct sctpdk_net_rx_result r;
	struct rte_mbuf *m;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, &m), SCTPDK_NET_ICMP);
	CU_ASSERT_PTR_NULL(m);
	const struct sctpdk_icmp_event *ev = &r.icmp;
	CU_ASSERT_EQUAL(ev->kind, SCTPDK_ICMP_PMTU);
	CU_ASSERT_EQUAL(ev->mtu, 1400);
	CU_ASSERT_EQUAL(ev->icmp_type, 3);
	CU_ASSERT_EQUAL(ev->icmp_code, 4);
	CU_ASSERT_EQUAL(ev->src_port, 5000);
	CU_ASSERT_EQUAL(ev->dst_port, 6000);
	CU_ASSERT_EQUAL(ev->have_vtag, 1);
	CU_ASSERT_EQUAL(ev->vtag, 0xdeadbeef);
	CU_ASSERT_EQUAL(ev->have_init, 0);
	CU_ASSERT_EQUAL(ev->port_id, NF_PORT);
	struct sctpdk_addr us = nf_v4(192, 0, 2, 1), peer = nf_v4(198, 51, 100, 7),
			   rt = nf_v4(192, 0, 2, 254);
	CU_ASSERT(sctpdk_addr_eq(&ev->src, &us));
	CU_ASSERT(sctpdk_addr_eq(&ev->dst, &peer));
	CU_ASSERT(sctpdk_addr_eq(&ev->reporter, &rt));
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.rx_icmp_events, 1);
	CU_ASSERT_EQUAL(t.tx.n, 0);
	/* a packet sent from another port's address (multi-homing, weak host)
	 * whose ICMP comes back on this port still makes an event */
	const uint8_t mac2[6] = {0x02, 0, 0, 0, 9, 9};
	struct sctpdk_addr a2 = nf_v4(10, 9, 0, 1);
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, 4, mac2, 0, 1500), 0);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 4, &a2, 16), 0);
	n = error_frame(b, 3, 4, 1280, 132, s, 8, a2.u.v4);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_ICMP);
	CU_ASSERT(sctpdk_addr_eq(&r.icmp.src, &a2));
	CU_ASSERT_EQUAL(r.icmp.mtu, 1280);
	sctpdk_net_del(net);
}

static void
test_proto_unreach_and_init_tag(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	/* an INIT (vtag 0) quoted in full: the initiate tag is reported */
	uint8_t s[32] = {0}, b[256];
	nf_sctp(s, 5000, 6000, 0, 0);
	s[12] = 1;    /* INIT */
	s[15] = 20;   /* length */
	s[16] = 0x55; /* initiate tag */
	s[17] = 0x66;
	s[18] = 0x77;
	s[19] = 0x88;
	size_t n = error_frame(b, 3, 2, 0, 132, s, 20, v4(192, 0, 2, 1));
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_ICMP);
	CU_ASSERT_EQUAL(r.icmp.kind, SCTPDK_ICMP_PROTO_UNREACH);
	CU_ASSERT_EQUAL(r.icmp.vtag, 0);
	CU_ASSERT_EQUAL(r.icmp.have_init, 1);
	CU_ASSERT_EQUAL(r.icmp.init_tag, 0x55667788);
	/* host unreachable: generic kind */
	n = error_frame(b, 3, 1, 0, 132, s, 8, v4(192, 0, 2, 1));
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_ICMP);
	CU_ASSERT_EQUAL(r.icmp.kind, SCTPDK_ICMP_UNREACH);
	CU_ASSERT_EQUAL(r.icmp.have_init, 0);
	sctpdk_net_del(net);
}

static void
test_bad_quotes_dropped(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t s[32], b[256];
	nf_sctp(s, 5000, 6000, 0xdeadbeef, 8);
	struct sctpdk_net_rx_result r;
	/* quoted UDP */
	size_t n = error_frame(b, 3, 4, 1400, 17, s, 8, v4(192, 0, 2, 1));
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_INNER);
	/* quoted packet not from us */
	n = error_frame(b, 3, 4, 1400, 132, s, 8, v4(192, 0, 2, 50));
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_INNER);
	/* only 4 bytes of SCTP quoted: no tag to check */
	n = error_frame(b, 3, 4, 1400, 132, s, 4, v4(192, 0, 2, 1));
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_INNER);
	/* time exceeded: not handed to the core */
	n = error_frame(b, 11, 0, 0, 132, s, 8, v4(192, 0, 2, 1));
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_TYPE);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_ICMP_INNER), 3);
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_icmp, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_echo_reply),
		  SCTPDK_TEST(test_echo_reply_keeps_vlan_tag), SCTPDK_TEST(test_frag_needed_event),
		  SCTPDK_TEST(test_proto_unreach_and_init_tag),
		  SCTPDK_TEST(test_bad_quotes_dropped))
