/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An ICMP or ICMPv6 error about an SCTP packet this stack sent, decoded by
 * lib/net for the protocol core (RFC 9260 appendix C). Plain data, no DPDK
 * types, so the sans-I/O core can include it without depending on lib/net.
 *
 * The core must still check the verification tag against the association
 * (appendix C, items 4 and 5) before acting on the event.
 */
#ifndef SCTPDK_ICMP_EVENT_H
#define SCTPDK_ICMP_EVENT_H

#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sctpdk_icmp_kind {
	/* IPv4 "fragmentation needed and DF set" or ICMPv6 "packet too big":
	 * mtu holds the next-hop MTU (0 when an old IPv4 router left it out). */
	SCTPDK_ICMP_PMTU = 1,
	/* IPv4 protocol unreachable or ICMPv6 parameter problem code 1
	 * ("unrecognized next header") pointing at the upper-layer protocol:
	 * the peer has no SCTP; treated like an ABORT (appendix C). */
	SCTPDK_ICMP_PROTO_UNREACH = 2,
	/* Any other destination-unreachable code (net, host, port,
	 * administratively prohibited...): a hint for path failure detection. */
	SCTPDK_ICMP_UNREACH = 3,
};

struct sctpdk_icmp_event {
	uint8_t kind;      /* enum sctpdk_icmp_kind */
	uint8_t icmp_type; /* type and code as received (v4 or v6 numbering) */
	uint8_t icmp_code;
	uint8_t have_vtag; /* 1 when the quoted SCTP header held the vtag */
	uint8_t have_init; /* 1 when vtag is 0 and the quote holds an INIT chunk
			      header plus its initiate tag (init_tag valid) */
	uint8_t pad[1];
	uint16_t port_id;            /* port the ICMP arrived on */
	uint32_t mtu;                /* SCTPDK_ICMP_PMTU only: next-hop MTU in bytes */
	struct sctpdk_addr reporter; /* source of the ICMP message (a router) */
	struct sctpdk_addr src;      /* quoted packet's source: a local address */
	struct sctpdk_addr dst;      /* quoted packet's destination: the peer */
	uint16_t src_port;           /* quoted SCTP source port, host order */
	uint16_t dst_port;           /* quoted SCTP destination port, host order */
	uint32_t vtag;               /* quoted verification tag, host order (have_vtag) */
	uint32_t init_tag;           /* quoted INIT initiate tag, host order (have_init) */
};

#ifdef __cplusplus
}
#endif

#endif
