/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * IPv6 Neighbour Discovery (RFC 4861), the part an SCTP endpoint needs:
 * answer Neighbor Solicitations for our addresses with a solicited Neighbor
 * Advertisement, learn the solicitor's link-layer address, resolve next
 * hops by soliciting their solicited-node group, accept advertisements for
 * entries we are resolving, and send unsolicited NAs at start. No DAD, no
 * router discovery, no redirects (counted as icmp_type drops).
 */
#include <string.h>

#include "net_priv.h"

#define ND_NS          135
#define ND_NA          136
#define ND_OPT_SLL     1
#define ND_OPT_TLL     2
#define ND_MSG_LEN     24
#define ND_FRAME_PAYLD (40 + ND_MSG_LEN + 8)

static const uint8_t zero16[16];

/* Find the source (NS) or target (NA) link-layer option. Returns 0 and
 * *found, or a drop reason for malformed options. */
static int
find_lladdr(const struct rte_mbuf *m, uint32_t off, uint32_t end, uint8_t want, uint8_t mac[6],
	    int *found)
{
	*found = 0;
	while (off < end) {
		uint8_t b[8];
		if (end - off < 8)
			return SCTPDK_NET_DROP_ND_MALFORMED;
		const uint8_t *o = rte_pktmbuf_read(m, off, 8, b);
		if (o == NULL || o[1] == 0)
			return SCTPDK_NET_DROP_ND_MALFORMED;
		uint32_t olen = (uint32_t)o[1] * 8;
		if (olen > end - off)
			return SCTPDK_NET_DROP_ND_MALFORMED;
		if (o[0] == want && !*found) {
			memcpy(mac, o + 2, 6);
			*found = 1;
		}
		off += olen;
	}
	return 0;
}

static struct rte_mbuf *
nd_frame(struct sctpdk_net *net, const struct net_port *p, const uint8_t dst_mac[6],
	 const uint8_t src[16], const uint8_t dst[16], uint8_t **msg)
{
	uint8_t *ip;
	struct rte_mbuf *m =
	    sctpdk_net_eth_frame(net, p, dst_mac, NET_ETHERTYPE_IPV6, ND_FRAME_PAYLD, &ip);
	if (m == NULL)
		return NULL;
	ip[0] = 0x60;
	ip[5] = ND_MSG_LEN + 8;
	ip[6] = NET_PROTO_ICMPV6;
	ip[7] = 255;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
	*msg = ip + 40;
	return m;
}

static void
nd_finish(struct rte_mbuf *m, const struct net_port *p, uint8_t *msg)
{
	uint8_t *ip = msg - 40;
	uint16_t sum =
	    (uint16_t)~sctpdk_net_cksum6(m, sctpdk_net_eth_len(p->vlan) + 40u, ND_MSG_LEN + 8,
					 ip + 8, ip + 24, NET_PROTO_ICMPV6);
	memcpy(msg + 2, &sum, 2);
}

/* Multicast an NS for target from src (one of p's IPv6 addresses). */
int
sctpdk_net_nd_solicit(struct sctpdk_net *net, const struct net_port *p,
		      const struct sctpdk_addr *src, const struct sctpdk_addr *target,
		      struct sctpdk_net_tx *tx)
{
	if (src == NULL || src->family != SCTPDK_AF_INET6)
		return SCTPDK_ERR_NOTFOUND;
	uint8_t dst[16], *msg;
	sctpdk_net_ip6_solicited_node(target->u.v6, dst);
	const uint8_t mac[6] = {0x33, 0x33, dst[12], dst[13], dst[14], dst[15]};
	struct rte_mbuf *m = nd_frame(net, p, mac, src->u.v6, dst, &msg);
	if (m == NULL)
		return SCTPDK_ERR_NOMEM;
	msg[0] = ND_NS;
	memcpy(msg + 8, target->u.v6, 16);
	msg[24] = ND_OPT_SLL;
	msg[25] = 1;
	memcpy(msg + 26, p->mac, 6);
	nd_finish(m, p, msg);
	int rc = sctpdk_net_tx_push(net, tx, m, p->port_id);
	if (rc == 0)
		net->st.tx_ns++;
	return rc;
}

