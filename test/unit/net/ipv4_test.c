/* SPDX-License-Identifier: BSD-3-Clause */
/* IPv4 (lib/net/ipv4.c): validation, options, fragments, output. */
#include <string.h>

#include "net_fixture.h"

static const uint64_t now = 1000000;

static uint32_t
v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	return nf_v4(a, b, c, d).u.v4;
}

/* Ethernet + IPv4 (opt_len option bytes) + SCTP with chunk_len bytes, plus
 * pad trailing bytes. Returns the frame length. */
static size_t
frame(uint8_t *b, uint32_t src, uint32_t dst, uint8_t proto, size_t opt_len, size_t chunk_len,
      size_t pad)
{
	size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x0800);
	size_t ihl = 20 + opt_len;
	size_t l4 = nf_sctp(b + l2 + ihl, 5000, 6000, 0xcafef00d, chunk_len);
	nf_ip4(b + l2, src, dst, proto, l4, 0, opt_len);
	memset(b + l2 + ihl + l4, 0xee, pad);
	return l2 + ihl + l4 + pad;
}

static void
test_sctp_classified_and_trimmed(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	struct rte_mbuf *m;
	uint8_t b[256];
	/* 12 + 4 bytes of SCTP: the frame is padded to 60 on the wire */
	size_t n = frame(b, v4(198, 51, 100, 7), v4(192, 0, 2, 1), 132, 0, 4, 10);
	CU_ASSERT_EQUAL(n, 60);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, &m), SCTPDK_NET_SCTP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(r.l4_off, 34);
	CU_ASSERT_EQUAL(r.l4_len, 16);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 50);
	struct sctpdk_addr src = nf_v4(198, 51, 100, 7), dst = nf_v4(192, 0, 2, 1);
	CU_ASSERT(sctpdk_addr_eq(&r.src, &src));
	CU_ASSERT(sctpdk_addr_eq(&r.dst, &dst));
	CU_ASSERT_EQUAL(m->l3_len, 20);
	CU_ASSERT_EQUAL(rte_pktmbuf_mtod_offset(m, uint8_t *, r.l4_off)[7], 0x0d);
	rte_pktmbuf_free(m);
	/* IPv4 options are skipped */
	n = frame(b, v4(198, 51, 100, 7), v4(192, 0, 2, 1), 132, 12, 20, 0);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_SCTP);
	CU_ASSERT_EQUAL(r.l4_off, 14 + 32);
	CU_ASSERT_EQUAL(r.l4_len, 32);
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.rx_sctp, 2);
	CU_ASSERT_EQUAL(sctpdk_net_drops_total(net), 0);
	sctpdk_net_del(net);
}

static void
expect_drop(struct sctpdk_net *net, const uint8_t *b, size_t n, int reason)
{
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	uint64_t before = nf_drops(net, reason);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, reason);
	CU_ASSERT_EQUAL(nf_drops(net, reason), before + 1);
	CU_ASSERT_EQUAL(t.tx.n, 0);
}

static void
test_malformed_headers_counted(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	uint8_t b[256], c[256];
	uint32_t peer = v4(192, 0, 2, 2), us = v4(192, 0, 2, 1);
	size_t n = frame(b, peer, us, 132, 0, 8, 0);

	expect_drop(net, b, 14 + 19, SCTPDK_NET_DROP_IP4_HDR); /* truncated */
	memcpy(c, b, n);
	c[14] = 0x55; /* version 5 */
	expect_drop(net, c, n, SCTPDK_NET_DROP_IP4_HDR);
	memcpy(c, b, n);
	c[14] = 0x44; /* IHL 16 bytes */
	expect_drop(net, c, n, SCTPDK_NET_DROP_IP4_HDR);
	memcpy(c, b, n);
	c[14] = 0x4f; /* IHL 60 > total length */
	c[16] = 0;
	c[17] = 40;
	expect_drop(net, c, n, SCTPDK_NET_DROP_IP4_HDR);
	memcpy(c, b, n);
	c[17] = (uint8_t)(c[17] + 1); /* total length one past the frame */
	expect_drop(net, c, n, SCTPDK_NET_DROP_IP4_HDR);
	memcpy(c, b, n);
	c[14 + 8] = 63; /* TTL changed, checksum not */
	expect_drop(net, c, n, SCTPDK_NET_DROP_IP4_CKSUM);

	n = frame(b, peer, v4(192, 0, 2, 77), 132, 0, 8, 0);
	expect_drop(net, b, n, SCTPDK_NET_DROP_NOT_LOCAL);
	n = frame(b, peer, v4(192, 0, 2, 255), 132, 0, 8, 0);
	expect_drop(net, b, n, SCTPDK_NET_DROP_NOT_LOCAL);
	n = frame(b, v4(224, 0, 0, 5), us, 132, 0, 8, 0);
	expect_drop(net, b, n, SCTPDK_NET_DROP_IP4_SRC);
	n = frame(b, us, us, 132, 0, 8, 0);
	expect_drop(net, b, n, SCTPDK_NET_DROP_IP4_SRC);
	n = frame(b, peer, us, 17, 0, 8, 0);
	expect_drop(net, b, n, SCTPDK_NET_DROP_PROTO);
	/* SCTP shorter than its common header */
	size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x0800);
	nf_ip4(b + l2, peer, us, 132, 8, 0, 0);
	memset(b + l2 + 20, 0, 8);
	expect_drop(net, b, l2 + 28, SCTPDK_NET_DROP_SCTP_SHORT);
	CU_ASSERT_EQUAL(sctpdk_net_drops_total(net), 12);
	sctpdk_net_del(net);
}

