/* SPDX-License-Identifier: BSD-3-Clause */
#include "netif.h"

#include <stdio.h>
#include <string.h>

#include <rte_mbuf.h>
#include <rte_prefetch.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_net.h>

#include "rt_priv.h"

/* A neighbour learned on one lcore, for the others. */
struct neigh_note {
	uint16_t port_id;
	uint8_t mac[6];
	struct sctpdk_addr ip;
	uint64_t lifetime_us;
};

/* An ICMP error for an endpoint owned by another lcore. */
struct icmp_note {
	unsigned ep;
	struct sctpdk_icmp_event ev;
};

static uint8_t
default_prefix(const struct sctpdk_addr *a, uint8_t configured)
{
	if (configured != 0)
		return configured;
	return a->family == SCTPDK_AF_INET ? 24 : 64;
}

int
sctpdk_rt_netif_create(struct sctpdk_stack *st)
{
	char name[RTE_RING_NAMESIZE];
	struct sctpdk_net_config nc;
	sctpdk_net_config_default(&nc);
	nc.pool = st->pool;
	for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
		struct sctpdk_rt_lcore *lc = &st->lc[i];
		lc->net = sctpdk_net_new(&nc);
		snprintf(name, sizeof(name), "%s_nb%u", st->tag, i);
		lc->neigh = rte_ring_create_elem(name, sizeof(struct neigh_note), 256,
						 SOCKET_ID_ANY, RING_F_SC_DEQ);
		snprintf(name, sizeof(name), "%s_ic%u", st->tag, i);
		lc->icmp = rte_ring_create_elem(name, sizeof(struct icmp_note), 256, SOCKET_ID_ANY,
						RING_F_SC_DEQ);
		if (lc->net == NULL || lc->neigh == NULL || lc->icmp == NULL)
			return SCTPDK_ERR_NOMEM;
		lc->txq.pkts = lc->tx_pkts;
		lc->txq.ports = lc->tx_ports;
		lc->txq.cap = RT_TX_CAP;
		lc->txq.n = 0;
		lc->tx_held = 0;
		lc->net_next = 0;
		for (unsigned p = 0; p < st->n_ports; p++) {
			struct sctpdk_rt_port *pt = &st->ports[p];
			uint16_t mtu = pt->cfg.mtu ? pt->cfg.mtu : 1500;
			int rc = sctpdk_net_port_add(lc->net, pt->port_id, pt->mac, 0, mtu);
			for (unsigned k = 0; rc == 0 && k < pt->cfg.n_addrs; k++)
				rc = sctpdk_net_addr_add(
				    lc->net, pt->port_id, &pt->cfg.addrs[k],
				    default_prefix(&pt->cfg.addrs[k], pt->cfg.prefix_len[k]));
			for (unsigned k = 0; rc == 0 && k < pt->cfg.n_routes; k++) {
				const struct sctpdk_rt_route *r = &pt->cfg.routes[k];
				rc = sctpdk_net_route_add(lc->net, &r->prefix, r->prefix_len,
							  r->gateway.family != 0 ? &r->gateway : NULL,
							  pt->port_id);
			}
			if (rc != 0) {
				RT_LOG(ERR, "port %u: lib/net refused its addresses or routes: %d",
				       pt->port_id, rc);
				return rc;
			}
		}
	}
	return 0;
}

void
sctpdk_rt_netif_free(struct sctpdk_stack *st)
{
	if (st->lc == NULL)
		return;
	for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
		struct sctpdk_rt_lcore *lc = &st->lc[i];
		for (uint16_t k = 0; k < lc->txq.n; k++)
			rte_pktmbuf_free(lc->tx_pkts[k]);
		lc->txq.n = 0;
		lc->tx_held = 0;
		sctpdk_net_del(lc->net);
		lc->net = NULL;
		rte_ring_free(lc->neigh);
		lc->neigh = NULL;
		rte_ring_free(lc->icmp);
		lc->icmp = NULL;
	}
}

void
sctpdk_rt_netif_start(struct sctpdk_rt_lcore *lc, uint64_t now_us)
{
	/* one announcement per stack, from its first lcore */
	if (lc->index == 0)
		sctpdk_net_start(lc->net, &lc->txq, now_us);
}

