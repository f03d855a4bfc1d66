/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ICMPv6 (RFC 4443): checksum verified for every message; echo requests
 * answered in place (only when the request carried no extension header);
 * Neighbour Discovery passed to nd.c; destination unreachable, packet too
 * big and parameter problem "unrecognized next header" about an SCTP packet
 * we sent decoded into an sctpdk_icmp_event. The rest is dropped and counted.
 */
#include <string.h>

#include <rte_ip.h>

#include "net_priv.h"

#define ICMP6_UNREACH      1
#define ICMP6_PKT_TOO_BIG  2
#define ICMP6_PARAM_PROB   4
#define ICMP6_ECHO_REQUEST 128
#define ICMP6_ECHO_REPLY   129
#define ICMP6_NS           135
#define ICMP6_NA           136

static int
echo_reply(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m, uint16_t l2, uint16_t l3,
	   uint32_t icmp_len, struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx)
{
	if (l3 != 40)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_TYPE);
	if (rte_pktmbuf_data_len(m) < (uint32_t)l2 + 48 || RTE_MBUF_DIRECT(m) == 0 ||
	    rte_mbuf_refcnt_read(m) != 1 || sctpdk_net_eth_len(p->vlan) != l2)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_HDR);
	uint8_t *eh = rte_pktmbuf_mtod(m, uint8_t *);
	memcpy(eh, eh + 6, 6);
	memcpy(eh + 6, p->mac, 6);
	uint8_t *ip = eh + l2;
	uint8_t tmp[16];
	memcpy(tmp, ip + 8, 16);
	memcpy(ip + 8, ip + 24, 16);
	memcpy(ip + 24, tmp, 16);
	ip[7] = net->cfg.ttl;
	uint8_t *ic = ip + 40;
	ic[0] = ICMP6_ECHO_REPLY;
	ic[2] = ic[3] = 0;
	uint16_t sum = (uint16_t)~sctpdk_net_cksum6(m, (uint32_t)l2 + 40, icmp_len, ip + 8, ip + 24,
						    NET_PROTO_ICMPV6);
	memcpy(ic + 2, &sum, 2);
	return sctpdk_net_echo_reply_send(net, p, m, res, tx);
}

static int
error_event(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m, uint32_t off,
	    const uint8_t ic[8], uint32_t icmp_len, struct sctpdk_net_rx_result *res)
{
	uint8_t buf[40];
	if (icmp_len < 8 + 40 + 8)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_INNER);
	const uint8_t *q = rte_pktmbuf_read(m, off + 8, 40, buf);
	if (q == NULL || (q[0] >> 4) != 6 || q[6] != NET_PROTO_SCTP)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_INNER);
	struct sctpdk_icmp_event *ev = &res->icmp;
	memset(ev, 0, sizeof(*ev));
	ev->src.family = ev->dst.family = SCTPDK_AF_INET6;
	memcpy(ev->src.u.v6, q + 8, 16);
	memcpy(ev->dst.u.v6, q + 24, 16);
	if (!sctpdk_net_addr_is_local(net, &ev->src, NULL))
		return net_drop(res, SCTPDK_NET_DROP_ICMP_INNER);
	uint32_t avail = icmp_len - 48;
	if (avail > 20)
		avail = 20;
	const uint8_t *l4 = rte_pktmbuf_read(m, off + 48, avail, buf);
	if (l4 == NULL)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_INNER);
	if (ic[0] == ICMP6_PKT_TOO_BIG)
		return sctpdk_net_icmp_report(p, m, ic, l4, avail, SCTPDK_ICMP_PMTU,
					      (uint32_t)ic[4] << 24 | (uint32_t)ic[5] << 16 |
						  (uint32_t)ic[6] << 8 | ic[7],
					      res);
	return sctpdk_net_icmp_report(p, m, ic, l4, avail,
				      ic[0] == ICMP6_PARAM_PROB ? SCTPDK_ICMP_PROTO_UNREACH
								: SCTPDK_ICMP_UNREACH,
				      0, res);
}

int
sctpdk_net_icmp6_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
		       uint16_t l2_len, uint16_t l3_len, uint32_t icmp_len,
		       struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx, uint64_t now_us)
{
	uint32_t off = (uint32_t)l2_len + l3_len;
	uint8_t buf[8];
	uint8_t ip[40];
	if (icmp_len < 8)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_HDR);
	const uint8_t *h = rte_pktmbuf_read(m, l2_len, 40, ip);
	if (h == NULL)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_HDR);
	if (sctpdk_net_cksum6(m, off, icmp_len, h + 8, h + 24, NET_PROTO_ICMPV6) != 0xffff)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_CKSUM);
	uint8_t hop_limit = h[7];
	const uint8_t *icp = rte_pktmbuf_read(m, off, 8, buf);
	if (icp == NULL)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_HDR);
	uint8_t ic[8];
	memcpy(ic, icp, 8);
	switch (ic[0]) {
	case ICMP6_ECHO_REQUEST:
		if (ic[1] != 0)
			break;
		return echo_reply(net, p, m, l2_len, l3_len, icmp_len, res, tx);
	case ICMP6_NS:
	case ICMP6_NA: {
		struct net_eth_info ei;
		if (sctpdk_net_eth_parse(m, p, &ei) != 0)
			return net_drop(res, SCTPDK_NET_DROP_ND_MALFORMED);
		return sctpdk_net_nd_input(net, p, m, &ei, (uint16_t)off, icmp_len, hop_limit, res,
					   tx, now_us);
	}
	case ICMP6_UNREACH:
	case ICMP6_PKT_TOO_BIG:
		return error_event(net, p, m, off, ic, icmp_len, res);
	case ICMP6_PARAM_PROB:
		if (ic[1] == 1)
			return error_event(net, p, m, off, ic, icmp_len, res);
		break;
	default:
		break;
	}
	return net_drop(res, SCTPDK_NET_DROP_ICMP_TYPE);
}
