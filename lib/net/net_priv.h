/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/net internals shared by its modules (not installed). */
#ifndef SCTPDK_NET_PRIV_H
#define SCTPDK_NET_PRIV_H

#include <stdint.h>
#include <string.h>

#include <rte_ip_frag.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_net.h>

#define NET_ETHERTYPE_IPV4 0x0800
#define NET_ETHERTYPE_ARP  0x0806
#define NET_ETHERTYPE_VLAN 0x8100
#define NET_ETHERTYPE_IPV6 0x86dd

#define NET_PROTO_ICMP   1
#define NET_PROTO_ICMPV6 58
#define NET_PROTO_SCTP   132

#define NET_SCTP_HDR_LEN  12
#define NET_ARP_FRAME_MIN 60 /* Ethernet minimum without FCS */

struct net_laddr {
	struct sctpdk_addr a;
	uint8_t plen;
};

struct net_port {
	uint16_t port_id;
	uint16_t vlan; /* 0 = untagged */
	uint16_t mtu;  /* IP MTU */
	uint8_t mac[6];
	uint8_t naddr;
	struct net_laddr addrs[SCTPDK_NET_MAX_ADDRS];
};

struct net_route {
	struct sctpdk_addr prefix; /* host bits cleared */
	struct sctpdk_addr gw;     /* family 0 = connected */
	uint8_t plen;
	uint16_t port_id;
};

enum { NB_FREE = 0, NB_INCOMPLETE, NB_RESOLVED };

struct net_neigh {
	uint8_t state;
	uint8_t npending;
	uint8_t is_static;
	uint16_t port_id;
	uint8_t mac[6];
	uint32_t tries;       /* requests sent while incomplete */
	int32_t next;         /* hash chain / free list, -1 = end */
	uint64_t deadline_us; /* resolved: expiry; incomplete: next retry */
	struct sctpdk_addr ip;
	struct rte_mbuf *pending[SCTPDK_NET_PENDING_PER_NB];
};

/* Parsed Ethernet header of a received frame. */
struct net_eth_info {
	uint8_t dst[6];
	uint8_t src[6];
	uint16_t ethertype; /* host order, after the VLAN tag */
	uint16_t l2_len;    /* 14 or 18 */
	int tagged;
	uint16_t vid;
};

struct sctpdk_net {
	struct sctpdk_net_config cfg;
	struct net_port ports[SCTPDK_NET_MAX_PORTS];
	uint32_t nports;
	struct net_route *routes;
	uint32_t nroutes;
	struct net_neigh *nb;
	int32_t *buckets;
	uint32_t bucket_mask;
	int32_t nb_free;
	uint32_t nb_used;
	uint32_t pending_total;
	struct rte_ip_frag_tbl *frag;
	struct rte_ip_frag_death_row dr;
	uint16_t ip_id;
	struct sctpdk_net_stats st;
};

static inline int
net_drop(struct sctpdk_net_rx_result *res, int reason)
{
	res->verdict = SCTPDK_NET_DROP;
	res->reason = (uint8_t)reason;
	return SCTPDK_NET_DROP;
}

static inline void
net_learned(struct sctpdk_net_rx_result *res, const struct sctpdk_addr *ip, const uint8_t mac[6])
{
	res->learned = 1;
	res->nb_ip = *ip;
	memcpy(res->nb_mac, mac, 6);
}

static inline uint64_t
net_sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* net.c */
struct net_port *sctpdk_net_port_find(struct sctpdk_net *net, uint16_t port_id);
const struct net_laddr *sctpdk_net_port_addr(const struct net_port *p, const struct sctpdk_addr *a);
const struct sctpdk_addr *sctpdk_net_port_src(const struct net_port *p, uint8_t family,
					      const struct sctpdk_addr *toward);
int sctpdk_net_tx_push(struct sctpdk_net *net, struct sctpdk_net_tx *tx, struct rte_mbuf *m,
		       uint16_t port_id);
void sctpdk_net_count_drop(struct sctpdk_net *net, int reason);

/* eth.c */
int sctpdk_net_eth_parse(const struct rte_mbuf *m, const struct net_port *p,
			 struct net_eth_info *ei);
uint16_t sctpdk_net_eth_write(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
			      uint16_t vlan, uint16_t ethertype);
static inline uint16_t
sctpdk_net_eth_len(uint16_t vlan)
{
	return vlan != 0 ? 18 : 14;
}
struct rte_mbuf *sctpdk_net_eth_frame(struct sctpdk_net *net, const struct net_port *p,
				      const uint8_t dst[6], uint16_t ethertype, uint16_t len,
				      uint8_t **payload);

/* arp.c */
int sctpdk_net_arp_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
			 const struct net_eth_info *ei, struct sctpdk_net_rx_result *res,
			 struct sctpdk_net_tx *tx, uint64_t now_us);
int sctpdk_net_arp_request(struct sctpdk_net *net, const struct net_port *p, uint32_t sip,
			   uint32_t tip, struct sctpdk_net_tx *tx);

