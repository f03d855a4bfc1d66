/* SPDX-License-Identifier: BSD-3-Clause */
/* Neighbour cache (lib/net/neigh.c): expiry, retries, bounds, static entries. */
#include <string.h>

#include "net_fixture.h"

static const uint64_t t0 = 10000000;

static struct sctpdk_net *
small_net(uint32_t neigh_max, uint32_t pending_max)
{
	struct sctpdk_net_config cfg;
	sctpdk_net_config_default(&cfg);
	cfg.pool = sctpdk_test_mbuf_pool();
	cfg.neigh_max = neigh_max;
	cfg.pending_max = pending_max;
	cfg.neigh_timeout_us = 30000000;
	cfg.neigh_retry_us = 1000000;
	cfg.neigh_retries = 3;
	struct sctpdk_net *net = sctpdk_net_new(&cfg);
	struct sctpdk_addr a4 = nf_v4(192, 0, 2, 1);
	if (net != NULL && (sctpdk_net_port_add(net, NF_PORT, nf_our_mac, 0, 1500) != 0 ||
			    sctpdk_net_addr_add(net, NF_PORT, &a4, 24) != 0)) {
		sctpdk_net_del(net);
		net = NULL;
	}
	return net;
}

static struct rte_mbuf *
sctp_pkt(void)
{
	uint8_t b[64];
	size_t n = nf_sctp(b, 1, 2, 3, 4);
	return nf_mbuf(b, n);
}

static void
test_entry_expires(void)
{
	struct sctpdk_net *net = small_net(16, 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v4(192, 0, 2, 2);
	uint8_t mac[6];
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, NF_PORT, &peer, nf_peer_mac, 30000000, NULL, t0),
			0);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &peer, mac, t0 + 29999999), 0);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &peer, mac, t0 + 30000000),
			SCTPDK_ERR_NOTFOUND);
	/* before expiry output goes straight out; after, it re-resolves */
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &peer, &t.tx, t0 + 1), 0);
	CU_ASSERT_EQUAL(t.tx.n, 1);
	nf_tx_reset(&t);
	CU_ASSERT_EQUAL(sctpdk_net_timer(net, &t.tx, t0 + 30000000), UINT64_MAX);
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.neigh_expired, 1);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &peer, &t.tx, t0 + 30000001), 1);
	CU_ASSERT_EQUAL_FATAL(t.tx.n, 1);
	uint8_t f[64];
	nf_flat(t.pkts[0], f, sizeof(f));
	CU_ASSERT_EQUAL(f[12], 0x08);
	CU_ASSERT_EQUAL(f[13], 0x06); /* an ARP request */
	nf_tx_reset(&t);
	sctpdk_net_del(net); /* frees the queued packet */
}

static void
test_retries_then_gives_up(void)
{
	struct sctpdk_net *net = small_net(16, 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v4(192, 0, 2, 9);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &peer, &t.tx, t0), 1);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &peer, &t.tx, t0), 1);
	CU_ASSERT_EQUAL(t.tx.n, 1);
	/* nothing due before the retry interval */
	CU_ASSERT_EQUAL(sctpdk_net_timer(net, &t.tx, t0 + 500000), t0 + 1000000);
	CU_ASSERT_EQUAL(t.tx.n, 1);
	CU_ASSERT_EQUAL(sctpdk_net_timer(net, &t.tx, t0 + 1000000), t0 + 2000000);
	CU_ASSERT_EQUAL(sctpdk_net_timer(net, &t.tx, t0 + 2000000), t0 + 3000000);
	CU_ASSERT_EQUAL(t.tx.n, 3); /* 3 requests in all */
	CU_ASSERT_EQUAL(sctpdk_net_timer(net, &t.tx, t0 + 3000000), UINT64_MAX);
	CU_ASSERT_EQUAL(t.tx.n, 3);
	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(net, &st);
	CU_ASSERT_EQUAL(st.tx_arp_request, 3);
	CU_ASSERT_EQUAL(st.neigh_failed, 1);
	CU_ASSERT_EQUAL(st.drop[SCTPDK_NET_DROP_UNRESOLVED], 2);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

static void
test_pending_bounds(void)
{
	struct sctpdk_net *net = small_net(16, 6);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr a = nf_v4(192, 0, 2, 10), b = nf_v4(192, 0, 2, 11);
	/* per neighbour: SCTPDK_NET_PENDING_PER_NB */
	for (int i = 0; i < SCTPDK_NET_PENDING_PER_NB; i++)
		CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &a, &t.tx, t0), 1);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &a, &t.tx, t0),
			SCTPDK_ERR_NOSPACE);
	/* over all neighbours: pending_max (6) */
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &b, &t.tx, t0), 1);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &b, &t.tx, t0), 1);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &b, &t.tx, t0),
			SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_PENDING_FULL), 2);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

