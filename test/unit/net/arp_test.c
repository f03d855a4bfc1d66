/* SPDX-License-Identifier: BSD-3-Clause */
/* ARP (lib/net/arp.c): replies, learning, resolution, gratuitous ARP. */
#include <string.h>

#include "net_fixture.h"

static const uint64_t now = 5000000;

/* The request 192.0.2.2 (02:..:02) -> who has 192.0.2.1, as on the wire. */
static const char *req_hex = "ffffffffffff 020000000002 0806"
			     "0001 0800 06 04 0001 020000000002 c0000202 000000000000 c0000201";

static void
test_request_gets_exact_reply(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t b[128], want[128], got[128];
	int n = sctpdk_test_hex(req_hex, b, sizeof(b));
	CU_ASSERT_EQUAL_FATAL(n, 42);
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, (size_t)n), &r, &t, now, NULL), SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	CU_ASSERT_EQUAL(t.ports[0], NF_PORT);
	int wn = sctpdk_test_hex("020000000002 020000000001 0806"
				 "0001 0800 06 04 0002 020000000001 c0000201 020000000002 c0000202"
				 "000000000000000000000000000000000000",
				 want, sizeof(want));
	CU_ASSERT_EQUAL_FATAL(wn, 60);
	CU_ASSERT_EQUAL(nf_flat(t.pkts[0], got, sizeof(got)), 60);
	CU_ASSERT_EQUAL(memcmp(got, want, 60), 0);
	/* the requester was learned (the request targeted us) */
	uint8_t mac[6];
	struct sctpdk_addr peer = nf_v4(192, 0, 2, 2);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &peer, mac, now), 0);
	CU_ASSERT_EQUAL(memcmp(mac, nf_peer_mac, 6), 0);
	/* ... and reported, for runtimes that share neighbours between lcores */
	CU_ASSERT_EQUAL(r.learned, 1);
	CU_ASSERT(sctpdk_addr_eq(&r.nb_ip, &peer));
	CU_ASSERT_EQUAL(memcmp(r.nb_mac, nf_peer_mac, 6), 0);
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.rx_arp, 1);
	CU_ASSERT_EQUAL(st.tx_arp_reply, 1);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

static void
test_request_for_other_not_learned(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t b[128];
	int n = sctpdk_test_hex(req_hex, b, sizeof(b));
	b[41] = 0x09; /* who has 192.0.2.9 */
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, (size_t)n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(r.reason, SCTPDK_NET_DROP_ARP_NOT_US);
	CU_ASSERT_EQUAL(t.tx.n, 0);
	uint8_t mac[6];
	struct sctpdk_addr peer = nf_v4(192, 0, 2, 2);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &peer, mac, now),
			SCTPDK_ERR_NOTFOUND);
	sctpdk_net_del(net);
}

static void
test_malformed_arp_counted(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t b[128];
	struct sctpdk_net_rx_result r;
	int n = sctpdk_test_hex(req_hex, b, sizeof(b));
	/* truncated */
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, 30), &r, &t, now, NULL), SCTPDK_NET_DROP);
	/* hardware length 8 */
	b[18] = 8;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, (size_t)n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	b[18] = 6;
	/* opcode 3 */
	b[21] = 3;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, (size_t)n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	b[21] = 1;
	/* broadcast sender hardware address */
	memset(b + 22, 0xff, 6);
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, (size_t)n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	memcpy(b + 22, nf_peer_mac, 6);
	/* sender claims our address */
	b[31] = 0x01;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, (size_t)n), &r, &t, now, NULL), SCTPDK_NET_DROP);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_ARP_MALFORMED), 5);
	CU_ASSERT_EQUAL(t.tx.n, 0);
	sctpdk_net_del(net);
}

