/* SPDX-License-Identifier: BSD-3-Clause */
#include "rt_net.h"

#include <string.h>

#include <rte_byteorder.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#define IPPROTO_SCTP_NUM 132

int
sctpdk_rt_net_encap(struct rte_mbuf *m, const struct sctpdk_addr *src,
		    const struct sctpdk_addr *dst, const uint8_t src_mac[6],
		    const uint8_t dst_mac[6], uint16_t ip_id)
{
	if (src->family != SCTPDK_AF_INET || dst->family != SCTPDK_AF_INET)
		return SCTPDK_ERR_UNSUPP;
	uint32_t sctp_len = rte_pktmbuf_pkt_len(m);
	if (sctp_len + sizeof(struct rte_ipv4_hdr) > 65535)
		return SCTPDK_ERR_INVAL;
	char *p =
	    rte_pktmbuf_prepend(m, sizeof(struct rte_ether_hdr) + sizeof(struct rte_ipv4_hdr));
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
