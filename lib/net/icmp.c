/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ICMP for IPv4 (RFC 792): echo requests answered in place; destination
 * unreachable about an SCTP packet we sent decoded into an
 * sctpdk_icmp_event (fragmentation needed -> PMTU with the next-hop MTU of
 * RFC 1191, protocol unreachable, other codes). Everything else is dropped
 * with a counter.
 */
#include <string.h>

#include <rte_ip.h>

#include "net_priv.h"

#define ICMP_ECHO_REPLY   0
#define ICMP_UNREACH      3
#define ICMP_ECHO_REQUEST 8

#define ICMP_UNREACH_PROTO 2
#define ICMP_UNREACH_FRAG  4

/* Fill ports, vtag and (vtag 0) INIT tag from avail (8..20) quoted bytes. */
static void
icmp_quote(struct sctpdk_icmp_event *ev, const uint8_t *l4, uint32_t avail)
{
	/* RFC 9260 appendix C: ports and verification tag from the quoted SCTP
	 * common header; when the tag is 0 the quote may show an INIT whose
	 * initiate tag the core compares instead. */
	ev->src_port = (uint16_t)(l4[0] << 8 | l4[1]);
	ev->dst_port = (uint16_t)(l4[2] << 8 | l4[3]);
	ev->vtag = (uint32_t)l4[4] << 24 | (uint32_t)l4[5] << 16 | (uint32_t)l4[6] << 8 | l4[7];
	ev->have_vtag = 1;
	if (ev->vtag == 0 && avail >= 20 && l4[12] == 1) {
		ev->have_init = 1;
		ev->init_tag = (uint32_t)l4[16] << 24 | (uint32_t)l4[17] << 16 |
			       (uint32_t)l4[18] << 8 | l4[19];
	}
}

int
sctpdk_net_echo_reply_send(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
			   struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx)
{
	m->ol_flags = 0;
	if (sctpdk_net_tx_push(net, tx, m, p->port_id) == 0)
		net->st.tx_echo_reply++;
	net->st.rx_echo++;
	res->verdict = SCTPDK_NET_CONSUMED;
	return SCTPDK_NET_CONSUMED;
}

int
sctpdk_net_icmp_report(struct net_port *p, struct rte_mbuf *m, const uint8_t ic[8],
		       const uint8_t *l4, uint32_t avail, uint8_t kind, uint32_t mtu,
		       struct sctpdk_net_rx_result *res)
{
	struct sctpdk_icmp_event *ev = &res->icmp;
	icmp_quote(ev, l4, avail);
	ev->icmp_type = ic[0];
	ev->icmp_code = ic[1];
	ev->port_id = p->port_id;
	ev->reporter = res->src;
	ev->kind = kind;
	ev->mtu = mtu;
	rte_pktmbuf_free(m);
	res->verdict = SCTPDK_NET_ICMP;
	return SCTPDK_NET_ICMP;
}

/* Echo reply in place: swap addresses, reset TTL, type 0, new checksums. */
static int
echo_reply(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m, uint16_t l2,
	   uint16_t ihl, uint32_t icmp_len, struct sctpdk_net_rx_result *res,
	   struct sctpdk_net_tx *tx)
{
	/* in place: headers contiguous, buffer ours, tag in the data (a tag the
	 * PMD stripped would be lost) */
	if (rte_pktmbuf_data_len(m) < (uint32_t)l2 + ihl + 8 || RTE_MBUF_DIRECT(m) == 0 ||
	    rte_mbuf_refcnt_read(m) != 1 || sctpdk_net_eth_len(p->vlan) != l2)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_HDR);
	uint8_t *eh = rte_pktmbuf_mtod(m, uint8_t *);
	memcpy(eh, eh + 6, 6);
	memcpy(eh + 6, p->mac, 6);
	struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, l2);
	uint32_t a = ip->src_addr;
	ip->src_addr = ip->dst_addr;
	ip->dst_addr = a;
	ip->time_to_live = net->cfg.ttl;
	ip->hdr_checksum = 0;
	ip->hdr_checksum = (uint16_t)~rte_raw_cksum(ip, ihl);
	uint8_t *ic = (uint8_t *)ip + ihl;
	ic[0] = ICMP_ECHO_REPLY;
	ic[2] = ic[3] = 0;
	uint16_t sum = 0;
	rte_raw_cksum_mbuf(m, (uint32_t)l2 + ihl, icmp_len, &sum);
	sum = (uint16_t)~sum;
	memcpy(ic + 2, &sum, 2);
	return sctpdk_net_echo_reply_send(net, p, m, res, tx);
}

