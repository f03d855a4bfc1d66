/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/net instance: configuration, ports and local addresses, the RX
 * dispatcher, the SCTP output path, start-up announcements and counters.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_memory.h>

#include "net_priv.h"

static const char *const drop_names[SCTPDK_NET_DROP_MAX] = {
    [SCTPDK_NET_DROP_NONE] = "none",
    [SCTPDK_NET_DROP_RUNT] = "runt",
    [SCTPDK_NET_DROP_UNKNOWN_PORT] = "unknown_port",
    [SCTPDK_NET_DROP_MAC] = "mac",
    [SCTPDK_NET_DROP_VLAN] = "vlan",
    [SCTPDK_NET_DROP_ETHERTYPE] = "ethertype",
    [SCTPDK_NET_DROP_ARP_MALFORMED] = "arp_malformed",
    [SCTPDK_NET_DROP_ARP_NOT_US] = "arp_not_us",
    [SCTPDK_NET_DROP_IP4_HDR] = "ip4_hdr",
    [SCTPDK_NET_DROP_IP4_CKSUM] = "ip4_cksum",
    [SCTPDK_NET_DROP_IP4_SRC] = "ip4_src",
    [SCTPDK_NET_DROP_IP4_FRAG] = "ip4_frag",
    [SCTPDK_NET_DROP_IP6_HDR] = "ip6_hdr",
    [SCTPDK_NET_DROP_IP6_EXT] = "ip6_ext",
    [SCTPDK_NET_DROP_IP6_FRAG] = "ip6_frag",
    [SCTPDK_NET_DROP_IP6_SRC] = "ip6_src",
    [SCTPDK_NET_DROP_NOT_LOCAL] = "not_local",
    [SCTPDK_NET_DROP_PROTO] = "proto",
    [SCTPDK_NET_DROP_SCTP_SHORT] = "sctp_short",
    [SCTPDK_NET_DROP_ICMP_HDR] = "icmp_hdr",
    [SCTPDK_NET_DROP_ICMP_CKSUM] = "icmp_cksum",
    [SCTPDK_NET_DROP_ICMP_TYPE] = "icmp_type",
    [SCTPDK_NET_DROP_ICMP_INNER] = "icmp_inner",
    [SCTPDK_NET_DROP_ND_MALFORMED] = "nd_malformed",
    [SCTPDK_NET_DROP_ND_NOT_US] = "nd_not_us",
    [SCTPDK_NET_DROP_NO_MBUF] = "no_mbuf",
    [SCTPDK_NET_DROP_TX_FULL] = "tx_full",
    [SCTPDK_NET_DROP_NO_ROUTE] = "no_route",
    [SCTPDK_NET_DROP_TOO_BIG] = "too_big",
    [SCTPDK_NET_DROP_HEADROOM] = "headroom",
    [SCTPDK_NET_DROP_NEIGH_FULL] = "neigh_full",
    [SCTPDK_NET_DROP_PENDING_FULL] = "pending_full",
    [SCTPDK_NET_DROP_UNRESOLVED] = "unresolved",
    [SCTPDK_NET_DROP_TO_SELF] = "to_self",
};

const char *
sctpdk_net_drop_name(unsigned int reason)
{
	if (reason >= SCTPDK_NET_DROP_MAX || drop_names[reason] == NULL)
		return "?";
	return drop_names[reason];
}

void
sctpdk_net_config_default(struct sctpdk_net_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->neigh_max = 256;
	cfg->pending_max = 64;
	cfg->route_max = 64;
	cfg->neigh_timeout_us = 60ULL * 1000 * 1000;
	cfg->neigh_retry_us = 1000ULL * 1000;
	cfg->neigh_retries = 3;
	cfg->frag_flows = 64;
	cfg->frag_timeout_us = 2ULL * 1000 * 1000;
	cfg->ttl = 64;
	cfg->socket_id = SOCKET_ID_ANY;
}

struct sctpdk_net *
sctpdk_net_new(const struct sctpdk_net_config *cfg)
{
	if (cfg == NULL || cfg->pool == NULL || cfg->neigh_max == 0 || cfg->route_max == 0 ||
	    cfg->neigh_max > (1u << 20) || cfg->route_max > 4096 || cfg->neigh_retry_us == 0 ||
	    cfg->neigh_timeout_us == 0 || cfg->ttl == 0)
		return NULL;
	struct sctpdk_net *net = calloc(1, sizeof(*net));
	if (net == NULL)
		return NULL;
	net->cfg = *cfg;
	if (sctpdk_net_neigh_init(net) != 0 || sctpdk_net_route_init(net) != 0 ||
	    sctpdk_net_ip4_init(net) != 0) {
		sctpdk_net_del(net);
		return NULL;
	}
	return net;
}

