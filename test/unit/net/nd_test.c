/* SPDX-License-Identifier: BSD-3-Clause */
/* Neighbour Discovery (lib/net/nd.c): NS -> NA, resolution, bad messages. */
#include <string.h>

#include "net_fixture.h"

static const uint64_t now = 1000000;

static struct sctpdk_addr
solicited(const struct sctpdk_addr *a)
{
	struct sctpdk_addr s = {.family = SCTPDK_AF_INET6};
	s.u.v6[0] = 0xff;
	s.u.v6[1] = 0x02;
	s.u.v6[11] = 0x01;
	s.u.v6[12] = 0xff;
	memcpy(s.u.v6 + 13, a->u.v6 + 13, 3);
	return s;
}

/* NS for target with (optionally) a source link-layer option. */
static size_t
ns_msg(uint8_t *msg, const struct sctpdk_addr *target, const uint8_t *sll)
{
	memset(msg, 0, 32);
	msg[0] = 135;
	memcpy(msg + 8, target->u.v6, 16);
	if (sll == NULL)
		return 24;
	msg[24] = 1;
	msg[25] = 1;
	memcpy(msg + 26, sll, 6);
	return 32;
}

static void
test_ns_gets_na(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v6(2), us = nf_v6(1), sn = solicited(&us);
	uint8_t msg[64], b[256], f[256];
	size_t ml = ns_msg(msg, &us, nf_peer_mac);
	const uint8_t mc_mac[6] = {0x33, 0x33, 0xff, 0, 0, 1};
	size_t n = nf_icmp6_frame(b, mc_mac, &peer, &sn, 255, msg, ml);
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	size_t fl = nf_flat(t.pkts[0], f, sizeof(f));
	CU_ASSERT_EQUAL(fl, 14 + 40 + 32);
	CU_ASSERT_EQUAL(memcmp(f, nf_peer_mac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(f + 6, nf_our_mac, 6), 0);
	CU_ASSERT_EQUAL(f[12] << 8 | f[13], 0x86dd);
	CU_ASSERT_EQUAL(f[14], 0x60);
	CU_ASSERT_EQUAL(f[19], 32);
	CU_ASSERT_EQUAL(f[20], 58);
	CU_ASSERT_EQUAL(f[21], 255);
	CU_ASSERT_EQUAL(memcmp(f + 22, us.u.v6, 16), 0);
	CU_ASSERT_EQUAL(memcmp(f + 38, peer.u.v6, 16), 0);
	const uint8_t *na = f + 54;
	CU_ASSERT_EQUAL(na[0], 136);
	CU_ASSERT_EQUAL(na[1], 0);
	CU_ASSERT_EQUAL(na[4], 0x60); /* solicited + override, not router */
	CU_ASSERT_EQUAL(memcmp(na + 8, us.u.v6, 16), 0);
	CU_ASSERT_EQUAL(na[24], 2);
	CU_ASSERT_EQUAL(na[25], 1);
	CU_ASSERT_EQUAL(memcmp(na + 26, nf_our_mac, 6), 0);
	CU_ASSERT_EQUAL(nf_cksum6(f + 22, f + 38, na, 32), 0);
	/* the solicitor was learned from its source link-layer option */
	uint8_t mac[6];
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &peer, mac, now), 0);
	CU_ASSERT_EQUAL(memcmp(mac, nf_peer_mac, 6), 0);
	CU_ASSERT_EQUAL(r.learned, 1);
	CU_ASSERT(sctpdk_addr_eq(&r.nb_ip, &peer));
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.rx_nd, 1);
	CU_ASSERT_EQUAL(st.tx_na, 1);
	nf_tx_reset(&t);

	/* duplicate address probe (source ::): answered to all-nodes, O only */
	struct sctpdk_addr unspec = {.family = SCTPDK_AF_INET6};
	ml = ns_msg(msg, &us, NULL);
	n = nf_icmp6_frame(b, mc_mac, &unspec, &sn, 255, msg, ml);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	nf_flat(t.pkts[0], f, sizeof(f));
	CU_ASSERT_EQUAL(memcmp(f, "\x33\x33\x00\x00\x00\x01", 6), 0);
	CU_ASSERT_EQUAL(f[38], 0xff);
	CU_ASSERT_EQUAL(f[53], 0x01);
	CU_ASSERT_EQUAL(f[54 + 4], 0x20);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

