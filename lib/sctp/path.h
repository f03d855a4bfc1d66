/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Destinations of an association (RFC 9260 sections 6.4, 8.2, 8.3):
 * per peer address an RTO estimate, a congestion window, an error counter,
 * active/inactive state and heartbeats. All packets of the association go
 * to one current destination: the primary while it is active, else an
 * active alternate (failover). A T3-rtx expiry on the current destination
 * moves traffic to an active alternate at once (6.4.1); the primary takes
 * the traffic back when a heartbeat to it is answered.
 *
 * The current destination's RTO and cwnd live in the data glue (data.c);
 * the others are kept here and swapped in when traffic moves.
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
	struct sctpdk_rto rto;    /* valid while not the current destination */
	struct sctpdk_cc_path cc; /* idem */
	uint32_t error_count;
	bool active;
	bool hb_pending;
	uint64_t hb_due_us;       /* next heartbeat, NO_DEADLINE none */
	uint64_t hb_sent_us;
	uint64_t hb_nonce;
	uint64_t last_tx_us;      /* last packet sent to it */
	struct sctpdk_addr local; /* our address the peer reached us at from it */
	bool local_known;
	uint64_t hb_sent, hb_acked;
	uint32_t pmtu;            /* path MTU, IP header included */
};

struct path_set {
	struct path p[SCTPDK_SCTP_MAX_ADDRS];
	uint8_t n;
	uint8_t cur;               /* destination of everything we send */
	uint8_t last_rx;           /* peer address of the last packet received */
	bool have_rx;
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

/* Destination / source of the next packet. */
const struct sctpdk_addr *path_dest(struct sctpdk_sctp_assoc *a);
const struct sctpdk_addr *path_src(struct sctpdk_sctp_assoc *a);
/* Index of the current destination. */
unsigned path_current(struct sctpdk_sctp_assoc *a);

/* A packet from the peer arrived (remembers its source for replies). */
void path_on_rx(struct sctpdk_sctp_assoc *a, const struct rx_ctx *rx);

/* Hooks from the data glue. */
void path_on_t3(struct sctpdk_sctp_assoc *a, uint64_t now_us);
void path_on_ack(struct sctpdk_sctp_assoc *a);

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

/* Default lifetime of messages on stream sid (0 = none). */
uint32_t path_stream_ttl(struct sctpdk_sctp_assoc *a, uint16_t sid);

/* SCTP_NODELAY set? */
bool path_nodelay(struct sctpdk_sctp_assoc *a);

/* Fragmentation disabled (SCTP_DISABLE_FRAGMENTS)? */
bool path_disable_frag(struct sctpdk_sctp_assoc *a);

#endif