/* coarse runtime reason of a lib/net drop */
static unsigned
coarse(unsigned reason)
{
	switch (reason) {
	case SCTPDK_NET_DROP_RUNT:
	case SCTPDK_NET_DROP_UNKNOWN_PORT:
	case SCTPDK_NET_DROP_MAC:
	case SCTPDK_NET_DROP_VLAN:
	case SCTPDK_NET_DROP_ETHERTYPE:
	case SCTPDK_NET_DROP_ARP_MALFORMED:
	case SCTPDK_NET_DROP_ARP_NOT_US:
		return SCTPDK_RT_DROP_L2;
	case SCTPDK_NET_DROP_PROTO:
		return SCTPDK_RT_DROP_NOT_SCTP;
	case SCTPDK_NET_DROP_SCTP_SHORT:
		return SCTPDK_RT_DROP_SCTP_HDR;
	case SCTPDK_NET_DROP_NO_MBUF:
		return SCTPDK_RT_DROP_NOMEM;
	case SCTPDK_NET_DROP_TX_FULL:
		return SCTPDK_RT_DROP_TX_FULL;
	default:
		return SCTPDK_RT_DROP_L3;
	}
}

/* An ICMP error lib/net decoded: to the engine of the endpoint whose port
 * sent the quoted packet, on that endpoint's owner lcore (where all its
 * associations live). */
static void
icmp_event(struct sctpdk_rt_lcore *lc, const struct sctpdk_icmp_event *ev, uint64_t now_us)
{
	struct sctpdk_stack *st = lc->st;
	lc->stats.rx_icmp_events++;
	unsigned e = 0;
	while (e < st->n_eps && st->eps[e].cfg.local_port != ev->src_port)
		e++;
	if (e == st->n_eps || st->eng->icmp_input == NULL) {
		lc->stats.drop[SCTPDK_RT_DROP_NO_ENDPOINT]++;
		return;
	}
	struct sctpdk_rt_ep *ep = &st->eps[e];
	if (ep->cfg.owner == lc->index) {
		st->eng->icmp_input(ep->state, ev, now_us);
		return;
	}
	struct icmp_note note = {.ep = e, .ev = *ev};
	if (rte_ring_mp_enqueue_elem(st->lc[ep->cfg.owner].icmp, &note, sizeof(note)) != 0)
		lc->stats.drop[SCTPDK_RT_DROP_RING_FULL]++;
	else
		lc->stats.demux_handoff++;
}

/* Lines 2.. of a frame's first segment (the first: rx_prefetch). */
static inline void
prefetch_frame(const struct rte_mbuf *m)
{
	const char *d = rte_pktmbuf_mtod(m, const char *);
	uint32_t len = rte_pktmbuf_data_len(m);
	if (len > 1536)
		len = 1536;
	for (uint32_t off = RTE_CACHE_LINE_SIZE; off < len; off += RTE_CACHE_LINE_SIZE)
		rte_prefetch0(d + off);
}

void
sctpdk_rt_netif_rx(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_port *pt, struct rte_mbuf **pkts,
		   uint16_t n, uint64_t now_us, sctpdk_rt_netif_rx_cb rx)
{
	struct sctpdk_net_rx_result res[RT_BURST];
	struct sctpdk_stack *st = lc->st;
	sctpdk_net_rx_burst(lc->net, pt->port_id, pkts, n, res, &lc->txq, now_us);
	for (uint16_t i = 0; i < n; i++) {
		switch (res[i].verdict) {
		case SCTPDK_NET_SCTP: {
			struct rte_mbuf *m = pkts[i];
			/* the rest of the next packet while this one's CRC32c
			 * and chunks are worked on */
			if (i + 1 < n && res[i + 1].verdict == SCTPDK_NET_SCTP)
				prefetch_frame(pkts[i + 1]);
			if (res[i].l4_off > rte_pktmbuf_data_len(m) ||
			    rte_pktmbuf_adj(m, res[i].l4_off) == NULL) {
				/* headers must sit in the first segment */
				lc->stats.drop[SCTPDK_RT_DROP_L3]++;
				rte_pktmbuf_free(m);
				break;
			}
			rx(lc, pt, m, &res[i].src, &res[i].dst, now_us);
			break;
		}
		case SCTPDK_NET_CONSUMED:
			lc->stats.rx_consumed++;
			if (res[i].learned)
				for (unsigned k = 0; k < st->cfg.n_lcores; k++) {
					if (k == lc->index)
						continue;
					struct neigh_note nn = {.port_id = res[i].port_id,
								.ip = res[i].nb_ip,
								.lifetime_us = 60000000};
					memcpy(nn.mac, res[i].nb_mac, 6);
					rte_ring_mp_enqueue_elem(st->lc[k].neigh, &nn, sizeof(nn));
				}
			break;
		case SCTPDK_NET_ICMP:
			icmp_event(lc, &res[i].icmp, now_us);
			break;
		default:
			lc->stats.drop[coarse(res[i].reason)]++;
			break;
		}
	}
}

