/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/net: the L2/L3 layer between DPDK ports and the SCTP core.
 *
 * Ethernet (+ one 802.1Q tag), ARP, IPv4 (options tolerated, fragments
 * reassembled with rte_ip_frag), IPv6 (extension headers skipped, fragments
 * dropped), Neighbour Discovery (NS/NA), ICMP/ICMPv6 echo, and ICMP errors
 * about SCTP packets decoded into struct sctpdk_icmp_event. A static route
 * table (longest prefix match) and a bounded neighbour cache pick the egress
 * port and next-hop MAC.
 *
 * One struct sctpdk_net per stack (no global state). An instance is NOT
 * thread-safe: one lcore calls it, or the caller serialises. Time is passed
 * in (now_us, any monotonic microsecond clock); the library never reads a
 * clock. Every drop increments a reason counter (enum sctpdk_net_drop).
 *
 * Frames the library produces (ARP/ND replies and requests, echo replies,
 * packets released after neighbour resolution, and sctpdk_net_output()
 * results) are appended to a caller-owned struct sctpdk_net_tx together
 * with their egress DPDK port id; the caller sends them with
 * rte_eth_tx_burst(). When the tx array is full the frame is freed and
 * counted (SCTPDK_NET_DROP_TX_FULL).
 */
#ifndef SCTPDK_NET_H
#define SCTPDK_NET_H

#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>
#include <sctpdk/sctpdk_icmp_event.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_mempool;
struct sctpdk_net;

#define SCTPDK_NET_MAX_PORTS      8 /* ports per instance */
#define SCTPDK_NET_MAX_ADDRS      8 /* local addresses per port */
#define SCTPDK_NET_PENDING_PER_NB 4 /* packets queued per unresolved neighbour */

/* Headroom sctpdk_net_output() needs in front of the SCTP packet:
 * Ethernet 14 + 802.1Q 4 + IPv6 40. */
#define SCTPDK_NET_HEADROOM 58

struct sctpdk_net_config {
	struct rte_mempool *pool;  /* mbufs for ARP/ND/requests (required) */
	uint32_t neigh_max;        /* neighbour cache entries (default 256) */
	uint32_t pending_max;      /* packets queued over all neighbours (64) */
	uint32_t route_max;        /* route table size (64) */
	uint64_t neigh_timeout_us; /* lifetime of a resolved entry (60 s) */
	uint64_t neigh_retry_us;   /* interval between requests (1 s) */
	uint32_t neigh_retries;    /* requests before giving up (3) */
	uint32_t frag_flows;       /* IPv4 reassembly flows; 0 = drop fragments (64) */
	uint64_t frag_timeout_us;  /* IPv4 reassembly timeout (2 s) */
	uint8_t ttl;               /* IPv4 TTL / IPv6 hop limit on output (64) */
	int socket_id;             /* NUMA socket for the frag table (SOCKET_ID_ANY) */
};

/* Fill cfg with the defaults shown above (pool left NULL). */
void sctpdk_net_config_default(struct sctpdk_net_config *cfg);

/*
 * Create an instance. Allocates everything it will ever use (neighbour
 * cache, route table, frag table); nothing is allocated per packet except
 * mbufs from cfg->pool for generated frames.
 * Returns NULL on bad config (no pool, zero sizes) or allocation failure.
 */
struct sctpdk_net *sctpdk_net_new(const struct sctpdk_net_config *cfg);

/* Free the instance and every mbuf it holds (pending, fragments). NULL ok. */
void sctpdk_net_del(struct sctpdk_net *net);

/*
 * Attach a DPDK port: its MAC, VLAN id (0 = untagged, 1..4094 = every frame
 * tagged with this VID on RX and TX) and IP MTU (68..9000; used to refuse
 * oversize output). Errors: SCTPDK_ERR_INVAL, SCTPDK_ERR_EXISTS,
 * SCTPDK_ERR_NOSPACE (more than SCTPDK_NET_MAX_PORTS).
 */
int sctpdk_net_port_add(struct sctpdk_net *net, uint16_t port_id, const uint8_t mac[6],
			uint16_t vlan_id, uint16_t mtu);

/* Change a port's MTU (e.g. after rte_eth_dev_set_mtu). SCTPDK_ERR_NOTFOUND,
 * SCTPDK_ERR_INVAL. */
int sctpdk_net_port_set_mtu(struct sctpdk_net *net, uint16_t port_id, uint16_t mtu);

/* The IP MTU of a port, or 0 when unknown. */
uint16_t sctpdk_net_port_mtu(const struct sctpdk_net *net, uint16_t port_id);

