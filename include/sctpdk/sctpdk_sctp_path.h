/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk protocol core: per-destination transfer state (RFC 9260 sections
 * 6.3, 7, 8) for inspection and tests: congestion window, flight, RTO
 * estimate, T3-rtx, error counter and retransmission counters. Every
 * field is the destination's own: each peer address has its congestion
 * state, RTO, flight and T3-rtx timer.
 */
#ifndef SCTPDK_SCTP_PATH_H
#define SCTPDK_SCTP_PATH_H

#include <stdint.h>

#include <sctpdk/sctpdk_icmp_event.h>
#include <sctpdk/sctpdk_sctp.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sctpdk_sctp_path_info {
	struct sctpdk_addr addr;       /* peer transport address */
	uint32_t cwnd;                 /* bytes of DATA payload */
	uint32_t ssthresh;
	uint32_t partial_bytes_acked;
	uint32_t mtu;                  /* DATA payload bytes per packet (the cc MTU) */
	uint32_t flight;               /* bytes of DATA in flight to this destination */
	uint64_t srtt_us;
	uint64_t rttvar_us;
	uint64_t rto_us;
	uint32_t error_count;          /* destination error counter (8.2): T3-rtx expiries
					  and unanswered heartbeats since the last ack */
	uint64_t t3_expiries;          /* of this destination's T3-rtx timer */
	uint64_t fast_rtx_events;      /* fast recoveries that cut this destination's cwnd */
	uint64_t retransmitted_chunks; /* retransmissions sent to this destination */
	uint64_t rtt_samples;          /* RTT measurements used (one per round trip) */
	int active;                    /* reachable (8.2) */
	int current;                   /* new data goes here now */
	int primary;
	int t3_running;                /* its T3-rtx timer runs */
	int confirmed;                 /* path verified (RFC 9260 5.4) */
	uint64_t hb_sent;
	uint64_t hb_acked;
	uint32_t hb_interval_ms;       /* this destination's HB.interval, 0 = off */
	uint32_t path_max_retrans;     /* this destination's Path.Max.Retrans */
};

/* state of SCTPDK_EV_PEER_ADDR_CHANGE (values of the socket API draft). */
enum sctpdk_peer_addr_state {
	SCTPDK_ADDR_AVAILABLE = 1,
	SCTPDK_ADDR_UNREACHABLE,
	SCTPDK_ADDR_REMOVED,
	SCTPDK_ADDR_ADDED,
	SCTPDK_ADDR_MADE_PRIM,
};

/* Make peer address addr the primary (SCTP_SET_PEER_PRIMARY_ADDR's
 * counterpart for our own sending, SCTP_PRIMARY_ADDR of the draft).
 * Reports ADDR_MADE_PRIM. Returns 0, SCTPDK_ERR_NOTFOUND. */
int sctpdk_sctp_set_primary(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
			    const struct sctpdk_addr *addr, uint64_t now_us);

/* SCTP_PEER_ADDR_PARAMS: heartbeat interval in ms (0 = off,
 * SCTPDK_HB_NOW = send one heartbeat now and keep the interval) and
 * Path.Max.Retrans of peer address path_index (as sctpdk_sctp_path_info
 * numbers them), or with path_index -1 of every peer address and the
 * association's default for addresses added later. SCTPDK_PATH_KEEP for
 * either value leaves it as it is. Returns 0, SCTPDK_ERR_NOTFOUND (no
 * association or no such address), SCTPDK_ERR_INVAL. */
#define SCTPDK_HB_NOW    UINT32_MAX
#define SCTPDK_PATH_KEEP (UINT32_MAX - 1u)
int sctpdk_sctp_set_path_params(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, int path_index,
				uint32_t hb_interval_ms, uint32_t path_max_retrans,
				uint64_t now_us);
/* The same for every peer address (path_index -1). */
int sctpdk_sctp_set_peer_addr_params(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
				     uint32_t hb_interval_ms, uint32_t path_max_retrans,
				     uint64_t now_us);

/* State of peer address idx (0 = the primary) of association id.
 * Returns 0, SCTPDK_ERR_NOTFOUND (no association or address),
 * SCTPDK_ERR_STATE (no transfer state yet). */
