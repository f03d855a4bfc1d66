/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ethernet II and IEEE 802.1Q: parse a received frame's header (one VLAN
 * tag, or the tag the PMD stripped into the mbuf), write a header, and
 * allocate a frame for a generated packet.
 */
#include <string.h>

#include <rte_byteorder.h>

#include "net_priv.h"

static uint16_t
rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void
wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Returns 0 or an SCTPDK_NET_DROP_* reason. Accepts unicast to the port's
 * MAC, broadcast and multicast (ND uses 33:33:xx multicast). A port with a
 * VLAN takes only frames tagged with its VID; an untagged port only
 * untagged frames (priority-tagged VID 0 frames count as untagged). */
int
sctpdk_net_eth_parse(const struct rte_mbuf *m, const struct net_port *p, struct net_eth_info *ei)
{
	uint8_t buf[18];
	uint32_t len = rte_pktmbuf_pkt_len(m);
	if (len < 14)
		return SCTPDK_NET_DROP_RUNT;
	const uint8_t *h = rte_pktmbuf_read(m, 0, len >= 18 ? 18 : 14, buf);
	if (h == NULL)
		return SCTPDK_NET_DROP_RUNT;
	memcpy(ei->dst, h, 6);
	memcpy(ei->src, h + 6, 6);
	if ((ei->dst[0] & 1) == 0 && memcmp(ei->dst, p->mac, 6) != 0)
		return SCTPDK_NET_DROP_MAC;
	ei->ethertype = rd16(h + 12);
	ei->l2_len = 14;
	ei->tagged = 0;
	ei->vid = 0;
	if (ei->ethertype == NET_ETHERTYPE_VLAN) {
		if (len < 18)
			return SCTPDK_NET_DROP_RUNT;
		ei->tagged = 1;
		ei->vid = rd16(h + 14) & 0x0fff;
		ei->ethertype = rd16(h + 16);
		ei->l2_len = 18;
		if (ei->ethertype == NET_ETHERTYPE_VLAN)
			return SCTPDK_NET_DROP_VLAN; /* QinQ not supported */
	} else if (m->ol_flags & RTE_MBUF_F_RX_VLAN_STRIPPED) {
		ei->tagged = 1;
		ei->vid = m->vlan_tci & 0x0fff;
	}
	if (ei->tagged && ei->vid == 0)
		ei->tagged = 0; /* 802.1p priority tag */
	if (ei->tagged ? ei->vid != p->vlan : p->vlan != 0)
		return SCTPDK_NET_DROP_VLAN;
	if (ei->src[0] & 1)
		return SCTPDK_NET_DROP_MAC; /* multicast source is never valid */
	return 0;
}

/* Write an Ethernet header (with an 802.1Q tag when vlan != 0, PCP 0);
 * returns its length. */
uint16_t
sctpdk_net_eth_write(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6], uint16_t vlan,
		     uint16_t ethertype)
{
	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	if (vlan == 0) {
		wr16(buf + 12, ethertype);
		return 14;
	}
	wr16(buf + 12, NET_ETHERTYPE_VLAN);
	wr16(buf + 14, vlan & 0x0fff);
	wr16(buf + 16, ethertype);
	return 18;
}

/* A fresh single-segment frame from the pool with the Ethernet header
 * written and len payload bytes (zeroed) after it; *payload points at them.
 * NULL (counted as no_mbuf) when the pool is empty. */
struct rte_mbuf *
sctpdk_net_eth_frame(struct sctpdk_net *net, const struct net_port *p, const uint8_t dst[6],
		     uint16_t ethertype, uint16_t len, uint8_t **payload)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(net->cfg.pool);
	if (m == NULL) {
		sctpdk_net_count_drop(net, SCTPDK_NET_DROP_NO_MBUF);
		return NULL;
	}
	uint16_t l2 = sctpdk_net_eth_len(p->vlan);
	uint8_t *b = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(l2 + len));
	if (b == NULL) {
		rte_pktmbuf_free(m);
		sctpdk_net_count_drop(net, SCTPDK_NET_DROP_NO_MBUF);
		return NULL;
	}
	sctpdk_net_eth_write(b, dst, p->mac, p->vlan, ethertype);
	memset(b + l2, 0, len);
	m->l2_len = l2;
	*payload = b + l2;
	return m;
}