/*
 * Add a local unicast address with its prefix length on a port. A directly
 * connected route for the prefix is added too (unless prefix_len is 32/128
 * or the route exists). Errors: SCTPDK_ERR_INVAL (bad family, multicast,
 * prefix too long), SCTPDK_ERR_NOTFOUND (port), SCTPDK_ERR_EXISTS,
 * SCTPDK_ERR_NOSPACE.
 */
int sctpdk_net_addr_add(struct sctpdk_net *net, uint16_t port_id, const struct sctpdk_addr *addr,
			uint8_t prefix_len);

/* 1 when addr is a local address on any port of this instance (weak host
 * model), else 0. *port_id (if not NULL) receives its port. */
int sctpdk_net_addr_is_local(const struct sctpdk_net *net, const struct sctpdk_addr *addr,
			     uint16_t *port_id);

/*
 * Add a static route: prefix/prefix_len reached via port_id, through gateway
 * (NULL or family 0 = directly connected). Lookups pick the longest prefix.
 * Errors: SCTPDK_ERR_INVAL, SCTPDK_ERR_NOTFOUND (port), SCTPDK_ERR_EXISTS
 * (same prefix and length), SCTPDK_ERR_NOSPACE (route_max reached).
 */
int sctpdk_net_route_add(struct sctpdk_net *net, const struct sctpdk_addr *prefix,
			 uint8_t prefix_len, const struct sctpdk_addr *gateway, uint16_t port_id);

/*
 * Parse a route as configuration files write it: "PREFIX/LEN via GATEWAY",
 * "PREFIX/LEN" (directly connected), "ADDRESS [via GATEWAY]" (host route,
 * /32 or /128), "default via GATEWAY" (0.0.0.0/0 or ::/0, the gateway's
 * family). IPv4 or IPv6; the gateway of the prefix's family. gateway gets
 * family 0 when there is none. Returns 0 or SCTPDK_ERR_MALFORMED.
 */
int sctpdk_net_route_parse(const char *text, struct sctpdk_addr *prefix, uint8_t *prefix_len,
			   struct sctpdk_addr *gateway);

/* Remove the route for prefix/prefix_len. SCTPDK_ERR_NOTFOUND. */
int sctpdk_net_route_del(struct sctpdk_net *net, const struct sctpdk_addr *prefix,
			 uint8_t prefix_len);

struct sctpdk_net_route_result {
	uint16_t port_id;
	uint16_t mtu;                /* IP MTU of the egress port */
	uint8_t prefix_len;          /* of the matching route */
	struct sctpdk_addr next_hop; /* gateway, or dst itself when connected */
	struct sctpdk_addr src;      /* preferred local source on that port */
};

/* Longest-prefix-match lookup. 0, or SCTPDK_ERR_NOTFOUND (no route, or no
 * local address of dst's family on the egress port). */
int sctpdk_net_route_lookup(const struct sctpdk_net *net, const struct sctpdk_addr *dst,
			    struct sctpdk_net_route_result *res);

/* Frames produced by the library, with their egress port. Caller-owned. */
struct sctpdk_net_tx {
	struct rte_mbuf **pkts;
	uint16_t *ports;
	uint16_t cap;
	uint16_t n;
};

enum sctpdk_net_verdict {
	SCTPDK_NET_SCTP = 0, /* SCTP packet for the stack; mbuf still owned by caller */
	SCTPDK_NET_CONSUMED, /* ARP/ND/echo handled, or a fragment held; mbuf taken */
	SCTPDK_NET_ICMP,     /* ICMP error about SCTP: see res->icmp; mbuf taken */
	SCTPDK_NET_DROP,     /* dropped, see res->reason; mbuf freed */
};

