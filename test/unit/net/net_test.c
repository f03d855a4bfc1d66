/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/net instance (lib/net/net.c): config, ports, addresses, accounting,
 * hostile input. */
#include <stdio.h>
#include <string.h>

#include <rte_mempool.h>

#include "net_fixture.h"

static void
test_config_and_arguments(void)
{
	struct sctpdk_net_config cfg;
	sctpdk_net_config_default(&cfg);
	CU_ASSERT_PTR_NULL(sctpdk_net_new(&cfg)); /* no pool */
	CU_ASSERT_PTR_NULL(sctpdk_net_new(NULL));
	cfg.pool = sctpdk_test_mbuf_pool();
	cfg.neigh_max = 0;
	CU_ASSERT_PTR_NULL(sctpdk_net_new(&cfg));
	sctpdk_net_config_default(&cfg);
	cfg.pool = sctpdk_test_mbuf_pool();
	struct sctpdk_net *net = sctpdk_net_new(&cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	const uint8_t mcast[6] = {0x01, 0, 0x5e, 0, 0, 1};
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, 0, mcast, 0, 1500), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, 0, nf_our_mac, 4095, 1500), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, 0, nf_our_mac, 0, 67), SCTPDK_ERR_INVAL);
	for (uint16_t i = 0; i < SCTPDK_NET_MAX_PORTS; i++)
		CU_ASSERT_EQUAL(sctpdk_net_port_add(net, i, nf_our_mac, 0, 1500), 0);
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, 0, nf_our_mac, 0, 1500), SCTPDK_ERR_EXISTS);
	CU_ASSERT_EQUAL(sctpdk_net_port_add(net, 99, nf_our_mac, 0, 1500), SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(sctpdk_net_port_set_mtu(net, 2, 9000), 0);
	CU_ASSERT_EQUAL(sctpdk_net_port_mtu(net, 2), 9000);
	CU_ASSERT_EQUAL(sctpdk_net_port_mtu(net, 99), 0);
	CU_ASSERT_EQUAL(sctpdk_net_port_set_mtu(net, 99, 1500), SCTPDK_ERR_NOTFOUND);

	struct sctpdk_addr a = nf_v4(10, 0, 0, 1), bc = nf_v4(224, 0, 0, 1), z = nf_v4(0, 0, 0, 0);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 0, &a, 8), 0);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 1, &a, 8), SCTPDK_ERR_EXISTS);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 0, &bc, 8), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 0, &z, 8), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 0, &a, 33), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 99, &a, 8), SCTPDK_ERR_NOTFOUND);
	for (uint8_t i = 2; i < 1 + SCTPDK_NET_MAX_ADDRS; i++) {
		struct sctpdk_addr x = nf_v4(10, 0, 0, i);
		CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 0, &x, 8), 0);
	}
	struct sctpdk_addr y = nf_v4(10, 0, 0, 200);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(net, 0, &y, 8), SCTPDK_ERR_NOSPACE);
	uint16_t pid = 77;
	CU_ASSERT_EQUAL(sctpdk_net_addr_is_local(net, &a, &pid), 1);
	CU_ASSERT_EQUAL(pid, 0);
	CU_ASSERT_EQUAL(sctpdk_net_addr_is_local(net, &y, NULL), 0);
	for (unsigned int i = 1; i < SCTPDK_NET_DROP_MAX; i++) {
		const char *nm = sctpdk_net_drop_name(i);
		CU_ASSERT(strcmp(nm, "?") != 0 && strlen(nm) > 2);
	}
	CU_ASSERT_STRING_EQUAL(sctpdk_net_drop_name(SCTPDK_NET_DROP_MAX), "?");
	sctpdk_net_del(net);
	sctpdk_net_del(NULL);
}

/* An SCTP/IPv4 frame from the peer to dst. */
static size_t
sctp4(uint8_t *b, const struct sctpdk_addr *dst)
{
	size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x0800);
	size_t l4 = nf_sctp(b + l2 + 20, 1, 2, 3, 8);
	struct sctpdk_addr s = nf_v4(192, 0, 2, 2);
	nf_ip4(b + l2, s.u.v4, dst->u.v4, 132, l4, 0, 0);
	return l2 + 20 + l4;
}

