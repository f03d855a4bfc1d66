/* SPDX-License-Identifier: BSD-3-Clause */
/* Port adapter (drivers/port/port.c) on in-memory net_ring ports. */
#include <stdio.h>
#include <string.h>

#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_port.h>

#include "sctpdk_test.h"

#define NQ 2

/* Two ring ports wired back to back: what A sends on queue q, B receives
 * on queue q and the other way round. */
struct pair {
	uint16_t a, b;
	struct rte_ring *ab[NQ], *ba[NQ];
};

static int pair_seq;

static int
pair_make(struct pair *p)
{
	char name[32];
	int id = pair_seq++;
	for (int q = 0; q < NQ; q++) {
		snprintf(name, sizeof(name), "pt%d_ab%d", id, q);
		p->ab[q] = rte_ring_create(name, 1024, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
		snprintf(name, sizeof(name), "pt%d_ba%d", id, q);
		p->ba[q] = rte_ring_create(name, 1024, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (p->ab[q] == NULL || p->ba[q] == NULL)
			return -1;
	}
	snprintf(name, sizeof(name), "pt%d_a", id);
	int a = rte_eth_from_rings(name, p->ba, NQ, p->ab, NQ, 0);
	snprintf(name, sizeof(name), "pt%d_b", id);
	int b = rte_eth_from_rings(name, p->ab, NQ, p->ba, NQ, 0);
	if (a < 0 || b < 0)
		return -1;
	p->a = (uint16_t)a;
	p->b = (uint16_t)b;
	return 0;
}

static void
pair_free(struct pair *p)
{
	for (int q = 0; q < NQ; q++) {
		struct rte_mbuf *m;
		while (rte_ring_dequeue(p->ab[q], (void **)&m) == 0)
			rte_pktmbuf_free(m);
		while (rte_ring_dequeue(p->ba[q], (void **)&m) == 0)
			rte_pktmbuf_free(m);
		rte_ring_free(p->ab[q]);
		rte_ring_free(p->ba[q]);
	}
}

static struct sctpdk_port pa, pb; /* large: static */

static void
test_configure_reports_software_path(void)
{
	struct pair p;
	CU_ASSERT_EQUAL_FATAL(pair_make(&p), 0);
	struct sctpdk_port_config cfg;
	sctpdk_port_config_default(&cfg, p.a, NQ);
	cfg.nb_rxd = cfg.nb_txd = 256;
	cfg.nb_mbufs = 1023;
	cfg.promiscuous = 1;
	CU_ASSERT_EQUAL_FATAL(sctpdk_port_configure(&pa, &cfg), 0);
	CU_ASSERT_EQUAL(pa.nb_queues, NQ);
	CU_ASSERT_EQUAL(pa.caps.tx_sctp_cksum, 0);
	CU_ASSERT_EQUAL(pa.caps.rx_sctp_cksum, 0);
	CU_ASSERT_EQUAL(pa.tx_cksum_path, SCTPDK_CKSUM_SW);
	CU_ASSERT_EQUAL(pa.rx_cksum_path, SCTPDK_CKSUM_SW);
	CU_ASSERT_STRING_EQUAL(sctpdk_cksum_path_name(pa.tx_cksum_path), "software");
	CU_ASSERT_STRING_EQUAL(pa.caps.driver, "net_ring");
	/* RSS only with flow types the device hashes (net_ring: none) */
	CU_ASSERT_EQUAL(pa.caps.rss_hf & ~pa.caps.rss_offloads, 0);
	CU_ASSERT_EQUAL(pa.caps.rss_sctp, (pa.caps.rss_offloads & RTE_ETH_RSS_SCTP) != 0);
	CU_ASSERT_EQUAL(pa.mtu, 1500);
	CU_ASSERT_PTR_NOT_NULL(sctpdk_port_pool(&pa, 0));
	CU_ASSERT_PTR_EQUAL(sctpdk_port_pool(&pa, 0), sctpdk_port_pool(&pa, 1));
	CU_ASSERT_PTR_NULL(sctpdk_port_pool(&pa, NQ));
	CU_ASSERT_EQUAL(sctpdk_port_start(&pa), 0);
	CU_ASSERT_EQUAL(pa.started, 1);
	CU_ASSERT_EQUAL(rte_eth_promiscuous_get(p.a), 1);
	CU_ASSERT_EQUAL(sctpdk_port_start(&pa), 0); /* idempotent */
	CU_ASSERT_EQUAL(sctpdk_port_stop(&pa), 0);
	CU_ASSERT_EQUAL(pa.started, 0);
	sctpdk_port_close(&pa);
	CU_ASSERT(!rte_eth_dev_is_valid_port(p.a));
	sctpdk_port_close(&pa); /* second close is harmless */
	rte_eth_dev_close(p.b);
	pair_free(&p);
}

static void
test_bad_configs(void)
{
	struct pair p;
	CU_ASSERT_EQUAL_FATAL(pair_make(&p), 0);
	struct sctpdk_port_config cfg;
	sctpdk_port_config_default(&cfg, p.a, 0);
	CU_ASSERT_EQUAL(sctpdk_port_configure(&pa, &cfg), SCTPDK_ERR_INVAL);
	sctpdk_port_config_default(&cfg, p.a, NQ + 1); /* the device has NQ rings */
	CU_ASSERT_EQUAL(sctpdk_port_configure(&pa, &cfg), SCTPDK_ERR_UNSUPP);
	sctpdk_port_config_default(&cfg, 999, 1);
	CU_ASSERT_EQUAL(sctpdk_port_configure(&pa, &cfg), SCTPDK_ERR_INVAL);
	sctpdk_port_config_default(&cfg, p.a, 1);
	cfg.mtu = 20;
	CU_ASSERT_EQUAL(sctpdk_port_configure(&pa, &cfg), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_port_configure(NULL, &cfg), SCTPDK_ERR_INVAL);
	CU_ASSERT_EQUAL(sctpdk_port_start(NULL), SCTPDK_ERR_INVAL);
	rte_eth_dev_close(p.a);
	rte_eth_dev_close(p.b);
	pair_free(&p);
}

static void
test_packets_through_pair(void)
{
	struct pair p;
	CU_ASSERT_EQUAL_FATAL(pair_make(&p), 0);
	struct sctpdk_port_config cfg;
	sctpdk_port_config_default(&cfg, p.a, NQ);
	cfg.nb_rxd = cfg.nb_txd = 256;
	cfg.nb_mbufs = 1023;
	CU_ASSERT_EQUAL_FATAL(sctpdk_port_configure(&pa, &cfg), 0);
	cfg.port_id = p.b;
	CU_ASSERT_EQUAL_FATAL(sctpdk_port_configure(&pb, &cfg), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_port_start(&pa), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_port_start(&pb), 0);
	enum { N = 32 };
	for (uint16_t q = 0; q < NQ; q++) {
		struct rte_mbuf *tx[N], *rx[N];
		for (int i = 0; i < N; i++) {
			tx[i] = rte_pktmbuf_alloc(sctpdk_port_pool(&pa, q));
			CU_ASSERT_PTR_NOT_NULL_FATAL(tx[i]);
			uint8_t *d = (uint8_t *)rte_pktmbuf_append(tx[i], 60 + i);
			memset(d, 0, 60 + (size_t)i);
			d[0] = (uint8_t)q;
			d[1] = (uint8_t)i;
			tx[i]->l2_len = 14;
			tx[i]->l3_len = 20;
			tx[i]->ol_flags |= RTE_MBUF_F_TX_IPV4;
			CU_ASSERT_EQUAL(sctpdk_port_tx_cksum(&pa, q, tx[i]), 0);
			CU_ASSERT_EQUAL(tx[i]->ol_flags & RTE_MBUF_F_TX_SCTP_CKSUM, 0);
		}
		CU_ASSERT_EQUAL(rte_eth_tx_burst(pa.port_id, q, tx, N), N);
		uint16_t got = rte_eth_rx_burst(pb.port_id, q, rx, N);
		CU_ASSERT_EQUAL(got, N);
		for (uint16_t i = 0; i < got; i++) {
			const uint8_t *d = rte_pktmbuf_mtod(rx[i], const uint8_t *);
			CU_ASSERT_EQUAL(d[0], q);
			CU_ASSERT_EQUAL(d[1], i);
			CU_ASSERT_EQUAL(rte_pktmbuf_pkt_len(rx[i]), 60u + i);
			CU_ASSERT_EQUAL(sctpdk_port_rx_cksum(&pb, q, rx[i]), SCTPDK_RX_CKSUM_SW);
			rte_pktmbuf_free(rx[i]);
		}
		/* nothing leaked onto the other queue */
		CU_ASSERT_EQUAL(rte_eth_rx_burst(pb.port_id, (uint16_t)(1 - q), rx, N), 0);
	}
	struct sctpdk_port_qstats sa, sb;
	sctpdk_port_stats(&pa, &sa);
	sctpdk_port_stats(&pb, &sb);
	CU_ASSERT_EQUAL(sa.tx_cksum_sw, N * NQ);
	CU_ASSERT_EQUAL(sa.tx_cksum_offload, 0);
	CU_ASSERT_EQUAL(sb.rx_cksum_sw, N * NQ);
	CU_ASSERT_EQUAL(pa.qstats[1].tx_cksum_sw, N);
	/* ethdev counters agree */
	struct rte_eth_stats es;
	CU_ASSERT_EQUAL(rte_eth_stats_get(pb.port_id, &es), 0);
	CU_ASSERT_EQUAL(es.ipackets, N * NQ);
	sctpdk_port_close(&pa);
	sctpdk_port_close(&pb);
	pair_free(&p);
}

static void
test_offload_path_helpers(void)
{
	/* what a port with SCTP CRC offload does with the flags */
	memset(&pa, 0, sizeof(pa));
	pa.nb_queues = 1;
	pa.tx_cksum_path = SCTPDK_CKSUM_OFFLOAD;
	pa.rx_cksum_path = SCTPDK_CKSUM_OFFLOAD;
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(sctpdk_port_tx_cksum(&pa, 0, m), 1);
	CU_ASSERT((m->ol_flags & RTE_MBUF_F_TX_SCTP_CKSUM) == RTE_MBUF_F_TX_SCTP_CKSUM);
	m->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	CU_ASSERT_EQUAL(sctpdk_port_rx_cksum(&pa, 0, m), SCTPDK_RX_CKSUM_GOOD);
	m->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_BAD;
	CU_ASSERT_EQUAL(sctpdk_port_rx_cksum(&pa, 0, m), SCTPDK_RX_CKSUM_BAD);
	m->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN;
	CU_ASSERT_EQUAL(sctpdk_port_rx_cksum(&pa, 0, m), SCTPDK_RX_CKSUM_SW);
	/* the software path ignores RX flags it did not ask for */
	pa.rx_cksum_path = SCTPDK_CKSUM_SW;
	m->ol_flags = RTE_MBUF_F_RX_L4_CKSUM_BAD;
	CU_ASSERT_EQUAL(sctpdk_port_rx_cksum(&pa, 0, m), SCTPDK_RX_CKSUM_SW);
	struct sctpdk_port_qstats s;
	sctpdk_port_stats(&pa, &s);
	CU_ASSERT_EQUAL(s.tx_cksum_offload, 1);
	CU_ASSERT_EQUAL(s.rx_cksum_good, 1);
	CU_ASSERT_EQUAL(s.rx_cksum_bad, 1);
	CU_ASSERT_EQUAL(s.rx_cksum_sw, 2);
	CU_ASSERT_STRING_EQUAL(sctpdk_cksum_path_name(SCTPDK_CKSUM_OFFLOAD), "offload");
	rte_pktmbuf_free(m);
	memset(&pa, 0, sizeof(pa));
}

/* A single-RX-queue device (one RX ring, three TX rings) for a three-lcore
 * stack: three TX queues, one RX queue, the caller's pool, a locally
 * administered MAC; stop frees what the RX queue still holds. */
static void
test_fewer_rx_queues(void)
{
	struct rte_ring *rx = rte_ring_create("pt_few_rx", 256, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
	struct rte_ring *tx[3];
	char name[32];
	for (int q = 0; q < 3; q++) {
		snprintf(name, sizeof(name), "pt_few_tx%d", q);
		tx[q] = rte_ring_create(name, 256, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
		CU_ASSERT_PTR_NOT_NULL_FATAL(tx[q]);
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(rx);
	int id = rte_eth_from_rings("pt_few", &rx, 1, tx, 3, 0);
	CU_ASSERT_FATAL(id >= 0);
	struct sctpdk_port_config cfg;
	sctpdk_port_config_default(&cfg, (uint16_t)id, 3);
	cfg.nb_rxd = cfg.nb_txd = 128;
	cfg.pool = sctpdk_test_mbuf_pool();
	CU_ASSERT_EQUAL_FATAL(sctpdk_port_configure(&pa, &cfg), 0);
	CU_ASSERT_EQUAL(pa.nb_queues, 3);
	CU_ASSERT_EQUAL(pa.nb_rx_queues, 1);
	CU_ASSERT_EQUAL(pa.caps.rss_hf, 0); /* one RX queue: no RSS */
	CU_ASSERT_PTR_EQUAL(sctpdk_port_pool(&pa, 0), sctpdk_test_mbuf_pool());
	CU_ASSERT_PTR_NULL(sctpdk_port_pool(&pa, 1));
	CU_ASSERT_PTR_NULL(pa.pools[0]); /* none of our own */
	uint8_t zero[6] = {0};
	CU_ASSERT(memcmp(pa.mac, zero, 6) != 0);
	CU_ASSERT_EQUAL(pa.mac[0] & 0x03, 0x02); /* local, unicast */
	CU_ASSERT_EQUAL(pa.mac_assigned, 1);
	CU_ASSERT_EQUAL_FATAL(sctpdk_port_start(&pa), 0);
	/* every TX queue sends */
	for (uint16_t q = 0; q < 3; q++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		rte_pktmbuf_append(m, 60);
		CU_ASSERT_EQUAL(rte_eth_tx_burst(pa.port_id, q, &m, 1), 1);
		CU_ASSERT_EQUAL(rte_ring_count(tx[q]), 1);
	}
	/* frames left in the RX queue come back to the pool at stop */
	unsigned in_use = rte_mempool_in_use_count(sctpdk_test_mbuf_pool());
	for (int i = 0; i < 5; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_test_mbuf_pool());
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		CU_ASSERT_EQUAL(rte_ring_enqueue(rx, m), 0);
	}
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sctpdk_test_mbuf_pool()), in_use + 5);
	CU_ASSERT_EQUAL(sctpdk_port_stop(&pa), 0);
	CU_ASSERT_EQUAL(rte_ring_count(rx), 0);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sctpdk_test_mbuf_pool()), in_use);
	/* detach leaves the device open and configured for its owner */
	sctpdk_port_detach(&pa);
	CU_ASSERT(rte_eth_dev_is_valid_port((uint16_t)id));
	rte_eth_dev_close((uint16_t)id);
	for (int q = 0; q < 3; q++) {
		struct rte_mbuf *m;
		while (rte_ring_dequeue(tx[q], (void **)&m) == 0)
			rte_pktmbuf_free(m);
		rte_ring_free(tx[q]);
	}
	rte_ring_free(rx);
	CU_ASSERT_EQUAL(rte_mempool_in_use_count(sctpdk_test_mbuf_pool()), in_use - 3);
}

SCTPDK_TEST_SUITE(port_adapter, sctpdk_test_eal_init, NULL,
		  SCTPDK_TEST(test_configure_reports_software_path), SCTPDK_TEST(test_bad_configs),
		  SCTPDK_TEST(test_packets_through_pair), SCTPDK_TEST(test_offload_path_helpers),
		  SCTPDK_TEST(test_fewer_rx_queues))