enum sctpdk_net_drop {
	SCTPDK_NET_DROP_NONE = 0,
	SCTPDK_NET_DROP_RUNT,          /* shorter than an Ethernet header */
	SCTPDK_NET_DROP_UNKNOWN_PORT,  /* port not attached with port_add */
	SCTPDK_NET_DROP_MAC,           /* unicast to another MAC */
	SCTPDK_NET_DROP_VLAN,          /* tag absent, unexpected or other VID */
	SCTPDK_NET_DROP_ETHERTYPE,     /* not ARP, IPv4 or IPv6 */
	SCTPDK_NET_DROP_ARP_MALFORMED, /* bad ARP header or sender */
	SCTPDK_NET_DROP_ARP_NOT_US,    /* ARP not about our address (learned if known) */
	SCTPDK_NET_DROP_IP4_HDR,       /* truncated, bad version/IHL/total length */
	SCTPDK_NET_DROP_IP4_CKSUM,     /* bad header checksum */
	SCTPDK_NET_DROP_IP4_SRC,       /* source multicast/broadcast/ours */
	SCTPDK_NET_DROP_IP4_FRAG,      /* fragment: reassembly off, table full, bad */
	SCTPDK_NET_DROP_IP6_HDR,       /* truncated, bad version/payload length */
	SCTPDK_NET_DROP_IP6_EXT,       /* malformed or too many extension headers */
	SCTPDK_NET_DROP_IP6_FRAG,      /* IPv6 fragment header (not reassembled) */
	SCTPDK_NET_DROP_IP6_SRC,       /* source multicast/unspecified(for SCTP)/ours */
	SCTPDK_NET_DROP_NOT_LOCAL,     /* destination is not one of our addresses */
	SCTPDK_NET_DROP_PROTO,         /* upper layer is not SCTP/ICMP */
	SCTPDK_NET_DROP_SCTP_SHORT,    /* SCTP packet shorter than its common header */
	SCTPDK_NET_DROP_ICMP_HDR,      /* truncated ICMP/ICMPv6 */
	SCTPDK_NET_DROP_ICMP_CKSUM,    /* bad ICMP/ICMPv6 checksum */
	SCTPDK_NET_DROP_ICMP_TYPE,     /* type/code we ignore */
	SCTPDK_NET_DROP_ICMP_INNER,    /* quoted packet not SCTP from one of ours */
	SCTPDK_NET_DROP_ND_MALFORMED,  /* hop limit != 255, bad code/options */
	SCTPDK_NET_DROP_ND_NOT_US,     /* NS for a target that is not ours */
	SCTPDK_NET_DROP_NO_MBUF,       /* pool empty while building a frame */
	SCTPDK_NET_DROP_TX_FULL,       /* caller's tx array full */
	SCTPDK_NET_DROP_NO_ROUTE,      /* output: no route / no source address */
	SCTPDK_NET_DROP_TOO_BIG,       /* output: larger than the port MTU */
	SCTPDK_NET_DROP_HEADROOM,      /* output: not enough headroom */
	SCTPDK_NET_DROP_NEIGH_FULL,    /* output: neighbour cache full of pending */
	SCTPDK_NET_DROP_PENDING_FULL,  /* output: pending queue bound reached */
	SCTPDK_NET_DROP_UNRESOLVED,    /* queued packet whose neighbour never answered */
	SCTPDK_NET_DROP_TO_SELF,       /* output to one of our own addresses */
	SCTPDK_NET_DROP_MAX
};

/* Static name of a drop reason ("ip4_cksum", ...); "?" when out of range. */
const char *sctpdk_net_drop_name(unsigned int reason);

/* Per-packet RX result. */
struct sctpdk_net_rx_result {
	uint8_t verdict;  /* enum sctpdk_net_verdict */
	uint8_t reason;   /* enum sctpdk_net_drop when verdict is DROP */
	uint16_t port_id; /* receiving port */
	/* SCTPDK_NET_SCTP: */
	uint16_t l4_off; /* offset of the SCTP common header in the mbuf */
	uint16_t pad;
	uint32_t l4_len;        /* SCTP packet length (IP payload); pkt_len == l4_off + l4_len */
	struct sctpdk_addr src; /* IP source (the peer) */
	struct sctpdk_addr dst; /* IP destination (ours) */
	/* SCTPDK_NET_ICMP: */
	struct sctpdk_icmp_event icmp;
	/* SCTPDK_NET_CONSUMED by ARP or ND: learned = 1 when the frame taught
	 * this instance a neighbour's MAC (nb_ip on port_id is at nb_mac). A
	 * runtime running one instance per lcore passes it on to the others
	 * with sctpdk_net_neigh_add(), since ARP/ND replies arrive on one queue. */
	uint8_t learned;
	uint8_t nb_mac[6];
	struct sctpdk_addr nb_ip;
};

/*
 * Classify and process a received burst from port_id. For each pkts[i],
 * res[i] tells what happened. When the verdict is SCTPDK_NET_SCTP, pkts[i]
 * is the packet for the core (possibly a different, chained mbuf when it
 * completed an IPv4 reassembly; trailing Ethernet padding trimmed; l2_len
 * and l3_len set); the caller owns it. For every other verdict the library
 * took the mbuf and pkts[i] is set to NULL. Replies are appended to tx.
 * Returns the number of SCTPDK_NET_SCTP packets.
 */
uint16_t sctpdk_net_rx_burst(struct sctpdk_net *net, uint16_t port_id, struct rte_mbuf **pkts,
			     uint16_t n, struct sctpdk_net_rx_result *res, struct sctpdk_net_tx *tx,
			     uint64_t now_us);