/* neigh.c */
int sctpdk_net_neigh_init(struct sctpdk_net *net);
void sctpdk_net_neigh_fini(struct sctpdk_net *net);
struct net_neigh *sctpdk_net_neigh_find(const struct sctpdk_net *net, uint16_t port_id,
					const struct sctpdk_addr *ip);
struct net_neigh *sctpdk_net_neigh_create(struct sctpdk_net *net, uint16_t port_id,
					  const struct sctpdk_addr *ip);
int sctpdk_net_neigh_learn(struct sctpdk_net *net, struct net_neigh *nb, const uint8_t mac[6],
			   uint64_t lifetime_us, struct sctpdk_net_tx *tx, uint64_t now_us);
void sctpdk_net_neigh_remove(struct sctpdk_net *net, struct net_neigh *nb, int reason);
int sctpdk_net_neigh_send(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
			  const struct sctpdk_addr *next_hop, struct sctpdk_net_tx *tx,
			  uint64_t now_us);
uint64_t sctpdk_net_neigh_timer(struct sctpdk_net *net, struct sctpdk_net_tx *tx, uint64_t now_us);

/* route.c */
int sctpdk_net_route_init(struct sctpdk_net *net);
void sctpdk_net_route_fini(struct sctpdk_net *net);
int sctpdk_net_prefix_match(const struct sctpdk_addr *a, const struct sctpdk_addr *prefix,
			    uint8_t plen);

/* ipv4.c */
int sctpdk_net_ip4_init(struct sctpdk_net *net);
void sctpdk_net_ip4_fini(struct sctpdk_net *net);
int sctpdk_net_ip4_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf **mp,
			 const struct net_eth_info *ei, struct sctpdk_net_rx_result *res,
			 struct sctpdk_net_tx *tx, uint64_t now_us);
int sctpdk_net_ip4_output(struct sctpdk_net *net, struct rte_mbuf *m, const struct sctpdk_addr *src,
			  const struct sctpdk_addr *dst, uint8_t proto);
void sctpdk_net_ip4_timer(struct sctpdk_net *net, uint64_t now_us);

/* ipv6.c */
int sctpdk_net_ip6_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf **mp,
			 const struct net_eth_info *ei, struct sctpdk_net_rx_result *res,
			 struct sctpdk_net_tx *tx, uint64_t now_us);
int sctpdk_net_ip6_output(struct sctpdk_net *net, struct rte_mbuf *m, const struct sctpdk_addr *src,
			  const struct sctpdk_addr *dst, uint8_t proto, uint8_t hop_limit);
uint16_t sctpdk_net_cksum6(const struct rte_mbuf *m, uint32_t off, uint32_t len,
			   const uint8_t src[16], const uint8_t dst[16], uint8_t proto);
int sctpdk_net_ip6_is_solicited_for(const struct net_port *p, const uint8_t dst[16]);
void sctpdk_net_ip6_solicited_node(const uint8_t target[16], uint8_t out[16]);

/* icmp.c */
int sctpdk_net_icmp4_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
			   uint16_t l2_len, uint16_t ihl, uint32_t icmp_len,
			   struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx);

/* An echo request turned into its reply in place (m): sent and counted.
 * Returns SCTPDK_NET_CONSUMED. */
int sctpdk_net_echo_reply_send(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
			       struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx);
/* res->icmp (its addresses set) completed from the error message's header
 * ic (8 bytes) and the quoted SCTP bytes l4 (avail of them, at least 8):
 * kind, and mtu for SCTPDK_ICMP_PMTU (else 0). m is freed. Returns
 * SCTPDK_NET_ICMP. */
int sctpdk_net_icmp_report(struct net_port *p, struct rte_mbuf *m, const uint8_t ic[8],
			   const uint8_t *l4, uint32_t avail, uint8_t kind, uint32_t mtu,
			   struct sctpdk_net_rx_result *res);

/* icmp6.c */
int sctpdk_net_icmp6_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
			   uint16_t l2_len, uint16_t l3_len, uint32_t icmp_len,
			   struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx,
			   uint64_t now_us);

/* nd.c */
int sctpdk_net_nd_input(struct sctpdk_net *net, struct net_port *p, struct rte_mbuf *m,
			const struct net_eth_info *ei, uint16_t off, uint32_t len,
			uint8_t hop_limit, struct sctpdk_net_rx_result *res,
			struct sctpdk_net_tx *tx, uint64_t now_us);
int sctpdk_net_nd_solicit(struct sctpdk_net *net, const struct net_port *p,
			  const struct sctpdk_addr *src, const struct sctpdk_addr *target,
			  struct sctpdk_net_tx *tx);
int sctpdk_net_nd_advert(struct sctpdk_net *net, const struct net_port *p, const uint8_t target[16],
			 const uint8_t dst_ip[16], const uint8_t dst_mac[6], uint8_t flags,
			 struct sctpdk_net_tx *tx);

#define NET_NA_FLAG_ROUTER    0x80
#define NET_NA_FLAG_SOLICITED 0x40
#define NET_NA_FLAG_OVERRIDE  0x20

#endif
