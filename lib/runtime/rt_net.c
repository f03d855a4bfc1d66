/* SPDX-License-Identifier: BSD-3-Clause */
#include "rt_net.h"

#include <string.h>

#include <rte_byteorder.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#define IPPROTO_SCTP_NUM 132
#define SCTP_HDR_LEN     12

static int
is_local(const struct sctpdk_addr *local, unsigned n, uint32_t v4)
{
	for (unsigned i = 0; i < n; i++)
		if (local[i].family == SCTPDK_AF_INET && local[i].u.v4 == v4)
			return 1;
	return 0;
}

int
sctpdk_rt_net_classify(struct rte_mbuf *m, const struct sctpdk_addr *local, unsigned n_local,
		       struct sctpdk_addr *src, struct sctpdk_addr *dst)
{
	uint32_t len = rte_pktmbuf_pkt_len(m);
	uint32_t off = sizeof(struct rte_ether_hdr);
	struct rte_ether_hdr eh_buf;
	const struct rte_ether_hdr *eh = rte_pktmbuf_read(m, 0, sizeof(eh_buf), &eh_buf);
	if (eh == NULL)
		return SCTPDK_RT_DROP_L2;
	uint16_t et = rte_be_to_cpu_16(eh->ether_type);
	if (et == RTE_ETHER_TYPE_VLAN) {
		struct rte_vlan_hdr vb;
		const struct rte_vlan_hdr *vh = rte_pktmbuf_read(m, off, sizeof(vb), &vb);
		if (vh == NULL)
			return SCTPDK_RT_DROP_L2;
		et = rte_be_to_cpu_16(vh->eth_proto);
		off += sizeof(vb);
	}
	if (et != RTE_ETHER_TYPE_IPV4)
		return SCTPDK_RT_DROP_L2;

	struct rte_ipv4_hdr ib;
	const struct rte_ipv4_hdr *ih = rte_pktmbuf_read(m, off, sizeof(ib), &ib);
	if (ih == NULL)
		return SCTPDK_RT_DROP_L3;
	uint32_t ihl = (uint32_t)(ih->version_ihl & 0x0f) * 4;
	uint32_t tot = rte_be_to_cpu_16(ih->total_length);
	if ((ih->version_ihl >> 4) != 4 || ihl < 20 || tot < ihl || off + tot > len)
		return SCTPDK_RT_DROP_L3;
	/* header checksum over the (bounded) header; options are tolerated */
	uint8_t hb[60];
	const void *hp = rte_pktmbuf_read(m, off, ihl, hb);
	if (hp == NULL || rte_raw_cksum(hp, ihl) != 0xffff)
		return SCTPDK_RT_DROP_L3;
	/* fragments: not reassembled, dropped (counted) */
	if ((rte_be_to_cpu_16(ih->fragment_offset) & (RTE_IPV4_HDR_OFFSET_MASK | RTE_IPV4_HDR_MF_FLAG)) != 0)
		return SCTPDK_RT_DROP_L3;
	if (!is_local(local, n_local, ih->dst_addr))
		return SCTPDK_RT_DROP_L3;
	if (ih->next_proto_id != IPPROTO_SCTP_NUM)
		return SCTPDK_RT_DROP_NOT_SCTP;
	if (tot - ihl < SCTP_HDR_LEN)
		return SCTPDK_RT_DROP_SCTP_HDR;

	memset(src, 0, sizeof(*src));
	memset(dst, 0, sizeof(*dst));
	src->family = SCTPDK_AF_INET;
	src->u.v4 = ih->src_addr;
	dst->family = SCTPDK_AF_INET;
	dst->u.v4 = ih->dst_addr;

	/* drop Ethernet padding past the IP datagram, then the headers */
	uint32_t end = off + tot;
	if (len > end && rte_pktmbuf_trim(m, (uint16_t)(len - end)) != 0)
		return SCTPDK_RT_DROP_L3;
	/* adj works on the first segment only: headers must be there */
	if (off + ihl > rte_pktmbuf_data_len(m) || rte_pktmbuf_adj(m, (uint16_t)(off + ihl)) == NULL)
		return SCTPDK_RT_DROP_L3;
	return -1;
}

int
sctpdk_rt_net_encap(struct rte_mbuf *m, const struct sctpdk_addr *src,
		    const struct sctpdk_addr *dst, const uint8_t src_mac[6], const uint8_t dst_mac[6],
		    uint16_t ip_id)
{
	if (src->family != SCTPDK_AF_INET || dst->family != SCTPDK_AF_INET)
		return SCTPDK_ERR_UNSUPP;
	uint32_t sctp_len = rte_pktmbuf_pkt_len(m);
	if (sctp_len + sizeof(struct rte_ipv4_hdr) > 65535)
		return SCTPDK_ERR_INVAL;
	char *p = rte_pktmbuf_prepend(m, sizeof(struct rte_ether_hdr) + sizeof(struct rte_ipv4_hdr));
	if (p == NULL)
		return SCTPDK_ERR_NOSPACE;
	struct rte_ether_hdr *eh = (struct rte_ether_hdr *)p;
	memcpy(eh->dst_addr.addr_bytes, dst_mac, 6);
	memcpy(eh->src_addr.addr_bytes, src_mac, 6);
	eh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	struct rte_ipv4_hdr *ih = (struct rte_ipv4_hdr *)(eh + 1);
	ih->version_ihl = 0x45;
	ih->type_of_service = 0;
	ih->total_length = rte_cpu_to_be_16((uint16_t)(sctp_len + sizeof(*ih)));
	ih->packet_id = rte_cpu_to_be_16(ip_id);
	ih->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	ih->time_to_live = 64;
	ih->next_proto_id = IPPROTO_SCTP_NUM;
	ih->src_addr = src->u.v4;
	ih->dst_addr = dst->u.v4;
	ih->hdr_checksum = 0;
	ih->hdr_checksum = rte_ipv4_cksum(ih);
	m->l2_len = sizeof(*eh);
	m->l3_len = sizeof(*ih);
	return 0;
}