static void
test_two_ports_and_two_instances(void)
{
	struct sctpdk_net *a = nf_net(0), *b = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	const uint8_t mac2[6] = {0x02, 0, 0, 0, 9, 9};
	struct sctpdk_addr second = nf_v4(10, 9, 0, 1);
	CU_ASSERT_EQUAL(sctpdk_net_port_add(a, 4, mac2, 0, 1500), 0);
	CU_ASSERT_EQUAL(sctpdk_net_addr_add(a, 4, &second, 16), 0);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_net_rx_result r;
	uint8_t f[128];
	/* weak host: an address of port 4 is accepted on port 3 */
	size_t n = sctp4(f, &second);
	CU_ASSERT_EQUAL(nf_rx(a, nf_mbuf(f, n), &r, &t, 0, NULL), SCTPDK_NET_SCTP);
	CU_ASSERT_EQUAL(nf_rx(b, nf_mbuf(f, n), &r, &t, 0, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_NOT_LOCAL);
	/* output to 10.9.x leaves by port 4 with its MAC and address */
	struct sctpdk_addr d = nf_v4(10, 9, 3, 3);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(a, 4, &d, nf_peer_mac, 1000, NULL, 0), 0);
	n = nf_sctp(f, 1, 2, 3, 4);
	CU_ASSERT_EQUAL(sctpdk_net_output(a, nf_mbuf(f, n), NULL, &d, &t.tx, 0), 0);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	CU_ASSERT_EQUAL(t.ports[0], 4);
	uint8_t g[128];
	nf_flat(t.pkts[0], g, sizeof(g));
	CU_ASSERT_EQUAL(memcmp(g + 6, mac2, 6), 0);
	CU_ASSERT_EQUAL(memcmp(g + 26, &second.u.v4, 4), 0);
	nf_tx_reset(&t);
	/* the other instance knows nothing of that neighbour */
	uint8_t mac[6];
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(b, 4, &d, mac, 0), SCTPDK_ERR_NOTFOUND);
	struct sctpdk_net_stats sa, sb;
	sctpdk_net_stats_get(a, &sa);
	sctpdk_net_stats_get(b, &sb);
	CU_ASSERT_EQUAL(sa.rx_sctp, 1);
	CU_ASSERT_EQUAL(sb.rx_sctp, 0);
	CU_ASSERT_EQUAL(sb.drop[SCTPDK_NET_DROP_NOT_LOCAL], 1);
	sctpdk_net_del(a);
	sctpdk_net_del(b);
}

/* Valid frames of every kind, mutated at random. */
static size_t template(uint8_t *b, unsigned int k)
{
	struct sctpdk_addr us4 = nf_v4(192, 0, 2, 1), us6 = nf_v6(1), p6 = nf_v6(2);
	uint8_t msg[96] = {0};
	switch (k % 7) {
	case 0:
		return sctp4(b, &us4);
	case 6: {
		/* one of the two fragments of a 24-byte SCTP packet: head (offset
		 * 0, 16 bytes, MF) or tail (offset 16, 8 bytes); a few flows */
		size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x0800);
		int tail = (k >> 8) & 1;
		size_t len = tail ? 8 : 16;
		uint16_t ff = tail ? 2 : 0x2000;
		nf_ip4(b + l2, nf_v4(192, 0, 2, 2).u.v4, us4.u.v4, 132, len, ff, 0);
		b[l2 + 5] = (uint8_t)((k >> 12) % 4); /* datagram id */
		b[l2 + 10] = b[l2 + 11] = 0;
		uint16_t c = nf_cksum(b + l2, 20);
		memcpy(b + l2 + 10, &c, 2);
		memset(b + l2 + 20, (int)k, len);
		return l2 + 20 + len;
	}
	case 1: {
		size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x86dd);
		size_t l4 = nf_sctp(b + l2 + 40, 1, 2, 3, 16);
		nf_ip6(b + l2, p6.u.v6, us6.u.v6, 132, l4);
		return l2 + 40 + l4;
	}
	case 2:
		return (size_t)sctpdk_test_hex("ffffffffffff 020000000002 0806 0001 0800 0604 0001"
					       "020000000002 c0000202 000000000000 c0000201",
					       b, 128);
	case 3: {
		msg[0] = 8;
		size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x0800);
		struct sctpdk_addr s = nf_v4(192, 0, 2, 2);
		nf_ip4(b + l2, s.u.v4, us4.u.v4, 1, 36, 0, 0);
		uint16_t c = nf_cksum(msg, 36);
		memcpy(msg + 2, &c, 2);
		memcpy(b + l2 + 20, msg, 36);
		return l2 + 56;
	}
	case 4:
		msg[0] = 135;
		memcpy(msg + 8, us6.u.v6, 16);
		msg[24] = 1;
		msg[25] = 1;
		memcpy(msg + 26, nf_peer_mac, 6);
		return nf_icmp6_frame(b, nf_our_mac, &p6, &us6, 255, msg, 32);
	default: {
		msg[0] = 3;
		msg[1] = 4;
		msg[7] = 200;
		struct sctpdk_addr far = nf_v4(198, 51, 100, 7);
		nf_ip4(msg + 8, us4.u.v4, far.u.v4, 132, 100, 0, 0);
		nf_sctp(msg + 28, 1, 2, 3, 0);
		size_t l2 = nf_eth(b, nf_our_mac, nf_peer_mac, 0, 0x0800);
		struct sctpdk_addr rt = nf_v4(192, 0, 2, 254);
		nf_ip4(b + l2, rt.u.v4, us4.u.v4, 1, 40, 0, 0);
		uint16_t c = nf_cksum(msg, 40);
		memcpy(msg + 2, &c, 2);
		memcpy(b + l2 + 20, msg, 40);
		return l2 + 60;
	}
	}
}