void
sctpdk_net_del(struct sctpdk_net *net)
{
	if (net == NULL)
		return;
	sctpdk_net_ip4_fini(net);
	sctpdk_net_neigh_fini(net);
	sctpdk_net_route_fini(net);
	free(net);
}

struct net_port *
sctpdk_net_port_find(struct sctpdk_net *net, uint16_t port_id)
{
	for (uint32_t i = 0; i < net->nports; i++)
		if (net->ports[i].port_id == port_id)
			return &net->ports[i];
	return NULL;
}

static const struct net_port *
port_find_c(const struct sctpdk_net *net, uint16_t port_id)
{
	return sctpdk_net_port_find((struct sctpdk_net *)(uintptr_t)net, port_id);
}

int
sctpdk_net_port_add(struct sctpdk_net *net, uint16_t port_id, const uint8_t mac[6],
		    uint16_t vlan_id, uint16_t mtu)
{
	if (net == NULL || mac == NULL || vlan_id > 4094 || mtu < 68 || mtu > 9000 ||
	    (mac[0] & 1) != 0)
		return SCTPDK_ERR_INVAL;
	if (sctpdk_net_port_find(net, port_id) != NULL)
		return SCTPDK_ERR_EXISTS;
	if (net->nports >= SCTPDK_NET_MAX_PORTS)
		return SCTPDK_ERR_NOSPACE;
	struct net_port *p = &net->ports[net->nports++];
	memset(p, 0, sizeof(*p));
	p->port_id = port_id;
	p->vlan = vlan_id;
	p->mtu = mtu;
	memcpy(p->mac, mac, 6);
	return 0;
}

int
sctpdk_net_port_set_mtu(struct sctpdk_net *net, uint16_t port_id, uint16_t mtu)
{
	if (net == NULL || mtu < 68 || mtu > 9000)
		return SCTPDK_ERR_INVAL;
	struct net_port *p = sctpdk_net_port_find(net, port_id);
	if (p == NULL)
		return SCTPDK_ERR_NOTFOUND;
	p->mtu = mtu;
	return 0;
}

uint16_t
sctpdk_net_port_mtu(const struct sctpdk_net *net, uint16_t port_id)
{
	const struct net_port *p = port_find_c(net, port_id);
	return p != NULL ? p->mtu : 0;
}

const struct net_laddr *
sctpdk_net_port_addr(const struct net_port *p, const struct sctpdk_addr *a)
{
	for (uint32_t i = 0; i < p->naddr; i++)
		if (sctpdk_addr_eq(&p->addrs[i].a, a))
			return &p->addrs[i];
	return NULL;
}

/* Preferred source of a family on a port: an address whose prefix covers
 * `toward` (when given), else the first of that family. */
const struct sctpdk_addr *
sctpdk_net_port_src(const struct net_port *p, uint8_t family, const struct sctpdk_addr *toward)
{
	const struct sctpdk_addr *first = NULL;
	for (uint32_t i = 0; i < p->naddr; i++) {
		const struct net_laddr *l = &p->addrs[i];
		if (l->a.family != family)
			continue;
		if (first == NULL)
			first = &l->a;
		if (toward != NULL && sctpdk_net_prefix_match(toward, &l->a, l->plen))
			return &l->a;
	}
	return first;
}

static int
addr_is_unicast(const struct sctpdk_addr *a)
{
	if (a->family == SCTPDK_AF_INET) {
		const uint8_t *b = (const uint8_t *)&a->u.v4;
		return a->u.v4 != 0 && b[0] < 224;
	}
	if (a->family == SCTPDK_AF_INET6) {
		static const uint8_t zero[16];
		return a->u.v6[0] != 0xff && memcmp(a->u.v6, zero, 16) != 0;
	}
	return 0;
}

