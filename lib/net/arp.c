/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ARP for IPv4 over Ethernet (RFC 826): answer requests for our addresses,
 * learn senders (merge rule: refresh a known sender; add it when the
 * request targets us), resolve next hops, send gratuitous ARP at start.
 */
#include <string.h>

#include "net_priv.h"

#define ARP_LEN        28
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY   2

/* Payload length giving a 60-byte frame (Ethernet minimum without FCS). */
static uint16_t
arp_payload_len(const struct net_port *p)
{
	uint16_t l2 = sctpdk_net_eth_len(p->vlan);
	return (uint16_t)(NET_ARP_FRAME_MIN - l2 > ARP_LEN ? NET_ARP_FRAME_MIN - l2 : ARP_LEN);
}

static void
arp_write(uint8_t *a, uint16_t op, const uint8_t sha[6], uint32_t sip, const uint8_t tha[6],
	  uint32_t tip)
{
	a[0] = 0;
	a[1] = 1; /* Ethernet */
	a[2] = 0x08;
	a[3] = 0x00; /* IPv4 */
	a[4] = 6;
	a[5] = 4;
	a[6] = 0;
	a[7] = (uint8_t)op;
	memcpy(a + 8, sha, 6);
	memcpy(a + 14, &sip, 4);
	memcpy(a + 18, tha, 6);
	memcpy(a + 24, &tip, 4);
}

/* Broadcast a request for tip from sip (sip == tip: gratuitous ARP).
 * Returns 0 or a negative error (no mbuf, tx full; counted). */
int
sctpdk_net_arp_request(struct sctpdk_net *net, const struct net_port *p, uint32_t sip, uint32_t tip,
		       struct sctpdk_net_tx *tx)
{
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	static const uint8_t zero[6];
	uint8_t *a;
	struct rte_mbuf *m =
	    sctpdk_net_eth_frame(net, p, bcast, NET_ETHERTYPE_ARP, arp_payload_len(p), &a);
	if (m == NULL)
		return SCTPDK_ERR_NOMEM;
	arp_write(a, ARP_OP_REQUEST, p->mac, sip, zero, tip);
	int rc = sctpdk_net_tx_push(net, tx, m, p->port_id);
	if (rc == 0 && sip != tip)
		net->st.tx_arp_request++;
	return rc;
}

static void
arp_reply(struct sctpdk_net *net, const struct net_port *p, const uint8_t tha[6], uint32_t sip,
	  uint32_t tip, struct sctpdk_net_tx *tx)
{
	uint8_t *a;
	struct rte_mbuf *m =
	    sctpdk_net_eth_frame(net, p, tha, NET_ETHERTYPE_ARP, arp_payload_len(p), &a);
	if (m == NULL)
		return;
	arp_write(a, ARP_OP_REPLY, p->mac, sip, tha, tip);
	if (sctpdk_net_tx_push(net, tx, m, p->port_id) == 0)
		net->st.tx_arp_reply++;
}

/* Takes m unless it returns SCTPDK_NET_DROP. */
int
sctpdk_net_arp_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
		     const struct net_eth_info *ei, struct sctpdk_net_rx_result *res,
		     struct sctpdk_net_tx *tx, uint64_t now_us)
{
	uint8_t buf[ARP_LEN];
	const uint8_t *a = rte_pktmbuf_read(m, ei->l2_len, ARP_LEN, buf);
	if (a == NULL)
		return net_drop(res, SCTPDK_NET_DROP_ARP_MALFORMED);
	uint16_t op = (uint16_t)(a[6] << 8 | a[7]);
	if (a[0] != 0 || a[1] != 1 || a[2] != 0x08 || a[3] != 0x00 || a[4] != 6 || a[5] != 4 ||
	    (op != ARP_OP_REQUEST && op != ARP_OP_REPLY))
		return net_drop(res, SCTPDK_NET_DROP_ARP_MALFORMED);
	uint8_t sha[6];
	uint32_t sip, tip;
	memcpy(sha, a + 8, 6);
	memcpy(&sip, a + 14, 4);
	memcpy(&tip, a + 24, 4);
	static const uint8_t zero[6];
	if ((sha[0] & 1) != 0 || memcmp(sha, zero, 6) == 0)
		return net_drop(res, SCTPDK_NET_DROP_ARP_MALFORMED);
	struct sctpdk_addr s = {.family = SCTPDK_AF_INET, .u.v4 = sip};
	struct sctpdk_addr t = {.family = SCTPDK_AF_INET, .u.v4 = tip};
	if (sip != 0 && sctpdk_net_addr_is_local(net, &s, NULL))
		return net_drop(res, SCTPDK_NET_DROP_ARP_MALFORMED); /* someone claims ours */
	net->st.rx_arp++;
	int for_us = sctpdk_net_port_addr(p, &t) != NULL;
	int merged = 0;
	if (sip != 0) {
		struct net_neigh *nb = sctpdk_net_neigh_find(net, p->port_id, &s);
		if (nb == NULL && for_us)
			nb = sctpdk_net_neigh_create(net, p->port_id, &s);
		if (nb != NULL) {
			if (sctpdk_net_neigh_learn(net, nb, sha, net->cfg.neigh_timeout_us, tx,
						   now_us))
				net_learned(res, &s, sha);
			merged = 1;
		}
	}
	if (!for_us && !merged)
		return net_drop(res, SCTPDK_NET_DROP_ARP_NOT_US);
	if (for_us && op == ARP_OP_REQUEST)
		arp_reply(net, p, sha, tip, sip, tx);
	rte_pktmbuf_free(m);
	res->verdict = SCTPDK_NET_CONSUMED;
	return SCTPDK_NET_CONSUMED;
}