int
sctpdk_rt_netif_output(struct sctpdk_rt_lcore *lc, struct rte_mbuf *m,
		       const struct sctpdk_addr *src, const struct sctpdk_addr *dst,
		       uint64_t now_us)
{
	/* keep room for the frame and a possible neighbour request */
	if (lc->txq.n - lc->tx_held + 2 >= RT_TX_BATCH || lc->txq.n + 2 >= lc->txq.cap)
		sctpdk_rt_tx_flush(lc);
	int rc = sctpdk_net_output(lc->net, m, src, dst, &lc->txq, now_us);
	if (rc < 0)
		lc->stats.drop[rc == SCTPDK_ERR_NOTFOUND ? SCTPDK_RT_DROP_NO_ROUTE
							 : SCTPDK_RT_DROP_L3]++;
	return rc < 0 ? rc : 0;
}

void
sctpdk_rt_netif_poll(struct sctpdk_rt_lcore *lc, uint64_t now_us)
{
	struct neigh_note nn;
	while (rte_ring_sc_dequeue_elem(lc->neigh, &nn, sizeof(nn)) == 0)
		sctpdk_net_neigh_add(lc->net, nn.port_id, &nn.ip, nn.mac, nn.lifetime_us, &lc->txq,
				     now_us);
	struct icmp_note in;
	while (rte_ring_sc_dequeue_elem(lc->icmp, &in, sizeof(in)) == 0)
		lc->st->eng->icmp_input(lc->st->eps[in.ep].state, &in.ev, now_us);
	if (now_us >= lc->net_next) {
		uint64_t next = sctpdk_net_timer(lc->net, &lc->txq, now_us);
		/* at least every 10 ms: pending resolutions, reassembly */
		lc->net_next = next < now_us + 10000 ? next : now_us + 10000;
	}
}

int
sctpdk_stack_neigh_add(struct sctpdk_stack *st, unsigned port, const struct sctpdk_addr *ip,
		       const uint8_t mac[6])
{
	if (port >= st->n_ports || ip == NULL || mac == NULL)
		return SCTPDK_ERR_INVAL;
	struct neigh_note nn = {
	    .port_id = st->ports[port].port_id, .ip = *ip, .lifetime_us = UINT64_MAX};
	memcpy(nn.mac, mac, 6);
	for (unsigned k = 0; k < st->cfg.n_lcores; k++)
		if (rte_ring_mp_enqueue_elem(st->lc[k].neigh, &nn, sizeof(nn)) != 0)
			return SCTPDK_ERR_AGAIN;
	return 0;
}

int
sctpdk_stack_port_mac(const struct sctpdk_stack *st, unsigned port, uint8_t mac[6])
{
	if (port >= st->n_ports)
		return SCTPDK_ERR_INVAL;
	memcpy(mac, st->ports[port].mac, 6);
	return 0;
}

void
sctpdk_rt_netif_stats(const struct sctpdk_stack *st, struct sctpdk_net_stats *sum)
{
	memset(sum, 0, sizeof(*sum));
	for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
		struct sctpdk_net_stats s;
		if (st->lc[i].net == NULL)
			continue;
		sctpdk_net_stats_get(st->lc[i].net, &s);
		const uint64_t *a = (const uint64_t *)&s;
		uint64_t *b = (uint64_t *)sum;
		for (size_t k = 0; k < sizeof(s) / sizeof(uint64_t); k++)
			b[k] += a[k];
	}
}
