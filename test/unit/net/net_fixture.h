/* SPDX-License-Identifier: BSD-3-Clause */
/* Frame builders and a ready-made instance shared by the lib/net tests. */
#ifndef SCTPDK_NET_FIXTURE_H
#define SCTPDK_NET_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_net.h>

#include "sctpdk_test.h"

#define NF_PORT 3 /* DPDK port id used by the fixture (no real device) */

extern const uint8_t nf_our_mac[6];  /* 02:00:00:00:00:01 */
extern const uint8_t nf_peer_mac[6]; /* 02:00:00:00:00:02 */
extern const uint8_t nf_gw_mac[6];   /* 02:00:00:00:00:fe */

/* Our addresses: 192.0.2.1/24 and 2001:db8::1/64; peer 192.0.2.2 and
 * 2001:db8::2; gateway 192.0.2.254 / 2001:db8::fe; far host 198.51.100.7. */
struct sctpdk_addr nf_v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
struct sctpdk_addr nf_v6(uint16_t last); /* 2001:db8::<last> */

/* An instance with port NF_PORT (untagged, or vlan), both our addresses,
 * and default routes via the gateways. */
struct sctpdk_net *nf_net(uint16_t vlan);

/* tx sink of 64 slots; nf_tx_reset frees whatever it holds. */
struct nf_tx {
	struct rte_mbuf *pkts[64];
	uint16_t ports[64];
	struct sctpdk_net_tx tx;
};
void nf_tx_init(struct nf_tx *t);
void nf_tx_reset(struct nf_tx *t);

/* Copy bytes into a fresh mbuf (headroom as the pool gives). */
struct rte_mbuf *nf_mbuf(const uint8_t *b, size_t len);

/* Header writers; each returns bytes written. */
size_t nf_eth(uint8_t *b, const uint8_t dst[6], const uint8_t src[6], uint16_t vlan,
	      uint16_t ethertype);
size_t nf_ip4(uint8_t *b, uint32_t src, uint32_t dst, uint8_t proto, size_t payload,
	      uint16_t frag_field, size_t opt_len);
size_t nf_ip6(uint8_t *b, const uint8_t src[16], const uint8_t dst[16], uint8_t nh, size_t payload);
/* An SCTP common header + one chunk of n pad bytes (not a valid CRC). */
size_t nf_sctp(uint8_t *b, uint16_t sport, uint16_t dport, uint32_t vtag, size_t chunk_len);

/* One's-complement checksum of a flat buffer (complemented, ready to store). */
uint16_t nf_cksum(const void *b, size_t len);
/* ICMPv6 checksum over the message with the pseudo-header (ready to store). */
uint16_t nf_cksum6(const uint8_t src[16], const uint8_t dst[16], const void *msg, size_t len);

/* Ethernet (dst_mac, from the peer MAC) + IPv6 (hop limit hop) + an ICMPv6
 * message whose checksum is filled here. Returns the frame length. */
size_t nf_icmp6_frame(uint8_t *b, const uint8_t dst_mac[6], const struct sctpdk_addr *src,
		      const struct sctpdk_addr *dst, uint8_t hop, uint8_t *msg, size_t len);

/* Run one frame through rx; returns the verdict, fills *res; *m_out gets the
 * mbuf left to the caller (NULL unless verdict SCTP). */
int nf_rx(struct sctpdk_net *net, struct rte_mbuf *m, struct sctpdk_net_rx_result *res,
	  struct nf_tx *t, uint64_t now_us, struct rte_mbuf **m_out);

/* Drop counter for a reason. */
uint64_t nf_drops(const struct sctpdk_net *net, int reason);

/* Flat copy of a frame; returns its length. */
size_t nf_flat(const struct rte_mbuf *m, uint8_t *b, size_t cap);

#endif
