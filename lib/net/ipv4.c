/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * IPv4 (RFC 791): header validation (version, IHL, total length, header
 * checksum), options tolerated and skipped, fragments reassembled with
 * DPDK's rte_ip_frag (cfg.frag_flows flows, cfg.frag_timeout_us; 0 flows =
 * fragments dropped and counted), dispatch to SCTP and ICMP. Output writes
 * a 20-byte header with DF set and a software header checksum.
 */
#include <string.h>

#include <rte_ip.h>

#include "net_priv.h"

#define IP4_MF     0x2000
#define IP4_DF     0x4000
#define IP4_OFFSET 0x1fff

int
sctpdk_net_ip4_init(struct sctpdk_net *net)
{
	net->dr.cnt = 0;
	if (net->cfg.frag_flows == 0)
		return 0;
	if (net->cfg.frag_timeout_us == 0 || net->cfg.frag_flows > 65536)
		return SCTPDK_ERR_INVAL;
	/* Timestamps are now_us, so max_cycles is the timeout in us. */
	net->frag = rte_ip_frag_table_create(net->cfg.frag_flows, 4, net->cfg.frag_flows,
					     net->cfg.frag_timeout_us, net->cfg.socket_id);
	return net->frag != NULL ? 0 : SCTPDK_ERR_NOMEM;
}

void
sctpdk_net_ip4_fini(struct sctpdk_net *net)
{
	if (net->frag != NULL)
		rte_ip_frag_table_destroy(net->frag);
	net->frag = NULL;
	rte_ip_frag_free_death_row(&net->dr, 0);
}

void
sctpdk_net_ip4_timer(struct sctpdk_net *net, uint64_t now_us)
{
	if (net->frag == NULL)
		return;
	rte_ip_frag_table_del_expired_entries(net->frag, &net->dr, now_us);
	net->st.frag_discarded += net->dr.cnt;
	rte_ip_frag_free_death_row(&net->dr, 0);
}

static int
src_invalid(struct sctpdk_net *net, uint32_t src)
{
	const uint8_t *b = (const uint8_t *)&src;
	if (src == 0 || b[0] >= 224 || b[0] == 127)
		return 1;
	struct sctpdk_addr a = {.family = SCTPDK_AF_INET, .u.v4 = src};
	return sctpdk_net_addr_is_local(net, &a, NULL);
}

/* Hand a fragment to rte_ip_frag. Returns the reassembled packet, or NULL
 * when the table kept m (*refused = 0) or refused it (*refused = 1: m is
 * still the caller's, to drop and count). Fragments the table discards
 * (older ones of a flow it evicted, invalid sets) count as frag_discarded. */
static struct rte_mbuf *
reassemble(struct sctpdk_net *net, struct rte_mbuf *m, uint16_t l2, uint16_t ihl, uint64_t now_us,
	   int *refused)
{
	struct rte_ipv4_hdr *h = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, l2);
	m->l2_len = l2;
	m->l3_len = ihl;
	net->st.rx_frags++;
	struct rte_mbuf *r = rte_ipv4_frag_reassemble_packet(net->frag, &net->dr, m, now_us, h);
	*refused = 0;
	for (uint32_t i = 0; r == NULL && i < net->dr.cnt; i++)
		if (net->dr.row[i] == m) {
			net->dr.row[i] = net->dr.row[--net->dr.cnt];
			*refused = 1;
			break;
		}
	net->st.frag_discarded += net->dr.cnt;
	rte_ip_frag_free_death_row(&net->dr, 0);
	if (r != NULL) {
		net->st.rx_reassembled++;
		r->ol_flags &= ~(RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_IPV4);
	}
	return r;
}

