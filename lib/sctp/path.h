/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Destinations of an association (RFC 9260 sections 6.4, 8.2, 8.3):
 * per peer address an error counter, active/inactive state, heartbeats and
 * the path MTU; the transfer state of each destination (RTO, congestion
 * window, flight, T3-rtx) lives in the data glue (data.c), indexed the
 * same way.
 *  - New data goes to the current destination: the primary while it is
 *    active, else an active alternate (failover, 6.4.1). It leaves a
 *    destination only when that one becomes inactive (error counter above
 *    Path.Max.Retrans, 8.2), and returns to the primary when a heartbeat
 *    to it is answered.
 *  - Retransmissions (after a T3-rtx expiry or fast retransmit) go to an
 *    active destination other than the one the chunk was last sent to when
 *    there is one (6.4), preferably the current one.
 *  - Replies of a pure receiver go to the source of the peer's last packet.
 *  - Path verification (5.4): only the primary (the address we associated
 *    to, or the one our INIT ACK went to) starts confirmed; another address
 *    is confirmed by an answered heartbeat (sent to it once per RTO until
 *    then) and carries nothing but heartbeats before that.
 */
#ifndef SCTPDK_SCTP_PATH_INT_H
#define SCTPDK_SCTP_PATH_INT_H

#include <stdbool.h>
#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>
#include <sctpdk/sctpdk_sctp.h>

#include "cc.h"
#include "rto.h"

struct sctpdk_sctp_assoc;
struct rx_ctx;
struct pkt_chunk;

struct path {
	uint32_t error_count;     /* destination error counter (8.2) */
	bool active;
	bool confirmed;           /* path verified (5.4): the primary, or a heartbeat answered */
	bool hb_pending;
	uint64_t hb_due_us;       /* next heartbeat, NO_DEADLINE none */
	uint64_t hb_sent_us;
	uint64_t hb_nonce;
	uint64_t last_tx_us;      /* last packet sent to it */
	struct sctpdk_addr local; /* our address the peer reached us at from it */
	bool local_known;
	uint64_t hb_sent, hb_acked;
	uint32_t pmtu;            /* path MTU, IP header included */
	uint32_t hb_interval_ms;   /* HB.interval of this destination, 0 = off */
	uint32_t path_max_retrans; /* Path.Max.Retrans of this destination */
};

struct path_set {
	struct path p[SCTPDK_SCTP_MAX_ADDRS];
	uint8_t n;
	uint8_t cur;               /* destination of new data */
	uint8_t last_rx;           /* peer address of the last packet received */
	bool have_rx;
	/* defaults taken by new destinations (and set for all at once) */
	uint32_t path_max_retrans; /* Path.Max.Retrans */
	uint32_t hb_interval_ms;   /* HB.interval, 0 = off */
	uint64_t failovers;
	/* Per-association parameters (params.c), from the endpoint's config. */
	uint32_t max_retrans;      /* Association.Max.Retrans */
	uint64_t autoclose_us;     /* 0 = off */
	bool disable_frag;
	bool nodelay;
	uint32_t *stream_ttl_ms;   /* per outbound stream default lifetime, or NULL */
	uint32_t n_stream_ttl;
	uint64_t last_data_us;     /* user send or DATA received (autoclose) */
};

/* Destination of a packet carrying no DATA (control chunks, SACK): the
 * current one, or where the peer's last packet came from for a pure
 * receiver. */
unsigned path_tx_index(struct sctpdk_sctp_assoc *a);
/* Our source address for packets to destination i; notes that a packet
 * goes to i now (heartbeat idleness). */
const struct sctpdk_addr *path_src_to(struct sctpdk_sctp_assoc *a, unsigned i);
/* Index of the current destination (new data). */
unsigned path_current(const struct sctpdk_sctp_assoc *a);
/* Destination for retransmitting a chunk last sent to last (6.4): an
 * active one other than last if there is one (the current one first),
 * else last when active, else the current one. */
unsigned path_rtx_dest(const struct sctpdk_sctp_assoc *a, unsigned last);

/* A packet from the peer arrived (remembers its source for replies). */
void path_on_rx(struct sctpdk_sctp_assoc *a, const struct rx_ctx *rx);

/* Hooks from the data glue: T3-rtx expired on destination i (its error
 * counter; new data fails over when it becomes inactive); data last sent
 * to the destinations of mask (bit i) was acknowledged (their error
 * counters clear, an inactive one becomes active). */
void path_on_t3(struct sctpdk_sctp_assoc *a, unsigned i);
void path_on_ack(struct sctpdk_sctp_assoc *a, uint32_t mask);

/* HEARTBEAT / HEARTBEAT ACK received. */
void path_on_heartbeat(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c);
void path_on_heartbeat_ack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx,
			   const struct pkt_chunk *c);

/* Heartbeat timers. path_timer returns -1 when the association ended. */
uint64_t path_deadline(const struct sctpdk_sctp_assoc *a);
int path_timer(struct sctpdk_sctp_assoc *a, uint64_t now_us);

void path_free(struct sctpdk_sctp_assoc *a);

/* The destinations of a (created on first use); NULL on allocation failure. */
struct path_set *path_set_get(struct sctpdk_sctp_assoc *a);
/* Association.Max.Retrans of a. */
uint32_t path_max_retrans(struct sctpdk_sctp_assoc *a);
/* Data moved (user send, DATA received): autoclose idle clock. */
void path_note_data(struct sctpdk_sctp_assoc *a, uint64_t now_us);
/* Bytes of SCTP packet the current destination takes (PMTU - IP header). */
uint32_t path_pkt_limit(struct sctpdk_sctp_assoc *a);
/* Idem for destination i. */
uint32_t path_pkt_limit_to(const struct sctpdk_sctp_assoc *a, unsigned i);

/* Default lifetime of messages on stream sid (0 = none). */
uint32_t path_stream_ttl(struct sctpdk_sctp_assoc *a, uint16_t sid);

/* SCTP_NODELAY set? */
bool path_nodelay(struct sctpdk_sctp_assoc *a);

/* Fragmentation disabled (SCTP_DISABLE_FRAGMENTS)? */
bool path_disable_frag(struct sctpdk_sctp_assoc *a);

#endif