int
sctpdk_net_addr_add(struct sctpdk_net *net, uint16_t port_id, const struct sctpdk_addr *addr,
		    uint8_t prefix_len)
{
	if (net == NULL || addr == NULL || !addr_is_unicast(addr) ||
	    prefix_len > (addr->family == SCTPDK_AF_INET ? 32 : 128))
		return SCTPDK_ERR_INVAL;
	struct net_port *p = sctpdk_net_port_find(net, port_id);
	if (p == NULL)
		return SCTPDK_ERR_NOTFOUND;
	if (sctpdk_net_addr_is_local(net, addr, NULL))
		return SCTPDK_ERR_EXISTS;
	if (p->naddr >= SCTPDK_NET_MAX_ADDRS)
		return SCTPDK_ERR_NOSPACE;
	uint8_t host = addr->family == SCTPDK_AF_INET ? 32 : 128;
	if (prefix_len < host && prefix_len > 0) {
		int rc = sctpdk_net_route_add(net, addr, prefix_len, NULL, port_id);
		if (rc != 0 && rc != SCTPDK_ERR_EXISTS)
			return rc;
	}
	p->addrs[p->naddr].a = *addr;
	p->addrs[p->naddr].plen = prefix_len;
	p->naddr++;
	return 0;
}

int
sctpdk_net_addr_is_local(const struct sctpdk_net *net, const struct sctpdk_addr *addr,
			 uint16_t *port_id)
{
	for (uint32_t i = 0; i < net->nports; i++)
		if (sctpdk_net_port_addr(&net->ports[i], addr) != NULL) {
			if (port_id != NULL)
				*port_id = net->ports[i].port_id;
			return 1;
		}
	return 0;
}

void
sctpdk_net_count_drop(struct sctpdk_net *net, int reason)
{
	if (reason > 0 && reason < SCTPDK_NET_DROP_MAX)
		net->st.drop[reason]++;
}

int
sctpdk_net_tx_push(struct sctpdk_net *net, struct sctpdk_net_tx *tx, struct rte_mbuf *m,
		   uint16_t port_id)
{
	if (tx == NULL || tx->n >= tx->cap) {
		rte_pktmbuf_free(m);
		sctpdk_net_count_drop(net, SCTPDK_NET_DROP_TX_FULL);
		return SCTPDK_ERR_NOSPACE;
	}
	tx->pkts[tx->n] = m;
	tx->ports[tx->n] = port_id;
	tx->n++;
	return 0;
}

static int
rx_one(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf **mp,
       struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	struct net_eth_info ei;
	int reason = sctpdk_net_eth_parse(*mp, p, &ei);
	if (reason != 0)
		return net_drop(res, reason);
	switch (ei.ethertype) {
	case NET_ETHERTYPE_ARP:
		return sctpdk_net_arp_input(net, p, *mp, &ei, res, tx, now_us);
	case NET_ETHERTYPE_IPV4:
		return sctpdk_net_ip4_input(net, p, mp, &ei, res, tx, now_us);
	case NET_ETHERTYPE_IPV6:
		return sctpdk_net_ip6_input(net, p, mp, &ei, res, tx, now_us);
	default:
		return net_drop(res, SCTPDK_NET_DROP_ETHERTYPE);
	}
}

uint16_t
sctpdk_net_rx_burst(struct sctpdk_net *net, uint16_t port_id, struct rte_mbuf **pkts, uint16_t n,
		    struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	struct net_port *p = sctpdk_net_port_find(net, port_id);
	uint16_t nsctp = 0;
	for (uint16_t i = 0; i < n; i++) {
		struct sctpdk_net_rx_result *r = &res[i];
		r->verdict = SCTPDK_NET_DROP;
		r->reason = 0;
		r->learned = 0;
		r->port_id = port_id;
		net->st.rx_pkts++;
		int v;
		if (pkts[i] == NULL)
			v = net_drop(r, SCTPDK_NET_DROP_RUNT);
		else if (p == NULL)
			v = net_drop(r, SCTPDK_NET_DROP_UNKNOWN_PORT);
		else
			v = rx_one(net, p, &pkts[i], r, tx, now_us);
		if (v == SCTPDK_NET_SCTP) {
			net->st.rx_sctp++;
			nsctp++;
			continue;
		}
		if (v == SCTPDK_NET_DROP) {
			sctpdk_net_count_drop(net, r->reason);
			rte_pktmbuf_free(pkts[i]);
		} else if (v == SCTPDK_NET_ICMP) {
			net->st.rx_icmp_events++;
		}
		pkts[i] = NULL;
	}
	return nsctp;
}

static int
out_fail(struct sctpdk_net *net, struct rte_mbuf *m, int reason, int err)
{
	sctpdk_net_count_drop(net, reason);
	rte_pktmbuf_free(m);
	return err;
}