/* One fragment of a 100-byte SCTP packet: bytes [off, off+len). */
static uint8_t frag_id = 0x34;

static struct rte_mbuf *
fragment(const uint8_t *l4, size_t off, size_t len, int more)
{
	uint8_t b[256];
	size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x0800);
	uint16_t ff = (uint16_t)((off / 8) | (more ? 0x2000 : 0));
	nf_ip4(b + l2, v4(192, 0, 2, 2), v4(192, 0, 2, 1), 132, len, ff, 0);
	b[l2 + 5] = frag_id;
	b[l2 + 10] = b[l2 + 11] = 0;
	uint16_t c = nf_cksum(b + l2, 20);
	memcpy(b + l2 + 10, &c, 2);
	memcpy(b + l2 + 20, l4 + off, len);
	return nf_mbuf(b, l2 + 20 + len);
}

static void
test_fragments_reassembled(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	uint8_t l4[128];
	size_t n = nf_sctp(l4, 7, 8, 0x01020304, 88);
	CU_ASSERT_EQUAL_FATAL(n, 100);
	struct rte_mbuf *m;
	/* out of order: tail first */
	CU_ASSERT_EQUAL(nf_rx(net, fragment(l4, 48, 52, 0), &r, &t, now, &m), SCTPDK_NET_CONSUMED);
	CU_ASSERT_PTR_NULL(m);
	CU_ASSERT_EQUAL(nf_rx(net, fragment(l4, 0, 48, 1), &r, &t, now + 10, &m), SCTPDK_NET_SCTP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(r.l4_len, 100);
	CU_ASSERT_EQUAL(r.l4_off, 34);
	CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 134);
	uint8_t got[256];
	CU_ASSERT_EQUAL(nf_flat(m, got, sizeof(got)), 134);
	CU_ASSERT_EQUAL(memcmp(got + 34, l4, 100), 0);
	rte_pktmbuf_free(m);
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.rx_frags, 2);
	CU_ASSERT_EQUAL(st.rx_reassembled, 1);
	/* a lone fragment is dropped at timeout */
	CU_ASSERT_EQUAL(nf_rx(net, fragment(l4, 0, 48, 1), &r, &t, now, &m), SCTPDK_NET_CONSUMED);
	sctpdk_net_timer(net, &t.tx, now + 10000000);
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.frag_discarded, 1);
	/* the head arriving now cannot complete anything */
	CU_ASSERT_EQUAL(nf_rx(net, fragment(l4, 48, 52, 0), &r, &t, now + 10000001, &m),
			SCTPDK_NET_CONSUMED);
	sctpdk_net_del(net); /* frees the held fragment */
}

