/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * IPv6 (RFC 8200): header validation, extension headers (hop-by-hop first
 * only, routing with no segments left, destination options) skipped with a
 * bound of SCTPDK_NET_IP6_MAX_EXT headers; fragment headers dropped and
 * counted (no IPv6 reassembly: SCTP does PMTU discovery and never relies on
 * IPv6 fragmentation). Multicast destinations are accepted only for ICMPv6
 * to all-nodes or to one of our solicited-node groups (Neighbour Discovery).
 */
#include <string.h>

#include <rte_ip.h>

#include "net_priv.h"

#define IP6_MAX_EXT   8
#define IP6_NH_HOP    0
#define IP6_NH_ROUTE  43
#define IP6_NH_FRAG   44
#define IP6_NH_DSTOPT 60

static const uint8_t ip6_all_nodes[16] = {0xff, 0x02, [15] = 0x01};
static const uint8_t ip6_zero[16];

void
sctpdk_net_ip6_solicited_node(const uint8_t target[16], uint8_t out[16])
{
	static const uint8_t pfx[13] = {0xff, 0x02, [11] = 0x01, [12] = 0xff};
	memcpy(out, pfx, 13);
	memcpy(out + 13, target + 13, 3);
}

/* 1 when dst is ff02::1 or the solicited-node group of one of p's IPv6
 * addresses. */
int
sctpdk_net_ip6_is_solicited_for(const struct net_port *p, const uint8_t dst[16])
{
	if (memcmp(dst, ip6_all_nodes, 16) == 0)
		return 1;
	for (uint32_t i = 0; i < p->naddr; i++) {
		uint8_t sn[16];
		if (p->addrs[i].a.family != SCTPDK_AF_INET6)
			continue;
		sctpdk_net_ip6_solicited_node(p->addrs[i].a.u.v6, sn);
		if (memcmp(sn, dst, 16) == 0)
			return 1;
	}
	return 0;
}

/* One's-complement sum of the upper-layer packet at off (len bytes, may
 * span segments) plus the IPv6 pseudo-header. 0xffff means a valid
 * checksum; to fill, write the complement with the field zeroed. */
uint16_t
sctpdk_net_cksum6(const struct rte_mbuf *m, uint32_t off, uint32_t len, const uint8_t src[16],
		  const uint8_t dst[16], uint8_t proto)
{
	uint32_t s = __rte_raw_cksum(src, 16, 0);
	s = __rte_raw_cksum(dst, 16, s);
	uint32_t w = rte_cpu_to_be_32(len);
	s = __rte_raw_cksum(&w, 4, s);
	w = rte_cpu_to_be_32(proto);
	s = __rte_raw_cksum(&w, 4, s);
	uint16_t body = 0;
	if (rte_raw_cksum_mbuf(m, off, len, &body) != 0)
		return 0;
	s += body;
	return __rte_raw_cksum_reduce(s);
}

/* Skip extension headers. Returns 0 with *nh and *off at the upper layer,
 * or a drop reason. */
static int
skip_ext(const struct rte_mbuf *m, uint8_t *nh, uint32_t *off, uint32_t end)
{
	for (int n = 0; n <= IP6_MAX_EXT; n++) {
		switch (*nh) {
		case IP6_NH_HOP:
			if (n != 0)
				return SCTPDK_NET_DROP_IP6_EXT;
			break;
		case IP6_NH_ROUTE:
		case IP6_NH_DSTOPT:
			break;
		case IP6_NH_FRAG:
			return SCTPDK_NET_DROP_IP6_FRAG;
		default:
			return 0;
		}
		if (n == IP6_MAX_EXT)
			break;
		uint8_t b[4];
		const uint8_t *e = *off + 4 <= end ? rte_pktmbuf_read(m, *off, 4, b) : NULL;
		if (e == NULL)
			return SCTPDK_NET_DROP_IP6_EXT;
		uint32_t len = ((uint32_t)e[1] + 1) * 8;
		if (*nh == IP6_NH_ROUTE && e[3] != 0)
			return SCTPDK_NET_DROP_IP6_EXT; /* we are not a router */
		if (*off + len > end)
			return SCTPDK_NET_DROP_IP6_EXT;
		*nh = e[0];
		*off += len;
	}
	return SCTPDK_NET_DROP_IP6_EXT;
}