static void
test_bad_ns_counted(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v6(2), us = nf_v6(1), sn = solicited(&us);
	struct sctpdk_addr other = nf_v6(0x99);
	const uint8_t mc_mac[6] = {0x33, 0x33, 0xff, 0, 0, 1};
	uint8_t msg[64], b[256];
	struct sctpdk_net_rx_result r;
	/* hop limit 64: may have crossed a router */
	size_t ml = ns_msg(msg, &us, nf_peer_mac);
	size_t n = nf_icmp6_frame(b, mc_mac, &peer, &sn, 64, msg, ml);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ND_MALFORMED);
	/* option of length 0 */
	ml = ns_msg(msg, &us, nf_peer_mac);
	msg[25] = 0;
	n = nf_icmp6_frame(b, mc_mac, &peer, &sn, 255, msg, ml);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ND_MALFORMED);
	/* truncated NS (20 bytes) */
	ml = ns_msg(msg, &us, NULL);
	n = nf_icmp6_frame(b, mc_mac, &peer, &sn, 255, msg, 20);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ND_MALFORMED);
	/* target not ours, sent to our unicast address */
	ml = ns_msg(msg, &other, nf_peer_mac);
	n = nf_icmp6_frame(b, nf_our_mac, &peer, &us, 255, msg, ml);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ND_NOT_US);
	/* solicited-node group of an address we do not have */
	struct sctpdk_addr sno = solicited(&other);
	ml = ns_msg(msg, &other, nf_peer_mac);
	n = nf_icmp6_frame(b, mc_mac, &peer, &sno, 255, msg, ml);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_NOT_LOCAL);
	/* bad checksum */
	ml = ns_msg(msg, &us, nf_peer_mac);
	n = nf_icmp6_frame(b, mc_mac, &peer, &sn, 255, msg, ml);
	b[n - 1] ^= 1;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ICMP_CKSUM);
	/* DAD probe carrying a source link-layer option */
	struct sctpdk_addr unspec = {.family = SCTPDK_AF_INET6};
	ml = ns_msg(msg, &us, nf_peer_mac);
	n = nf_icmp6_frame(b, mc_mac, &unspec, &sn, 255, msg, ml);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ND_MALFORMED);
	CU_ASSERT_EQUAL(t.tx.n, 0);
	CU_ASSERT_EQUAL(sctpdk_net_drops_total(net), 7);
	sctpdk_net_del(net);
}

static void
test_resolution_by_ns_na(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v6(2), us = nf_v6(1);
	uint8_t b[256], f[256];
	size_t n = nf_sctp(b, 1, 2, 3, 8);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), NULL, &peer, &t.tx, now), 1);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	size_t fl = nf_flat(t.pkts[0], f, sizeof(f));
	CU_ASSERT_EQUAL(fl, 14 + 40 + 32);
	CU_ASSERT_EQUAL(memcmp(f, "\x33\x33\xff\x00\x00\x02", 6), 0);
	struct sctpdk_addr sn = solicited(&peer);
	CU_ASSERT_EQUAL(memcmp(f + 22, us.u.v6, 16), 0);
	CU_ASSERT_EQUAL(memcmp(f + 38, sn.u.v6, 16), 0);
	CU_ASSERT_EQUAL(f[21], 255);
	CU_ASSERT_EQUAL(f[54], 135);
	CU_ASSERT_EQUAL(memcmp(f + 54 + 8, peer.u.v6, 16), 0);
	CU_ASSERT_EQUAL(f[54 + 24], 1);
	CU_ASSERT_EQUAL(memcmp(f + 54 + 26, nf_our_mac, 6), 0);
	CU_ASSERT_EQUAL(nf_cksum6(f + 22, f + 38, f + 54, 32), 0);
	nf_tx_reset(&t);
	/* solicited NA with the target link-layer address releases the packet */
	uint8_t msg[32] = {136, 0, 0, 0, 0x60};
	memcpy(msg + 8, peer.u.v6, 16);
	msg[24] = 2;
	msg[25] = 1;
	memcpy(msg + 26, nf_peer_mac, 6);
	size_t bn = nf_icmp6_frame(b, nf_our_mac, &peer, &us, 255, msg, 32);
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, bn), &r, &t, now, NULL), SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL(r.learned, 1);
	CU_ASSERT_EQUAL(memcmp(r.nb_mac, nf_peer_mac, 6), 0);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	fl = nf_flat(t.pkts[0], f, sizeof(f));
	CU_ASSERT_EQUAL(fl, 14 + 40 + n);
	CU_ASSERT_EQUAL(memcmp(f, nf_peer_mac, 6), 0);
	CU_ASSERT_EQUAL(f[20], 132);
	nf_tx_reset(&t);
	/* an unsolicited NA for a neighbour we do not track creates nothing */
	struct sctpdk_addr x = nf_v6(0x33);
	memcpy(msg + 8, x.u.v6, 16);
	msg[4] = 0x20;
	struct sctpdk_addr all = {.family = SCTPDK_AF_INET6};
	all.u.v6[0] = 0xff;
	all.u.v6[1] = 0x02;
	all.u.v6[15] = 1;
	bn = nf_icmp6_frame(b, (const uint8_t *)"\x33\x33\x00\x00\x00\x01", &x, &all, 255, msg, 32);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, bn), &r, &t, now, NULL), SCTPDK_NET_CONSUMED);
	uint8_t mac[6];
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &x, mac, now), SCTPDK_ERR_NOTFOUND);
	/* a multicast NA with the solicited flag is invalid */
	msg[4] = 0x60;
	bn = nf_icmp6_frame(b, (const uint8_t *)"\x33\x33\x00\x00\x00\x01", &x, &all, 255, msg, 32);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, bn), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ND_MALFORMED);
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_nd, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_ns_gets_na),
		  SCTPDK_TEST(test_bad_ns_counted), SCTPDK_TEST(test_resolution_by_ns_na))
