/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal structures of the protocol core: the endpoint, its associations
 * and the functions the engine files share. Not installed.
 */
#ifndef SCTPDK_SCTP_INT_H
#define SCTPDK_SCTP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_sctp.h>

#include "cookie.h"
#include "data.h"
#include "pkt.h"

#define NO_DEADLINE UINT64_MAX

/* One timer of an association: an absolute expiry or NO_DEADLINE. */
enum assoc_timer {
	TMR_T1_INIT = 0,
	TMR_T1_COOKIE,
	TMR_T2_SHUTDOWN,
	TMR_T5_GUARD,
	TMR_COUNT
};

struct sctpdk_sctp_assoc {
	struct sctpdk_sctp_ep *ep;
	struct sctpdk_sctp_assoc *next;
	sctpdk_assoc_id_t id;
	int state;
	uint16_t peer_port;
	uint8_t n_peer;
	uint8_t primary;
	struct sctpdk_addr peer_addrs[SCTPDK_SCTP_MAX_ADDRS];
	struct sctpdk_addr local_addr; /* source address of what we send */

	uint32_t local_vtag;  /* our Initiate Tag: peer puts it in its packets */
	uint32_t peer_vtag;   /* peer's Initiate Tag: we put it in ours */
	uint32_t local_tsn;   /* our initial TSN */
	uint32_t peer_tsn;    /* peer's initial TSN */
	uint16_t req_out_streams; /* what we asked for in INIT */
	uint16_t out_streams;
	uint16_t in_streams;
	uint32_t peer_rwnd;
	uint32_t peer_adaptation;
	bool peer_has_adaptation;
	bool comm_up_sent;
	bool peer_aborted; /* ends because the peer sent ABORT */

	/* Setup: retransmissions of INIT / COOKIE ECHO. */
	uint32_t init_retrans;
	uint32_t rto_us;
	uint32_t cookie_preservative_ms; /* sent in the next INIT after Stale Cookie */
	uint8_t *cookie;      /* COOKIE ECHO payload while COOKIE-ECHOED */
	uint16_t cookie_len;
	/* Unrecognized-parameter causes to send with the COOKIE ECHO. */
	uint8_t *pend_err;
	uint16_t pend_err_len;

	/* Shutdown. */
	uint32_t shutdown_retrans;
	bool shutdown_event_sent;

	uint64_t timer[TMR_COUNT];
	struct pkt_builder out; /* open packet of queued control chunks */
	struct assoc_data data; /* data transfer state (data.h) */
};

struct event_queue {
	struct sctpdk_sctp_event *ring;
	uint32_t cap;  /* power of two */
	uint32_t head; /* next to take */
	uint32_t count;
	uint32_t limit;
};

/* Counting filter over (peer address, peer port) of the endpoint's
 * associations: the owner thread adds and removes, any thread reads (the
 * stateless INIT answer asks whether an INIT may belong to one). */
#define PEER_FILTER_SLOTS 1024

struct sctpdk_sctp_ep {
	struct sctpdk_sctp_config cfg;
	struct sctpdk_cookie_keys keys;
	uint32_t peer_filter[PEER_FILTER_SLOTS];
	struct sctpdk_sctp_assoc *assocs;
	uint32_t n_assocs;
	sctpdk_assoc_id_t next_id;
	struct event_queue evq;
	struct sctpdk_sctp_stats stats;
	uint64_t now_us; /* time of the current call */
	uint8_t *scratch; /* SCRATCH_LEN bytes: one control chunk's value */
};

#define SCRATCH_LEN 65536

/* ---- endpoint.c ---- */
uint32_t ep_random32(const struct sctpdk_sctp_ep *ep);
uint32_t ep_random_tag(const struct sctpdk_sctp_ep *ep); /* never 0 */
void ep_output(struct sctpdk_sctp_ep *ep, struct rte_mbuf *m, const struct sctpdk_addr *src,
	       const struct sctpdk_addr *dst);
/* Fill the CRC32c (or mark it for the NIC) and count the packet in st. */
void ep_seal(const struct sctpdk_sctp_ep *ep, struct rte_mbuf *m, struct sctpdk_sctp_stats *st);
/* Peer filter: count (addr, port) in (delta +1) or out (-1); may the pair
 * belong to an association (false: certainly not)? */
void ep_peer_filter(struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *addr, uint16_t port,
		    int delta);
bool ep_peer_maybe_known(const struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *addr,
			 uint16_t port);
struct sctpdk_sctp_assoc *ep_assoc_new(struct sctpdk_sctp_ep *ep);
void ep_assoc_del(struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_assoc *a);
struct sctpdk_sctp_assoc *ep_assoc_by_id(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id);
struct sctpdk_sctp_assoc *ep_assoc_by_peer(const struct sctpdk_sctp_ep *ep,
					   const struct sctpdk_addr *addr, uint16_t port);
uint32_t ep_payload_limit(const struct sctpdk_sctp_ep *ep);
/* Add a peer address to a (peer_port set), once, counted in the filter. */
void assoc_add_peer_addr(struct sctpdk_sctp_assoc *a, const struct sctpdk_addr *addr);
int ep_local_addr_for(const struct sctpdk_sctp_ep *ep, uint8_t family, struct sctpdk_addr *out);
bool ep_supports_family(const struct sctpdk_sctp_ep *ep, uint8_t family);

/* ---- event.c ---- */
int evq_init(struct event_queue *q, uint32_t limit);
void evq_free(struct event_queue *q);
/* Queue ev (copied); on failure releases its mbufs and counts the drop. */
void ev_push(struct sctpdk_sctp_ep *ep, const struct sctpdk_sctp_event *ev);
void ev_assoc_change(struct sctpdk_sctp_assoc *a, uint16_t state, uint16_t error);