int
sctpdk_net_ip6_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf **mp,
		     const struct net_eth_info *ei, struct sctpdk_net_rx_result *res,
		     struct sctpdk_net_tx *tx, uint64_t now_us)
{
	struct rte_mbuf *m = *mp;
	uint16_t l2 = ei->l2_len;
	uint32_t pkt_len = rte_pktmbuf_pkt_len(m);
	uint8_t buf[40];
	if (pkt_len < (uint32_t)l2 + 40)
		return net_drop(res, SCTPDK_NET_DROP_IP6_HDR);
	const uint8_t *h = rte_pktmbuf_read(m, l2, 40, buf);
	if (h == NULL || (h[0] >> 4) != 6)
		return net_drop(res, SCTPDK_NET_DROP_IP6_HDR);
	uint32_t plen = (uint32_t)(h[4] << 8 | h[5]);
	if ((uint32_t)l2 + 40 + plen > pkt_len)
		return net_drop(res, SCTPDK_NET_DROP_IP6_HDR);
	uint8_t nh = h[6];
	res->src.family = SCTPDK_AF_INET6;
	res->dst.family = SCTPDK_AF_INET6;
	memcpy(res->src.u.v6, h + 8, 16);
	memcpy(res->dst.u.v6, h + 24, 16);
	int src_unspec = memcmp(res->src.u.v6, ip6_zero, 16) == 0;
	if (res->src.u.v6[0] == 0xff || sctpdk_net_addr_is_local(net, &res->src, NULL))
		return net_drop(res, SCTPDK_NET_DROP_IP6_SRC);
	int mcast = res->dst.u.v6[0] == 0xff;
	if (mcast ? !sctpdk_net_ip6_is_solicited_for(p, res->dst.u.v6)
		  : !sctpdk_net_addr_is_local(net, &res->dst, NULL))
		return net_drop(res, SCTPDK_NET_DROP_NOT_LOCAL);
	uint32_t end = (uint32_t)l2 + 40 + plen;
	uint32_t off = (uint32_t)l2 + 40;
	int reason = skip_ext(m, &nh, &off, end);
	if (reason != 0)
		return net_drop(res, reason);
	if (pkt_len > end &&
	    (pkt_len - end > UINT16_MAX || rte_pktmbuf_trim(m, (uint16_t)(pkt_len - end)) != 0))
		return net_drop(res, SCTPDK_NET_DROP_IP6_HDR);
	uint32_t l4_len = end - off;
	if (nh != NET_PROTO_ICMPV6 && (mcast || src_unspec))
		return net_drop(res, mcast ? SCTPDK_NET_DROP_NOT_LOCAL : SCTPDK_NET_DROP_IP6_SRC);
	switch (nh) {
	case NET_PROTO_SCTP:
		if (l4_len < NET_SCTP_HDR_LEN)
			return net_drop(res, SCTPDK_NET_DROP_SCTP_SHORT);
		m->l2_len = l2;
		m->l3_len = (uint16_t)(off - l2);
		m->packet_type =
		    RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN | RTE_PTYPE_L4_SCTP;
		res->l4_off = (uint16_t)off;
		res->l4_len = l4_len;
		res->verdict = SCTPDK_NET_SCTP;
		return SCTPDK_NET_SCTP;
	case NET_PROTO_ICMPV6:
		if (src_unspec || mcast) {
			/* only Neighbour Discovery may use these */
			uint8_t t;
			const uint8_t *tp = l4_len >= 1 ? rte_pktmbuf_read(m, off, 1, &t) : NULL;
			if (tp == NULL || (*tp != 135 && *tp != 136))
				return net_drop(res, mcast ? SCTPDK_NET_DROP_NOT_LOCAL
							   : SCTPDK_NET_DROP_IP6_SRC);
		}
		return sctpdk_net_icmp6_input(net, p, m, l2, (uint16_t)(off - l2), l4_len, res, tx,
					      now_us);
	default:
		return net_drop(res, SCTPDK_NET_DROP_PROTO);
	}
}

/* Prepend a 40-byte header (caller checked headroom). */
int
sctpdk_net_ip6_output(struct sctpdk_net *net, struct rte_mbuf *m, const struct sctpdk_addr *src,
		      const struct sctpdk_addr *dst, uint8_t proto, uint8_t hop_limit)
{
	uint32_t plen = rte_pktmbuf_pkt_len(m);
	uint8_t *h = (uint8_t *)rte_pktmbuf_prepend(m, 40);
	if (h == NULL || plen > 65535)
		return SCTPDK_ERR_NOSPACE;
	h[0] = 0x60;
	h[1] = h[2] = h[3] = 0;
	h[4] = (uint8_t)(plen >> 8);
	h[5] = (uint8_t)plen;
	h[6] = proto;
	h[7] = hop_limit;
	memcpy(h + 8, src->u.v6, 16);
	memcpy(h + 24, dst->u.v6, 16);
	m->l3_len = 40;
	m->ol_flags |= RTE_MBUF_F_TX_IPV6;
	(void)net;
	return 0;
}