static void
test_cache_bounded_evicts_oldest(void)
{
	struct sctpdk_net *net = small_net(4, 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	uint8_t mac[6] = {0x02, 0, 0, 0, 1, 0};
	for (uint8_t i = 0; i < 4; i++) {
		struct sctpdk_addr a = nf_v4(192, 0, 2, (uint8_t)(20 + i));
		mac[5] = i;
		CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, NF_PORT, &a, mac, 1000000 + i, NULL, t0),
				0);
	}
	struct sctpdk_addr e = nf_v4(192, 0, 2, 30);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, NF_PORT, &e, mac, 5000000, NULL, t0), 0);
	struct sctpdk_addr first = nf_v4(192, 0, 2, 20), second = nf_v4(192, 0, 2, 21);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &first, mac, t0),
			SCTPDK_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &second, mac, t0), 0);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &e, mac, t0), 0);
	sctpdk_net_del(net);

	/* a cache full of unresolved entries refuses new destinations */
	net = small_net(2, 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	for (uint8_t i = 0; i < 2; i++) {
		struct sctpdk_addr a = nf_v4(192, 0, 2, (uint8_t)(40 + i));
		CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &a, &t.tx, t0), 1);
	}
	struct sctpdk_addr c = nf_v4(192, 0, 2, 42);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &c, &t.tx, t0),
			SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_NEIGH_FULL), 1);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

static void
test_static_entry_kept(void)
{
	struct sctpdk_net *net = small_net(8, 8);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	struct sctpdk_addr peer = nf_v4(192, 0, 2, 2);
	CU_ASSERT_EQUAL(
	    sctpdk_net_neigh_add(net, NF_PORT, &peer, nf_peer_mac, UINT64_MAX, NULL, t0), 0);
	/* an ARP reply with another MAC does not override it */
	uint8_t b[64];
	int n = sctpdk_test_hex("020000000001 020000000099 0806"
				"0001 0800 06 04 0002 020000000099 c0000202 020000000001 c0000201",
				b, sizeof(b));
	struct sctpdk_net_rx_result r;
	CU_ASSERT_EQUAL(nf_rx(net, nf_mbuf(b, (size_t)n), &r, &t, t0, NULL), SCTPDK_NET_CONSUMED);
	CU_ASSERT_EQUAL(r.learned, 0);
	uint8_t mac[6];
	CU_ASSERT_EQUAL(sctpdk_net_neigh_lookup(net, NF_PORT, &peer, mac, UINT64_MAX - 1), 0);
	CU_ASSERT_EQUAL(memcmp(mac, nf_peer_mac, 6), 0);
	CU_ASSERT_EQUAL(sctpdk_net_timer(net, &t.tx, UINT64_MAX - 1), UINT64_MAX);
	/* argument checks */
	const uint8_t mcast[6] = {0x01, 0, 0x5e, 0, 0, 1};
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, NF_PORT, &peer, mcast, 1, NULL, t0),
			SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, 99, &peer, nf_peer_mac, 1, NULL, t0),
			SCTPDK_ERR_NOTFOUND);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

static void
test_tx_full_counted(void)
{
	struct sctpdk_net *net = small_net(8, 8);
	CU_ASSERT_PTR_NOT_NULL_FATAL(net);
	struct nf_tx t;
	nf_tx_init(&t);
	t.tx.cap = 1;
	struct sctpdk_addr peer = nf_v4(192, 0, 2, 2);
	CU_ASSERT_EQUAL(sctpdk_net_neigh_add(net, NF_PORT, &peer, nf_peer_mac, 1000000, NULL, t0),
			0);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &peer, &t.tx, t0), 0);
	CU_ASSERT_EQUAL(sctpdk_net_output(net, sctp_pkt(), NULL, &peer, &t.tx, t0),
			SCTPDK_ERR_NOSPACE);
	CU_ASSERT_EQUAL(nf_drops(net, SCTPDK_NET_DROP_TX_FULL), 1);
	nf_tx_reset(&t);
	sctpdk_net_del(net);
}

SCTPDK_TEST_SUITE(net_neigh, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_entry_expires),
		  SCTPDK_TEST(test_retries_then_gives_up), SCTPDK_TEST(test_pending_bounds),
		  SCTPDK_TEST(test_cache_bounded_evicts_oldest),
		  SCTPDK_TEST(test_static_entry_kept), SCTPDK_TEST(test_tx_full_counted))
