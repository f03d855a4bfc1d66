/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Integration: two lib/net stacks on a net_ring pair configured by the port
 * adapter, with drivers/impair on one receive path. ARP resolution, SCTP
 * delivery both ways, an ARP request lost and retried by the timer.
 */
#include <stdio.h>
#include <string.h>

#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_impair.h>
#include <sctpdk/sctpdk_net.h>
#include <sctpdk/sctpdk_port.h>

#include "sctpdk_test.h"

struct side {
	struct sctpdk_port port;
	struct sctpdk_net *net;
	struct sctpdk_addr addr;
	struct rte_mbuf *txp[64];
	uint16_t txport[64];
	struct sctpdk_net_tx tx;
	uint32_t sctp_rx; /* SCTP packets delivered */
	uint32_t last_vtag;
};

static struct side sa, sb;

static int
side_init(struct side *s, uint16_t port_id, uint8_t last_octet)
{
	struct sctpdk_port_config pc;
	sctpdk_port_config_default(&pc, port_id, 1);
	pc.nb_rxd = pc.nb_txd = 128;
	pc.nb_mbufs = 511;
	if (sctpdk_port_configure(&s->port, &pc) != 0 || sctpdk_port_start(&s->port) != 0)
		return -1;
	struct sctpdk_net_config nc;
	sctpdk_net_config_default(&nc);
	nc.pool = sctpdk_port_pool(&s->port, 0);
	s->net = sctpdk_net_new(&nc);
	if (s->net == NULL)
		return -1;
	/* net_ring MACs are not unique across pairs: give each side its own */
	uint8_t mac[6] = {0x02, 0x10, 0, 0, 0, last_octet};
	s->addr = sctpdk_addr_v4(198, 18, 0, last_octet);
	if (sctpdk_net_port_add(s->net, port_id, mac, 0, s->port.mtu) != 0 ||
	    sctpdk_net_addr_add(s->net, port_id, &s->addr, 24) != 0)
		return -1;
	s->tx = (struct sctpdk_net_tx){s->txp, s->txport, 64, 0};
	s->sctp_rx = 0;
	return 0;
}

/* The TX drain: SCTP frames (lib/net set the IP TX flag) take the port's
 * checksum path; ARP/ND frames go as they are. */
static void
side_flush(struct side *s)
{
	for (uint16_t i = 0; i < s->tx.n; i++)
		if (s->tx.pkts[i]->ol_flags & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6))
			sctpdk_port_tx_cksum(&s->port, 0, s->tx.pkts[i]);
	uint16_t sent = rte_eth_tx_burst(s->port.port_id, 0, s->tx.pkts, s->tx.n);
	for (uint16_t i = sent; i < s->tx.n; i++)
		rte_pktmbuf_free(s->tx.pkts[i]);
	s->tx.n = 0;
}

static void
side_poll(struct side *s, uint64_t now)
{
	struct rte_mbuf *pk[32];
	struct sctpdk_net_rx_result res[32];
	uint16_t n = rte_eth_rx_burst(s->port.port_id, 0, pk, 32);
	sctpdk_net_rx_burst(s->net, s->port.port_id, pk, n, res, &s->tx, now);
	for (uint16_t i = 0; i < n; i++) {
		if (res[i].verdict != SCTPDK_NET_SCTP)
			continue;
		sctpdk_port_rx_cksum(&s->port, 0, pk[i]);
		const uint8_t *h = rte_pktmbuf_mtod_offset(pk[i], const uint8_t *, res[i].l4_off);
		s->last_vtag =
		    (uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 | (uint32_t)h[6] << 8 | h[7];
		s->sctp_rx++;
		rte_pktmbuf_free(pk[i]);
	}
	sctpdk_net_timer(s->net, &s->tx, now);
	side_flush(s);
}

static int
send_sctp(struct side *from, const struct side *to, uint32_t vtag, uint64_t now)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(sctpdk_port_pool(&from->port, 0));
	if (m == NULL)
		return -1;
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, 28);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return -1;
	}
	memset(p, 0, 28);
	p[1] = 1;
	p[3] = 2;
	p[4] = (uint8_t)(vtag >> 24);
	p[5] = (uint8_t)(vtag >> 16);
	p[6] = (uint8_t)(vtag >> 8);
	p[7] = (uint8_t)vtag;
	return sctpdk_net_output(from->net, m, NULL, &to->addr, &from->tx, now);
}