/* ---- assoc.c ---- */
/* Packet context handed to chunk handlers. */
struct rx_ctx {
	struct rte_mbuf *m;
	struct pkt_hdr hdr;
	const struct sctpdk_addr *src;
	const struct sctpdk_addr *dst;
	uint64_t now_us;
	bool had_data;     /* a DATA chunk was processed */
	bool stop;         /* stop processing the packet's chunks */
	bool assoc_gone;   /* the association was freed */
	uint32_t n_chunks;
	bool immediate_sack;   /* a DATA chunk had the I bit */
	bool ootb_stale_error; /* an ERROR chunk carries Stale Cookie */
	/* COOKIE ECHO opened once per packet. */
	bool ck_done;
	int ck_rc;
	uint64_t ck_stale_us;
	struct sctpdk_cookie ck;
};

void assoc_input(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx);
/* Free what the association holds (queues, buffers); no events. */
void assoc_release(struct sctpdk_sctp_assoc *a);
void assoc_timer(struct sctpdk_sctp_assoc *a, uint64_t now_us);
uint64_t assoc_next_deadline(const struct sctpdk_sctp_assoc *a);
/* Tear down: report state change (if report), free. */
void assoc_close(struct sctpdk_sctp_assoc *a, uint16_t report_state, uint16_t error);
void assoc_set_state(struct sctpdk_sctp_assoc *a, int state);
/* Send what is pending (SACK, DATA, control) in as few packets as fit. */
void assoc_flush(struct sctpdk_sctp_assoc *a, uint64_t now_us);
/* Send an ABORT with one cause (cause 0 = none) and close. */
void assoc_abort_with(struct sctpdk_sctp_assoc *a, uint16_t cause, const void *info,
		      uint16_t info_len, uint16_t report_state);
int assoc_begin_packet(struct sctpdk_sctp_assoc *a, struct pkt_builder *b);
void assoc_send_packet(struct sctpdk_sctp_assoc *a, struct pkt_builder *b);
const struct sctpdk_addr *assoc_primary(const struct sctpdk_sctp_assoc *a);
bool assoc_has_peer_addr(const struct sctpdk_sctp_assoc *a, const struct sctpdk_addr *addr);
void assoc_shutdown_start(struct sctpdk_sctp_assoc *a);
void assoc_send_shutdown_ack(struct sctpdk_sctp_assoc *a);
/* Queue a COOKIE ACK in the association's open packet; it leaves with the
 * next flush. */
void assoc_queue_cookie_ack(struct sctpdk_sctp_assoc *a);
/* Queue an ERROR chunk with one cause (likewise). */
void assoc_queue_error(struct sctpdk_sctp_assoc *a, uint16_t cause, const void *info,
		       uint16_t info_len);
/* Process the chunks of rx from offset off on (after a COOKIE ECHO that
 * created the association), then flush. */
void assoc_input_from(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, uint32_t off);

/* Common start of packet processing, shared by sctpdk_sctp_input() and
 * the stateless INIT answer: structure checks (6.10), ports and address,
 * first chunk and the set of chunk types seen. Counts into st; returns
 * false when the packet is to be dropped. */
bool ep_rx_begin(const struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, struct rte_mbuf *pkt,
		 struct sctpdk_sctp_stats *st, struct pkt_chunk *first, uint32_t *seen);

/* ---- handshake.c ---- */
/* Endpoint-level (no association): INIT and COOKIE ECHO per 5.1. */
void hs_ootb_init(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx, const struct pkt_chunk *c);
void hs_ootb_cookie_echo(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx,
			 const struct pkt_chunk *c);
/* The association an INIT / COOKIE ECHO from a new source address belongs
 * to (listed addresses), or NULL. */
struct sctpdk_sctp_assoc *hs_find_by_init(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx,
					  const struct pkt_chunk *c);
struct sctpdk_sctp_assoc *hs_find_by_cookie(struct sctpdk_sctp_ep *ep, struct rx_ctx *rx,
					    const struct pkt_chunk *c);
/* Association-level handlers. */
void hs_send_init(struct sctpdk_sctp_assoc *a);
void hs_assoc_init(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx, const struct pkt_chunk *c);
void hs_assoc_init_ack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx,
		       const struct pkt_chunk *c);
void hs_assoc_cookie_echo(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx,
			  const struct pkt_chunk *c);
void hs_assoc_cookie_ack(struct sctpdk_sctp_assoc *a, struct rx_ctx *rx,
			 const struct pkt_chunk *c);
void hs_send_cookie_echo(struct sctpdk_sctp_assoc *a, uint64_t now_us);
void hs_stale_cookie(struct sctpdk_sctp_assoc *a, uint32_t staleness_us);

/* Send a packet holding one chunk outside any association (OOTB replies). */
void ep_send_lone_chunk(struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *src,
			const struct sctpdk_addr *dst, uint16_t sport, uint16_t dport,
			uint32_t vtag, uint8_t type, uint8_t flags, uint16_t cause,
			const void *info, uint16_t info_len);
/* May an out-of-the-blue answer go now (ops.ootb_answer, the caller's
 * rate limit)? false: counted in st->tx_ootb_limited. Any thread. */
bool ep_ootb_answer_ok(const struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_stats *st);
/* The same packet built and sealed (counted in st), not sent; NULL when
 * no mbuf was free (counted). */
struct rte_mbuf *ep_build_lone_chunk(const struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_stats *st,
				     uint16_t sport, uint16_t dport, uint32_t vtag, uint8_t type,
				     uint8_t flags, uint16_t cause, const void *info,
				     uint16_t info_len);

#endif