/* May replace *mp (reassembly). Takes the mbuf unless it returns DROP or SCTP. */
int
sctpdk_net_ip4_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf **mp,
		     const struct net_eth_info *ei, struct sctpdk_net_rx_result *res,
		     struct sctpdk_net_tx *tx, uint64_t now_us)
{
	struct rte_mbuf *m = *mp;
	uint16_t l2 = ei->l2_len;
	uint32_t pkt_len = rte_pktmbuf_pkt_len(m);
	uint8_t buf[60];
	if (pkt_len < (uint32_t)l2 + 20)
		return net_drop(res, SCTPDK_NET_DROP_IP4_HDR);
	const uint8_t *h = rte_pktmbuf_read(m, l2, 20, buf);
	if (h == NULL || (h[0] >> 4) != 4)
		return net_drop(res, SCTPDK_NET_DROP_IP4_HDR);
	uint16_t ihl = (uint16_t)((h[0] & 0x0f) * 4);
	uint32_t total = (uint32_t)(h[2] << 8 | h[3]);
	if (ihl < 20 || total < ihl || (uint32_t)l2 + total > pkt_len)
		return net_drop(res, SCTPDK_NET_DROP_IP4_HDR);
	h = rte_pktmbuf_read(m, l2, ihl, buf);
	if (h == NULL)
		return net_drop(res, SCTPDK_NET_DROP_IP4_HDR);
	if (rte_raw_cksum(h, ihl) != 0xffff)
		return net_drop(res, SCTPDK_NET_DROP_IP4_CKSUM);
	uint32_t src, dst;
	memcpy(&src, h + 12, 4);
	memcpy(&dst, h + 16, 4);
	uint8_t proto = h[9];
	uint16_t frag = (uint16_t)(h[6] << 8 | h[7]);
	if (src_invalid(net, src))
		return net_drop(res, SCTPDK_NET_DROP_IP4_SRC);
	res->src = (struct sctpdk_addr){.family = SCTPDK_AF_INET, .u.v4 = src};
	res->dst = (struct sctpdk_addr){.family = SCTPDK_AF_INET, .u.v4 = dst};
	if (!sctpdk_net_addr_is_local(net, &res->dst, NULL))
		return net_drop(res, SCTPDK_NET_DROP_NOT_LOCAL);
	/* Drop Ethernet padding so pkt_len == l2 + total. */
	if (pkt_len > (uint32_t)l2 + total &&
	    (pkt_len - l2 - total > UINT16_MAX ||
	     rte_pktmbuf_trim(m, (uint16_t)(pkt_len - l2 - total)) != 0))
		return net_drop(res, SCTPDK_NET_DROP_IP4_HDR);
	if (frag & (IP4_MF | IP4_OFFSET)) {
		if (net->frag == NULL || proto != NET_PROTO_SCTP ||
		    rte_pktmbuf_data_len(m) < (uint32_t)l2 + ihl || total == ihl)
			return net_drop(res, SCTPDK_NET_DROP_IP4_FRAG);
		int refused;
		struct rte_mbuf *r = reassemble(net, m, l2, ihl, now_us, &refused);
		if (refused)
			return net_drop(res, SCTPDK_NET_DROP_IP4_FRAG);
		m = r;
		*mp = m;
		if (m == NULL) {
			res->verdict = SCTPDK_NET_CONSUMED;
			return SCTPDK_NET_CONSUMED;
		}
		const struct rte_ipv4_hdr *rh =
		    rte_pktmbuf_mtod_offset(m, const struct rte_ipv4_hdr *, l2);
		total = rte_be_to_cpu_16(rh->total_length);
		if ((uint32_t)l2 + total != rte_pktmbuf_pkt_len(m))
			return net_drop(res, SCTPDK_NET_DROP_IP4_FRAG);
	}
	uint32_t l4_len = total - ihl;
	switch (proto) {
	case NET_PROTO_SCTP:
		if (l4_len < NET_SCTP_HDR_LEN)
			return net_drop(res, SCTPDK_NET_DROP_SCTP_SHORT);
		m->l2_len = l2;
		m->l3_len = ihl;
		m->packet_type =
		    RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_SCTP;
		res->l4_off = (uint16_t)(l2 + ihl);
		res->l4_len = l4_len;
		res->verdict = SCTPDK_NET_SCTP;
		return SCTPDK_NET_SCTP;
	case NET_PROTO_ICMP:
		return sctpdk_net_icmp4_input(net, p, m, l2, ihl, l4_len, res, tx);
	default:
		return net_drop(res, SCTPDK_NET_DROP_PROTO);
	}
}

/* Prepend a 20-byte header (caller checked headroom). */
int
sctpdk_net_ip4_output(struct sctpdk_net *net, struct rte_mbuf *m, const struct sctpdk_addr *src,
		      const struct sctpdk_addr *dst, uint8_t proto)
{
	uint16_t total = (uint16_t)(rte_pktmbuf_pkt_len(m) + 20);
	struct rte_ipv4_hdr *h = (struct rte_ipv4_hdr *)rte_pktmbuf_prepend(m, 20);
	if (h == NULL)
		return SCTPDK_ERR_NOSPACE;
	h->version_ihl = 0x45;
	h->type_of_service = 0;
	h->total_length = rte_cpu_to_be_16(total);
	h->packet_id = rte_cpu_to_be_16(net->ip_id++);
	h->fragment_offset = rte_cpu_to_be_16(IP4_DF);
	h->time_to_live = net->cfg.ttl;
	h->next_proto_id = proto;
	h->hdr_checksum = 0;
	h->src_addr = src->u.v4;
	h->dst_addr = dst->u.v4;
	h->hdr_checksum = rte_ipv4_cksum(h);
	m->l3_len = 20;
	m->ol_flags |= RTE_MBUF_F_TX_IPV4;
	return 0;
}