int sctpdk_sctp_path_info(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, unsigned idx,
			  struct sctpdk_sctp_path_info *pi);

/*
 * Per-association parameters (id > 0) or endpoint defaults for new
 * associations (id 0: the endpoint's config). Each maps one socket option
 * of the API draft. Returns 0, SCTPDK_ERR_NOTFOUND, SCTPDK_ERR_INVAL.
 */
/* SCTP_RTOINFO: 0 leaves a value as it is; min <= max required. */
int sctpdk_sctp_set_rtoinfo(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint32_t initial_us,
			    uint32_t min_us, uint32_t max_us);
/* SCTP_ASSOCINFO: Association.Max.Retrans. */
int sctpdk_sctp_set_max_retrans(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
				uint32_t max_retrans);
/* SO_SNDBUF: bytes of user messages queued before send fails with AGAIN. */
int sctpdk_sctp_set_sndbuf(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint32_t bytes);
/* SCTP_AUTOCLOSE: an association without user data moving for this many
 * seconds shuts down gracefully; 0 = off. */
int sctpdk_sctp_set_autoclose(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
			      uint32_t seconds, uint64_t now_us);
/* SCTP_SET_STREAM_TIMEOUTS: default lifetime (ms, 0 = none) of messages
 * sent on stream sid without their own; an expired unsent message is
 * dropped and reported as SEND_FAILED with DATA_UNSENT, its context and
 * bytes. Returns 0, SCTPDK_ERR_NOTFOUND, SCTPDK_ERR_INVAL (sid). */
int sctpdk_sctp_set_stream_timeout(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint16_t sid,
				   uint32_t ttl_ms);
/* SCTP_NODELAY: send small data at once even with data in flight (the
 * Nagle-like rule of 6.1 off). */
int sctpdk_sctp_set_nodelay(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, int on);
/* SCTP_DISABLE_FRAGMENTS: a message larger than one packet's payload
 * fails with SCTPDK_ERR_MSGSIZE (EMSGSIZE). */
int sctpdk_sctp_set_disable_fragments(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, int on);

/* SCTP_ASSOCINFO's sasoc_cookie_life: Valid.Cookie.Life of the cookies
 * the endpoint issues from now on. Returns 0, SCTPDK_ERR_INVAL (0). */
int sctpdk_sctp_set_cookie_life(struct sctpdk_sctp_ep *ep, uint32_t life_us);

/* The parameters above as they are now: of association id, or (id 0) the
 * endpoint's defaults for new associations. */
struct sctpdk_sctp_assoc_params {
	uint32_t rto_initial_us, rto_min_us, rto_max_us;
	uint32_t max_retrans;      /* Association.Max.Retrans */
	uint32_t max_init_retrans; /* endpoint's */
	uint32_t cookie_life_us;   /* endpoint's */
	uint32_t hb_interval_ms;   /* 0 = off */
	uint32_t path_max_retrans;
	uint32_t autoclose_s;
	int nodelay;
	int disable_fragments;
	uint32_t sndbuf_bytes;
	uint32_t rwnd_bytes; /* endpoint's advertised window */
};
/* Returns 0, SCTPDK_ERR_NOTFOUND. */
int sctpdk_sctp_get_params(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
			   struct sctpdk_sctp_assoc_params *p);

/*
 * An ICMP error about a packet this endpoint sent (decoded by lib/net),
 * RFC 9260 appendix C: the quoted ports and verification tag must match an
 * association. SCTPDK_ICMP_PMTU lowers that destination's path MTU (never
 * below 512 bytes, only while data is outstanding to the peer, i.e. the
 * report can be about our traffic) and new data is fragmented to it;
 * SCTPDK_ICMP_PROTO_UNREACH ends the association like an ABORT
 * (COMM_LOST); SCTPDK_ICMP_UNREACH counts as an error of the destination.
 * Returns 0 when acted on, SCTPDK_ERR_NOTFOUND (no matching association or
 * tag), SCTPDK_ERR_INVAL (ignored: no data outstanding, MTU not lower).
 */
int sctpdk_sctp_icmp_input(struct sctpdk_sctp_ep *ep, const struct sctpdk_icmp_event *ev,
			   uint64_t now_us);

#ifdef __cplusplus
}
#endif

#endif