/* Send an NA for target (ours) to dst_ip/dst_mac with the given flags. */
int
sctpdk_net_nd_advert(struct sctpdk_net *net, const struct net_port *p, const uint8_t target[16],
		     const uint8_t dst_ip[16], const uint8_t dst_mac[6], uint8_t flags,
		     struct sctpdk_net_tx *tx)
{
	uint8_t *msg;
	struct rte_mbuf *m = nd_frame(net, p, dst_mac, target, dst_ip, &msg);
	if (m == NULL)
		return SCTPDK_ERR_NOMEM;
	msg[0] = ND_NA;
	msg[4] = flags;
	memcpy(msg + 8, target, 16);
	msg[24] = ND_OPT_TLL;
	msg[25] = 1;
	memcpy(msg + 26, p->mac, 6);
	nd_finish(m, p, msg);
	int rc = sctpdk_net_tx_push(net, tx, m, p->port_id);
	if (rc == 0)
		net->st.tx_na++;
	return rc;
}

/* NS or NA (checksum already verified). Takes m unless it returns DROP. */
int
sctpdk_net_nd_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
		    const struct net_eth_info *ei, uint16_t off, uint32_t len, uint8_t hop_limit,
		    struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	uint8_t b[ND_MSG_LEN];
	const uint8_t *nd = len >= ND_MSG_LEN ? rte_pktmbuf_read(m, off, ND_MSG_LEN, b) : NULL;
	if (nd == NULL || hop_limit != 255 || nd[1] != 0)
		return net_drop(res, SCTPDK_NET_DROP_ND_MALFORMED);
	uint8_t type = nd[0], flags = nd[4];
	struct sctpdk_addr target = {.family = SCTPDK_AF_INET6};
	memcpy(target.u.v6, nd + 8, 16);
	if (target.u.v6[0] == 0xff)
		return net_drop(res, SCTPDK_NET_DROP_ND_MALFORMED);
	uint8_t mac[6];
	int have_mac;
	int reason = find_lladdr(m, off + ND_MSG_LEN, off + len,
				 type == ND_NS ? ND_OPT_SLL : ND_OPT_TLL, mac, &have_mac);
	if (reason != 0)
		return net_drop(res, reason);
	if (have_mac && (mac[0] & 1))
		return net_drop(res, SCTPDK_NET_DROP_ND_MALFORMED);
	int src_unspec = memcmp(res->src.u.v6, zero16, 16) == 0;
	int dst_mcast = res->dst.u.v6[0] == 0xff;
	if (type == ND_NS) {
		if (src_unspec && have_mac)
			return net_drop(res, SCTPDK_NET_DROP_ND_MALFORMED);
		if (sctpdk_net_port_addr(p, &target) == NULL)
			return net_drop(res, SCTPDK_NET_DROP_ND_NOT_US);
		net->st.rx_nd++;
		if (src_unspec) {
			/* a duplicate address probe: defend with an NA to all-nodes */
			static const uint8_t all_nodes[16] = {0xff, 0x02, [15] = 0x01};
			static const uint8_t all_nodes_mac[6] = {0x33, 0x33, 0, 0, 0, 1};
			sctpdk_net_nd_advert(net, p, target.u.v6, all_nodes, all_nodes_mac,
					     NET_NA_FLAG_OVERRIDE, tx);
		} else {
			if (have_mac) {
				struct net_neigh *nb =
				    sctpdk_net_neigh_find(net, p->port_id, &res->src);
				if (nb == NULL)
					nb = sctpdk_net_neigh_create(net, p->port_id, &res->src);
				if (nb != NULL &&
				    sctpdk_net_neigh_learn(net, nb, mac, net->cfg.neigh_timeout_us,
							   tx, now_us))
					net_learned(res, &res->src, mac);
			}
			sctpdk_net_nd_advert(net, p, target.u.v6, res->src.u.v6,
					     have_mac ? mac : ei->src,
					     NET_NA_FLAG_SOLICITED | NET_NA_FLAG_OVERRIDE, tx);
		}
	} else {
		if (dst_mcast && (flags & NET_NA_FLAG_SOLICITED))
			return net_drop(res, SCTPDK_NET_DROP_ND_MALFORMED);
		net->st.rx_nd++;
		struct net_neigh *nb = sctpdk_net_neigh_find(net, p->port_id, &target);
		if (nb != NULL && have_mac &&
		    (nb->state != NB_RESOLVED || (flags & NET_NA_FLAG_OVERRIDE)) &&
		    sctpdk_net_neigh_learn(net, nb, mac, net->cfg.neigh_timeout_us, tx, now_us))
			net_learned(res, &target, mac);
	}
	rte_pktmbuf_free(m);
	res->verdict = SCTPDK_NET_CONSUMED;
	return SCTPDK_NET_CONSUMED;
}