static void
test_two_stacks_over_ring_pair(void)
{
	struct rte_ring *ab = rte_ring_create("lk_ab", 256, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
	struct rte_ring *ba = rte_ring_create("lk_ba", 256, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ab);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ba);
	int pa = rte_eth_from_rings("lk_a", &ba, 1, &ab, 1, 0);
	int pb = rte_eth_from_rings("lk_b", &ab, 1, &ba, 1, 0);
	CU_ASSERT_FATAL(pa >= 0 && pb >= 0);
	CU_ASSERT_EQUAL_FATAL(side_init(&sa, (uint16_t)pa, 1), 0);
	CU_ASSERT_EQUAL_FATAL(side_init(&sb, (uint16_t)pb, 2), 0);

	/* B loses the first ARP request it receives */
	struct sctpdk_impair_config ic;
	sctpdk_impair_config_default(&ic, 77);
	struct sctpdk_impair_rule lose = {
	    .action = SCTPDK_IMPAIR_DROP, .when = SCTPDK_IMPAIR_NTH, .n = 1};
	CU_ASSERT_EQUAL(sctpdk_impair_add_rule(&ic, &lose), 0);
	struct sctpdk_impair *imp = sctpdk_impair_new(&ic);
	CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
	CU_ASSERT_EQUAL(sctpdk_impair_attach_rx(imp, sb.port.port_id, 0), 0);

	uint64_t now = 1000000;
	CU_ASSERT_EQUAL(send_sctp(&sa, &sb, 0xa1, now), 1); /* queued behind ARP */
	side_flush(&sa);
	side_poll(&sb, now); /* the request is lost */
	side_poll(&sa, now);
	CU_ASSERT_EQUAL(sb.sctp_rx, 0);
	/* one retry interval later A asks again; B answers; A releases */
	now += 1000000;
	side_poll(&sa, now);
	side_poll(&sb, now);
	side_poll(&sa, now);
	side_poll(&sb, now);
	CU_ASSERT_EQUAL(sb.sctp_rx, 1);
	CU_ASSERT_EQUAL(sb.last_vtag, 0xa1);
	/* B learned A from A's request: it answers without asking */
	CU_ASSERT_EQUAL(send_sctp(&sb, &sa, 0xb2, now), 0);
	side_flush(&sb);
	side_poll(&sa, now);
	CU_ASSERT_EQUAL(sa.sctp_rx, 1);
	CU_ASSERT_EQUAL(sa.last_vtag, 0xb2);
	/* a burst each way */
	for (uint32_t i = 0; i < 20; i++) {
		CU_ASSERT_EQUAL(send_sctp(&sa, &sb, 0x100 + i, now), 0);
		CU_ASSERT_EQUAL(send_sctp(&sb, &sa, 0x200 + i, now), 0);
	}
	side_flush(&sa);
	side_flush(&sb);
	side_poll(&sa, now);
	side_poll(&sb, now);
	CU_ASSERT_EQUAL(sb.sctp_rx, 21);
	CU_ASSERT_EQUAL(sa.sctp_rx, 21);
	CU_ASSERT_EQUAL(sb.last_vtag, 0x113);

	struct sctpdk_net_stats st;
	sctpdk_net_stats_get(sa.net, &st);
	CU_ASSERT_EQUAL(st.tx_arp_request, 2);
	CU_ASSERT_EQUAL(st.pending_queued, 1);
	CU_ASSERT_EQUAL(sctpdk_net_drops_total(sa.net), 0);
	CU_ASSERT_EQUAL(sctpdk_net_drops_total(sb.net), 0);
	struct sctpdk_impair_stats is;
	sctpdk_impair_stats_get(imp, &is);
	CU_ASSERT_EQUAL(is.dropped, 1);
	struct sctpdk_port_qstats q;
	sctpdk_port_stats(&sa.port, &q);
	CU_ASSERT_EQUAL(q.tx_cksum_sw, 21); /* net_ring: software CRC path */
	CU_ASSERT_EQUAL(q.tx_cksum_offload, 0);
	CU_ASSERT_EQUAL(q.rx_cksum_sw, 21);
	sctpdk_port_stats(&sb.port, &q);
	CU_ASSERT_EQUAL(q.tx_cksum_sw, 21);
	CU_ASSERT_EQUAL(q.rx_cksum_sw, 21);

	sctpdk_impair_del(imp);
	sctpdk_net_del(sa.net);
	sctpdk_net_del(sb.net);
	sctpdk_port_close(&sa.port);
	sctpdk_port_close(&sb.port);
	rte_ring_free(ab);
	rte_ring_free(ba);
}

SCTPDK_TEST_SUITE(port_link, sctpdk_test_eal_init, NULL,
		  SCTPDK_TEST(test_two_stacks_over_ring_pair))