int
sctpdk_net_output(struct sctpdk_net *net, struct rte_mbuf *m, const struct sctpdk_addr *src,
		  const struct sctpdk_addr *dst, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	if (m == NULL)
		return SCTPDK_ERR_INVAL;
	if (net == NULL || dst == NULL) {
		rte_pktmbuf_free(m);
		return SCTPDK_ERR_INVAL;
	}
	if (!addr_is_unicast(dst))
		return out_fail(net, m, SCTPDK_NET_DROP_NO_ROUTE, SCTPDK_ERR_INVAL);
	if (sctpdk_net_addr_is_local(net, dst, NULL))
		return out_fail(net, m, SCTPDK_NET_DROP_TO_SELF, SCTPDK_ERR_INVAL);
	struct sctpdk_net_route_result rr;
	if (sctpdk_net_route_lookup(net, dst, &rr) != 0)
		return out_fail(net, m, SCTPDK_NET_DROP_NO_ROUTE, SCTPDK_ERR_NOTFOUND);
	struct net_port *p = sctpdk_net_port_find(net, rr.port_id);
	if (src == NULL || src->family == 0)
		src = &rr.src;
	else if (src->family != dst->family)
		return out_fail(net, m, SCTPDK_NET_DROP_NO_ROUTE, SCTPDK_ERR_INVAL);
	uint32_t l3 = dst->family == SCTPDK_AF_INET ? 20 : 40;
	m->ol_flags &= ~(RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_IP_CKSUM);
	if (rte_pktmbuf_pkt_len(m) + l3 > p->mtu)
		return out_fail(net, m, SCTPDK_NET_DROP_TOO_BIG, SCTPDK_ERR_MSGSIZE);
	if (rte_pktmbuf_headroom(m) < l3 + sctpdk_net_eth_len(p->vlan))
		return out_fail(net, m, SCTPDK_NET_DROP_HEADROOM, SCTPDK_ERR_NOSPACE);
	if (dst->family == SCTPDK_AF_INET)
		sctpdk_net_ip4_output(net, m, src, dst, NET_PROTO_SCTP);
	else
		sctpdk_net_ip6_output(net, m, src, dst, NET_PROTO_SCTP, net->cfg.ttl);
	uint16_t ethertype =
	    dst->family == SCTPDK_AF_INET ? NET_ETHERTYPE_IPV4 : NET_ETHERTYPE_IPV6;
	uint8_t *eh = (uint8_t *)rte_pktmbuf_prepend(m, sctpdk_net_eth_len(p->vlan));
	static const uint8_t unknown[6];
	m->l2_len = sctpdk_net_eth_write(eh, unknown, p->mac, p->vlan, ethertype);
	return sctpdk_net_neigh_send(net, p, m, &rr.next_hop, tx, now_us);
}

int
sctpdk_net_start(struct sctpdk_net *net, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	static const uint8_t all_nodes[16] = {0xff, 0x02, [15] = 0x01};
	static const uint8_t all_nodes_mac[6] = {0x33, 0x33, 0, 0, 0, 1};
	int n = 0;
	for (uint32_t i = 0; i < net->nports; i++) {
		const struct net_port *p = &net->ports[i];
		for (uint32_t j = 0; j < p->naddr; j++) {
			const struct sctpdk_addr *a = &p->addrs[j].a;
			int rc;
			if (a->family == SCTPDK_AF_INET) {
				rc = sctpdk_net_arp_request(net, p, a->u.v4, a->u.v4, tx);
				if (rc == 0)
					net->st.tx_garp++;
			} else {
				rc = sctpdk_net_nd_advert(net, p, a->u.v6, all_nodes, all_nodes_mac,
							  NET_NA_FLAG_OVERRIDE, tx);
			}
			if (rc == 0)
				n++;
		}
	}
	return n;
}

uint64_t
sctpdk_net_timer(struct sctpdk_net *net, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	sctpdk_net_ip4_timer(net, now_us);
	return sctpdk_net_neigh_timer(net, tx, now_us);
}

void
sctpdk_net_stats_get(const struct sctpdk_net *net, struct sctpdk_net_stats *st)
{
	*st = net->st;
}

uint64_t
sctpdk_net_drops_total(const struct sctpdk_net *net)
{
	uint64_t t = 0;
	for (int i = 0; i < SCTPDK_NET_DROP_MAX; i++)
		t += net->st.drop[i];
	return t;
}