static void
test_resolution_queues_then_releases(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v4(192, 0, 2, 2);
	uint8_t b[128];
	size_t n = nf_sctp(b, 1, 2, 0xabcd, 8);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), NULL, &peer, &t.tx, now), 1);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, nf_mbuf(b, n), NULL, &peer, &t.tx, now), 1);
	/* exactly one broadcast request, from our address for the peer */
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	uint8_t want[64], got[128];
	int wn = sctpdk_test_hex("ffffffffffff 020000000001 0806"
				 "0001 0800 06 04 0001 020000000001 c0000201 000000000000 c0000202",
				 want, sizeof(want));
	CU_ASSERT_EQUAL(nf_flat(t.pkts[0], got, sizeof(got)), 60);
	CU_ASSERT_EQUAL(memcmp(got, want, (size_t)wn), 0);
	nf_tx_reset(&t);
	/* the reply releases both packets with the learned MAC */
	int rn = sctpdk_test_hex("020000000001 020000000002 0806"
				 "0001 0800 06 04 0002 020000000002 c0000202 020000000001 c0000201",
				 b, sizeof(b));
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, (size_t)rn), &r, &t, now + 10, NULL),
			SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 2);
	for (int i = 0; i < 2; i++) {
		size_t fl = nf_flat(t.pkts[i], got, sizeof(got));
		CU_ASSERT_EQUAL(fl, 14 + 20 + n);
		CU_ASSERT_EQUAL(memcmp(got, nf_peer_mac, 6), 0);
		CU_ASSERT_EQUAL(got[12], 0x08);
		CU_ASSERT_EQUAL(got[14 + 9], 132);
	}
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.pending_queued, 2);
	CU_ASSERT_EQUAL(st.tx_sctp, 2);
	CU_ASSERT_EQUAL(st.neigh_resolved, 1);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

static void
test_gratuitous_arp_at_start(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	/* one GARP for 192.0.2.1 and one unsolicited NA for 2001:db8::1 */
	CU_ASSERT_EQUAL(sctpdk_net_start(net, &t.tx, now), 2);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 2);
	uint8_t want[64], got[128];
	int wn = sctpdk_test_hex("ffffffffffff 020000000001 0806"
				 "0001 0800 06 04 0001 020000000001 c0000201 000000000000 c0000201",
				 want, sizeof(want));
	CU_ASSERT_EQUAL(nf_flat(t.pkts[0], got, sizeof(got)), 60);
	CU_ASSERT_EQUAL(memcmp(got, want, (size_t)wn), 0);
	nf_flat(t.pkts[1], got, sizeof(got));
	CU_ASSERT_EQUAL(got[0], 0x33);
	CU_ASSERT_EQUAL(got[14 + 40], 136); /* NA */
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.tx_garp, 1);
	CU_ASSERT_EQUAL(st.tx_na, 1);
	CU_ASSERT_EQUAL(st.tx_arp_request, 0);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

static void
test_garp_from_known_neighbour_updates(void)
{
	struct sctpdk_net *net = nf_net(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v4(192, 0, 2, 2);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, NF_PORT, &peer, nf_peer_mac, 10000000, NULL, now),
			0);
	uint8_t b[64];
	int n = sctpdk_test_hex("ffffffffffff 020000000077 0806"
				"0001 0800 06 04 0001 020000000077 c0000202 000000000000 c0000202",
				b, sizeof(b));
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, (size_t)n), &r, &t, now, NULL), SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL(t.tx.n, 0); /* no reply: not for us */
	uint8_t mac[6];
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &peer, mac, now), 0);
	CU_ASSERT_EQUAL(mac[5], 0x77);
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_arp, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_request_gets_exact_reply),
		  SCTPDK_TEST(test_request_for_other_not_learned),
		  SCTPDK_TEST(test_malformed_arp_counted),
		  SCTPDK_TEST(test_resolution_queues_then_releases),
		  SCTPDK_TEST(test_gratuitous_arp_at_start),
		  SCTPDK_TEST(test_garp_from_known_neighbour_updates))