static void
test_hostile_frames_accounted_no_leak(void)
{
	struct rte_mempool *mp = sctpdk_test_mbuf_pool();
	unsigned int avail0 = rte_mempool_avail_count(mp);
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint64_t seed = 0x5eed;
	uint64_t verdicts[4] = {0};
	enum { BURST = 16, ROUNDS = 1500 };
	for (int round = 0; round < ROUNDS; round++) {
		struct rte_mbuf *pk[BURST];
		struct sctpdk_net_rx_result res[BURST];
		for (int i = 0; i < BURST; i++) {
			uint8_t b[256];
			size_t n = template(b, (unsigned int)sctpdk_test_rand(&seed));
			uint64_t x = sctpdk_test_rand(&seed);
			int flips = (int)(x % 4);
			for (int f = 0; f < flips; f++) {
				uint64_t y = sctpdk_test_rand(&seed);
				b[y % n] ^= (uint8_t)(1u << ((y >> 16) % 8));
			}
			if ((x >> 8) % 4 == 0)
				n = (size_t)((x >> 16) % (n + 1)); /* truncate */
			if ((x >> 24) % 8 == 0) {
				for (size_t j = 0; j < n; j++)
					b[j] = (uint8_t)sctpdk_test_rand(&seed);
				if (n > 6)
					memcpy(b, nf_our_mac, 6);
			}
			pk[i] = nf_mbuf(b, n);
			CU_ASSERT_PTR_NOT_NULL_FATAL(pk[i]);
		}
		uint16_t ns = sctpdk_net_rx_burst(net, NF_PORT, pk, BURST, res, &t.tx,
						  (uint64_t)round * 1000);
		uint16_t seen = 0;
		for (int i = 0; i < BURST; i++) {
			CU_ASSERT_FATAL(res[i].verdict <= SCTPDK_NET_DROP);
			verdicts[res[i].verdict]++;
			if (res[i].verdict == SCTPDK_NET_SCTP) {
				seen++;
				CU_ASSERT(res[i].l4_len >= 12);
				CU_ASSERT(rte_pktmbuf_pkt_len(pk[i]) ==
					  res[i].l4_off + res[i].l4_len);
				rte_pktmbuf_free(pk[i]);
			} else {
				CU_ASSERT_PTR_NULL(pk[i]);
			}
		}
		CU_ASSERT_EQUAL(ns, seen);
		nf_tx_reset(&t);
	}
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.rx_pkts, BURST * ROUNDS);
	CU_ASSERT_EQUAL(sctpdk_net_drops_total(net), verdicts[SCTPDK_NET_DROP]);
	CU_ASSERT_EQUAL(st.rx_sctp, verdicts[SCTPDK_NET_SCTP]);
	CU_ASSERT_EQUAL(st.rx_icmp_events, verdicts[SCTPDK_NET_ICMP]);
	/* every kind of outcome happened */
	for (int v = 0; v < 4; v++)
		CU_ASSERT(verdicts[v] > 100);
	CU_ASSERT(st.tx_arp_reply > 0 && st.tx_na > 0 && st.tx_echo_reply > 0);
	CU_ASSERT(st.rx_frags > 100);
	CU_ASSERT(st.rx_reassembled > 0);
	printf(" [sctp %lu consumed %lu icmp %lu drop %lu, reassembled %lu] ",
	       (unsigned long)verdicts[0], (unsigned long)verdicts[1], (unsigned long)verdicts[2],
	       (unsigned long)verdicts[3], (unsigned long)st.rx_reassembled);
	sctpdk_net_del(net); /* frees fragments still held */
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), avail0);
}

/* The frame split into two segments at every offset: same verdict. */
static void
test_chained_frames(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t b[256];
	struct sctpdk_addr us4 = nf_v4(192, 0, 2, 1);
	size_t n = sctp4(b, &us4);
	memset(b + n, 0, 10); /* Ethernet padding, in the second segment */
	n += 10;
	for (size_t cut = 1; cut < n; cut++) {
		struct rte_mbuf *h = nf_mbuf(b, cut), *tl = nf_mbuf(b + cut, n - cut);
		CU_ASSERT_PTR_NOT_NULL_FATAL(h);
		CU_ASSERT_PTR_NOT_NULL_FATAL(tl);
		CU_ASSERT_EQUAL_FATAL(rte_pktmbuf_chain(h, tl), 0);
		struct sctpdk_net_rx_result r;
		struct rte_mbuf *m;
		int v = nf_rx(net, h, &r, &t, 0, &m);
		/* trimming the padding fails only when the cut leaves it spanning
		 * both segments: then the frame is dropped, never misparsed */
		if (n - cut >= 10) {
			CU_ASSERT_EQUAL(v, SCTPDK_NET_SCTP);
			CU_ASSERT_EQUAL(r.l4_off, 34);
			CU_ASSERT_EQUAL(r.l4_len, 20);
			if (m != NULL)
				CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(m), 54);
		} else {
			CU_ASSERT_EQUAL(v, SCTPDK_NET_DROP);
			CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_IP4_HDR);
		}
		rte_pktmbuf_free(m);
	}
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_net, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_config_and_arguments),
		  SCTPDK_TEST(test_two_ports_and_two_instances),
		  SCTPDK_TEST(test_hostile_frames_accounted_no_leak),
		  SCTPDK_TEST(test_chained_frames))
