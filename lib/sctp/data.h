/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Data transfer glue of an association: wires the send queue, the
 * outstanding queue, the TSN tracker and reassembly to the association
 * (RFC 9260 section 6). The association calls these; the components do
 * the work.
 */
#ifndef SCTPDK_SCTP_DATA_H
#define SCTPDK_SCTP_DATA_H

#include <stdbool.h>
#include <stdint.h>

struct rte_mbuf;
struct sctpdk_sctp_assoc;
struct rx_ctx;
struct pkt_chunk;
struct pkt_builder;
struct data_state;

struct assoc_data {
	struct data_state *s; /* NULL until data_init */
	struct path_set *ps;  /* destinations (path.c), NULL until first use */
};

/* Set up the send side (our initial TSN is known): at association creation.
 * Errors: SCTPDK_ERR_NOMEM. */
int data_init(struct sctpdk_sctp_assoc *a);

/* Set up (or set up again) the receive side once the peer's initial TSN,
 * window and the stream counts are known. Errors: SCTPDK_ERR_NOMEM. */
int data_peer_init(struct sctpdk_sctp_assoc *a);

/* Release everything (queued messages, reassembly). */
void data_free(struct sctpdk_sctp_assoc *a);

/* Queue a user message (ownership taken on success). Before data_init the
 * association keeps it pending. Errors: SCTPDK_ERR_INVAL, SCTPDK_ERR_AGAIN,
 * SCTPDK_ERR_NOMEM. */
int data_send(struct sctpdk_sctp_assoc *a, uint16_t sid, uint32_t ppid, uint32_t flags,
	      uint32_t ttl_ms, uint32_t context, struct rte_mbuf *msg, uint64_t now_us);

/* A DATA chunk arrived. */
void data_on_data(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c);

/* A SACK arrived. */
void data_on_sack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c);

/* End of a received packet (SACK policy). */
void data_on_packet_end(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx);

/* The Cumulative TSN Ack of a SHUTDOWN acknowledges our data (9.2).
 * Returns -1 when that aborted the association (it is freed). */
int data_on_cum_ack(struct sctpdk_sctp_assoc *a, uint32_t cum_tsn, uint64_t now_us);

/* Add a SACK when one is due (or force) to the packet. Returns 1 if added. */
int data_add_sack(struct sctpdk_sctp_assoc *a, struct pkt_builder *b, bool force);

/* Add as many DATA chunks as fit and the windows allow. Returns the count. */
int data_add_data(struct sctpdk_sctp_assoc *a, struct pkt_builder *b, uint64_t now_us);

/* Anything sendable right now (SACK due or DATA allowed)? */
bool data_want_tx(const struct sctpdk_sctp_assoc *a);

/* No data queued or in flight (shutdown may proceed). */
bool data_all_acked(const struct sctpdk_sctp_assoc *a);

/* Our cumulative TSN ack point for the peer's data. */
uint32_t data_cum_tsn(const struct sctpdk_sctp_assoc *a);

/* Our advertised receive window. */
uint32_t data_rwnd(const struct sctpdk_sctp_assoc *a);

/* Timers of the data path (delayed SACK, T3-rtx). */
uint64_t data_deadline(const struct sctpdk_sctp_assoc *a);
/* Returns -1 when the association was aborted (freed). */
int data_timer(struct sctpdk_sctp_assoc *a, uint64_t now_us);

/* Make every DATA packet be acknowledged at once (shutdown, 9.2). */
void data_set_immediate_sack(struct sctpdk_sctp_assoc *a, bool on);

/* Counters for sctpdk_sctp_assoc_info. */
uint32_t data_outstanding_bytes(const struct sctpdk_sctp_assoc *a);
/* Bytes in flight to destination i. */
uint32_t data_flight(const struct sctpdk_sctp_assoc *a, unsigned i);
uint32_t data_queued_bytes(const struct sctpdk_sctp_assoc *a);
/* The peer's receive window as we estimate it (6.2.1). */
uint32_t data_peer_rwnd(const struct sctpdk_sctp_assoc *a);

/* The association ends without delivering everything: one SEND_FAILED
 * per message, DATA_SENT (in flight, unacknowledged; no bytes) or
 * DATA_UNSENT (with its bytes). */
void data_report_undelivered(struct sctpdk_sctp_assoc *a);

/* Peer restart (5.2.4 A): drop all queues and start over with the new
 * TSNs of the association (calls data_init and data_peer_init). */
int data_reset(struct sctpdk_sctp_assoc *a);

/* Stream counts changed after setup (INIT ACK / cookie): resize. */
int data_set_streams(struct sctpdk_sctp_assoc *a);

/* RTO estimate of destination i (peer address index); NULL before
 * data_init or for i >= SCTPDK_SCTP_MAX_ADDRS. */
struct sctpdk_rto *data_rto(struct sctpdk_sctp_assoc *a, unsigned i);
/* The association's error counter (consecutive timeouts). */
uint32_t *data_error_count(struct sctpdk_sctp_assoc *a);

/* The application took a DATA event of bytes bytes (window update). */
void data_on_read(struct sctpdk_sctp_assoc *a, uint32_t bytes);

/* Send buffer limit in bytes (SO_SNDBUF). */
void data_set_sndbuf(struct sctpdk_sctp_assoc *a, uint64_t bytes);
/* The association's send buffer (0 before the data state exists). */
uint64_t data_sndbuf(const struct sctpdk_sctp_assoc *a);

/* Destination i's path MTU (IP header included) changed. */
void data_set_pmtu(struct sctpdk_sctp_assoc *a, unsigned i, uint32_t pmtu);

/* A flush starts: Max.Burst counts packets from here (rtx.h). */
void data_flush_begin(struct sctpdk_sctp_assoc *a);

/* Transfer state of destination i for inspection (cwnd, flight, RTO,
 * counters). Returns 0 or SCTPDK_ERR_STATE (no transfer state yet). */
struct sctpdk_sctp_path_info;
int data_path_snapshot(const struct sctpdk_sctp_assoc *a, unsigned i,
		       struct sctpdk_sctp_path_info *pi);

#endif