/*
 * Send an SCTP packet. m holds the SCTP common header and chunks at its data
 * start, with at least SCTPDK_NET_HEADROOM bytes of headroom; the SCTP CRC
 * is the caller's business (filled, or RTE_MBUF_F_TX_SCTP_CKSUM set after
 * this call: l2_len, l3_len and RTE_MBUF_F_TX_IPV4/IPV6 are set here).
 * src may be NULL or family 0 to use the route's preferred source.
 * IPv4 is sent with DF set (SCTP does its own PMTU discovery).
 * Ownership of m always passes to the library.
 * Returns 0 when the frame was appended to tx, 1 when it is queued until the
 * next hop resolves (an ARP request / NS may have been appended to tx), or a
 * negative error after freeing m and counting the drop:
 * SCTPDK_ERR_NOTFOUND (no route / source), SCTPDK_ERR_MSGSIZE (over MTU),
 * SCTPDK_ERR_NOSPACE (headroom, tx full, cache or pending full),
 * SCTPDK_ERR_INVAL (bad arguments, destination is local).
 */
int sctpdk_net_output(struct sctpdk_net *net, struct rte_mbuf *m, const struct sctpdk_addr *src,
		      const struct sctpdk_addr *dst, struct sctpdk_net_tx *tx, uint64_t now_us);

/*
 * Announce the stack: one gratuitous ARP per IPv4 address and one
 * unsolicited NA (to all-nodes) per IPv6 address, into tx. Returns the number
 * of frames produced.
 */
int sctpdk_net_start(struct sctpdk_net *net, struct sctpdk_net_tx *tx, uint64_t now_us);

/*
 * Housekeeping, to call every few milliseconds or at the time returned by
 * the previous call: retransmits ARP requests / NS, gives up on silent
 * neighbours (dropping their queued packets), expires resolved entries and
 * stale IPv4 reassemblies. Returns the next time it wants to run (UINT64_MAX
 * when nothing is pending).
 */
uint64_t sctpdk_net_timer(struct sctpdk_net *net, struct sctpdk_net_tx *tx, uint64_t now_us);

/* Add or refresh a neighbour (static entries: lifetime_us = UINT64_MAX).
 * Releases packets queued for it into tx (tx may be NULL when none are
 * queued: they are then dropped). An entry added with a finite lifetime
 * replaces a static one. Errors: SCTPDK_ERR_INVAL,
 * SCTPDK_ERR_NOTFOUND (port), SCTPDK_ERR_NOSPACE (cache full of
 * unresolved entries). */
int sctpdk_net_neigh_add(struct sctpdk_net *net, uint16_t port_id, const struct sctpdk_addr *ip,
			 const uint8_t mac[6], uint64_t lifetime_us, struct sctpdk_net_tx *tx,
			 uint64_t now_us);

/* Resolved MAC of a neighbour: 0, or SCTPDK_ERR_NOTFOUND (absent, still
 * resolving or expired at now_us). */
int sctpdk_net_neigh_lookup(const struct sctpdk_net *net, uint16_t port_id,
			    const struct sctpdk_addr *ip, uint8_t mac[6], uint64_t now_us);

struct sctpdk_net_stats {
	uint64_t rx_pkts;        /* frames given to rx_burst */
	uint64_t rx_sctp;        /* SCTP packets handed to the caller */
	uint64_t rx_arp;         /* ARP frames processed */
	uint64_t rx_nd;          /* NS/NA processed */
	uint64_t rx_echo;        /* echo requests answered (v4 + v6) */
	uint64_t rx_icmp_events; /* ICMP errors handed to the caller */
	uint64_t rx_frags;       /* IPv4 fragments taken for reassembly */
	uint64_t rx_reassembled; /* IPv4 datagrams completed */
	uint64_t frag_discarded; /* held fragments the table discarded (expired,
				    evicted, inconsistent sets) */
	uint64_t tx_sctp;        /* output frames handed to tx (incl. released) */
	uint64_t tx_arp_request;
	uint64_t tx_arp_reply;
	uint64_t tx_garp;
	uint64_t tx_ns;
	uint64_t tx_na;
	uint64_t tx_echo_reply;
	uint64_t neigh_resolved; /* entries that became resolved */
	uint64_t neigh_expired;  /* resolved entries aged out */
	uint64_t neigh_failed;   /* entries given up after the last retry */
	uint64_t pending_queued; /* packets that waited for resolution */
	uint64_t drop[SCTPDK_NET_DROP_MAX];
};

/* Copy the counters. */
void sctpdk_net_stats_get(const struct sctpdk_net *net, struct sctpdk_net_stats *st);

/* Sum of all drop counters. */
uint64_t sctpdk_net_drops_total(const struct sctpdk_net *net);

#ifdef __cplusplus
}
#endif

#endif