static void
test_fragments_dropped_when_off(void)
{
	struct sctpdk_net_config cfg;
	sctpdk_net_config_default(&cfg);
	cfg.pool = sctpdk_test_mbuf_pool();
	cfg.frag_flows = 0;
	struct sctpdk_net *net = sctpdk_net_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct sctpdk_addr a = nf_v4(192, 0, 2, 1);
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, NF_PORT, nf_our_mac, 0, 1500), 0);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, NF_PORT, &a, 24), 0);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	uint8_t l4[128];
	nf_sctp(l4, 7, 8, 1, 88);
	CU_ASSERT_EQUAL(nf_rx(net, fragment(l4, 0, 48, 1), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_IP4_FRAG);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_IP4_FRAG), 1);
	sctpdk_net_del(net);

	/* a table of 2 flows: a third datagram in progress is refused, counted */
	sctpdk_net_config_default(&cfg);
	cfg.pool = sctpdk_test_mbuf_pool();
	cfg.frag_flows = 2;
	net = sctpdk_net_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, NF_PORT, nf_our_mac, 0, 1500), 0);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, NF_PORT, &a, 24), 0);
	for (int i = 0; i < 3; i++) {
		frag_id = (uint8_t)(0x40 + i);
		int v = nf_rx(net, fragment(l4, 0, 48, 1), &r, &t, now, NULL);
		CU_ASSERT_EQUAL(v, i < 2 ? SCTPDK_NET_CONSUMED : SCTPDK_NET_DROP);
	}
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_IP4_FRAG);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_IP4_FRAG), 1);
	frag_id = 0x34;
	sctpdk_net_del(net);
}

static void
test_output_header(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr far = nf_v4(198, 51, 100, 7), gw = nf_v4(192, 0, 2, 254);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, NF_PORT, &gw, nf_gw_mac, 1000000, NULL, now), 0);
	uint8_t b[2048];
	size_t n = nf_sctp(b, 1, 2, 3, 36);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), NULL, &far, &t.tx, now), 0);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	struct rte_mbuf *m = t.pkts[0];
	uint8_t f[256];
	size_t fl = nf_flat(m, f, sizeof(f));
	CU_ASSERT_EQUAL(fl, 14 + 20 + n);
	CU_ASSERT_EQUAL(memcmp(f, nf_gw_mac, 6), 0); /* via the gateway */
	CU_ASSERT_EQUAL(f[14], 0x45);
	CU_ASSERT_EQUAL(f[16] << 8 | f[17], 20 + n);
	CU_ASSERT_EQUAL(f[20], 0x40); /* DF */
	CU_ASSERT_EQUAL(f[22], 64);
	CU_ASSERT_EQUAL(f[23], 132);
	CU_ASSERT_EQUAL(nf_cksum(f + 14, 20), 0); /* checksum verifies */
	CU_ASSERT_EQUAL(memcmp(f + 26, "\xc0\x00\x02\x01", 4), 0);
	CU_ASSERT_EQUAL(memcmp(f + 30, "\xc6\x33\x64\x07", 4), 0);
	CU_ASSERT_EQUAL(memcmp(f + 34, b, n), 0);
	CU_ASSERT_EQUAL(m->l2_len, 14);
	CU_ASSERT_EQUAL(m->l3_len, 20);
	CU_ASSERT((m->ol_flags & RTE_MBUF_F_TX_IPV4) != 0);
	nf_tx_reset(&t);
	/* larger than the 1500-byte MTU: refused and counted */
	n = nf_sctp(b, 1, 2, 3, 1500 - 20 - 12 + 1);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), NULL, &far, &t.tx, now),
			SCTPDK_ERR_MSGSIZE);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_TOO_BIG), 1);
	/* to ourselves: refused */
	struct sctpdk_addr us = nf_v4(192, 0, 2, 1);
	n = nf_sctp(b, 1, 2, 3, 4);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), NULL, &us, &t.tx, now),
			SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_TO_SELF), 1);
	/* no headroom */
	struct rte_mbuf *nh = nf_mbuf(b, n);
	rte_pktmbuf_prepend(nh, (uint16_t)(rte_pktmbuf_headroom(nh) - 10));
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nh, NULL, &far, &t.tx, now), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_HEADROOM), 1);
	CU_ASSERT_EQUAL(t.tx.n, 0);
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_ipv4, sctpdk_test_eal_init, NULL,
		  SCTPDK_TEST(test_sctp_classified_and_trimmed),
		  SCTPDK_TEST(test_malformed_headers_counted),
		  SCTPDK_TEST(test_fragments_reassembled),
		  SCTPDK_TEST(test_fragments_dropped_when_off), SCTPDK_TEST(test_output_header))