static int
unreach(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m, uint32_t off,
	const uint8_t *ic, uint32_t icmp_len, struct sctpdk_net_rx_result *res)
{
	uint8_t buf[60];
	uint32_t qlen = icmp_len - 8; /* quoted datagram */
	if (qlen < 20)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_INNER);
	const uint8_t *q = rte_pktmbuf_read(m, off + 8, 20, buf);
	if (q == NULL || (q[0] >> 4) != 4)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_INNER);
	uint32_t qihl = (uint32_t)(q[0] & 0x0f) * 4;
	uint16_t qfrag = (uint16_t)(q[6] << 8 | q[7]);
	struct sctpdk_icmp_event *ev = &res->icmp;
	memset(ev, 0, sizeof(*ev));
	ev->src.family = ev->dst.family = SCTPDK_AF_INET;
	memcpy(&ev->src.u.v4, q + 12, 4);
	memcpy(&ev->dst.u.v4, q + 16, 4);
	/* Need the quoted SCTP ports and tag (8 bytes): ICMP guarantees them. */
	if (qihl < 20 || q[9] != NET_PROTO_SCTP || (qfrag & 0x1fff) != 0 || qlen < qihl + 8 ||
	    !sctpdk_net_addr_is_local(net, &ev->src, NULL))
		return net_drop(res, SCTPDK_NET_DROP_ICMP_INNER);
	uint32_t avail = qlen - qihl;
	if (avail > 20)
		avail = 20;
	const uint8_t *l4 = rte_pktmbuf_read(m, off + 8 + qihl, avail, buf);
	if (l4 == NULL)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_INNER);
	if (ic[1] == ICMP_UNREACH_FRAG)
		return sctpdk_net_icmp_report(p, m, ic, l4, avail, SCTPDK_ICMP_PMTU,
					      (uint32_t)(ic[6] << 8 | ic[7]), res);
	return sctpdk_net_icmp_report(p, m, ic, l4, avail,
				      ic[1] == ICMP_UNREACH_PROTO ? SCTPDK_ICMP_PROTO_UNREACH
								 : SCTPDK_ICMP_UNREACH,
				      0, res);
}

int
sctpdk_net_icmp4_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
		       uint16_t l2_len, uint16_t ihl, uint32_t icmp_len,
		       struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx)
{
	uint32_t off = (uint32_t)l2_len + ihl;
	uint8_t buf[8];
	if (icmp_len < 8)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_HDR);
	uint16_t sum = 0;
	if (rte_raw_cksum_mbuf(m, off, icmp_len, &sum) != 0 || sum != 0xffff)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_CKSUM);
	const uint8_t *ic = rte_pktmbuf_read(m, off, 8, buf);
	if (ic == NULL)
		return net_drop(res, SCTPDK_NET_DROP_ICMP_HDR);
	if (ic[0] == ICMP_ECHO_REQUEST && ic[1] == 0)
		return echo_reply(net, p, m, l2_len, ihl, icmp_len, res, tx);
	if (ic[0] == ICMP_UNREACH && ic[1] <= 15) {
		uint8_t icc[8];
		memcpy(icc, ic, 8);
		return unreach(net, p, m, off, icc, icmp_len, res);
	}
	return net_drop(res, SCTPDK_NET_DROP_ICMP_TYPE);
}
