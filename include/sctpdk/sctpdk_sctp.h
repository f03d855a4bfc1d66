/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk protocol core: a sans-I/O RFC 9260 endpoint.
 *
 * An endpoint owns a local port, a local address list and the
 * associations under it. The caller feeds it packets that arrived
 * (sctpdk_sctp_input), the passage of time (sctpdk_sctp_timer) and user
 * requests (associate, send, shutdown, abort). The endpoint gives back:
 *
 *  - packets to transmit, through the output callback of its ops (one call
 *    per packet; the callee owns the mbuf afterwards);
 *  - events for the upper layer (received messages and notifications),
 *    queued inside the endpoint and drained with sctpdk_sctp_event_poll();
 *  - its next deadline (sctpdk_sctp_next_deadline), the absolute time in
 *    microseconds at which sctpdk_sctp_timer() must be called next.
 *
 * The endpoint never reads a clock, sleeps, locks or owns a thread, and
 * holds no global state. All randomness (verification tags, initial TSNs,
 * cookie keys) comes from the random callback of its ops.
 *
 * Threading: an endpoint and its associations are used by one thread at a
 * time (the owning lcore). Output and random callbacks are invoked
 * synchronously from inside the public calls; they must not call back into
 * the same endpoint. Events are queued, so user code may call into the
 * endpoint again while handling them.
 *
 * Checksums: packets given to sctpdk_sctp_input() must have had their
 * CRC32c verified (or be marked good by the NIC); packets handed to the
 * output callback carry a filled CRC32c unless cfg.tx_cksum_offload is set,
 * in which case the field is zero and the mbuf has RTE_MBUF_F_TX_SCTP_CKSUM.
 *
 * Error codes are the negative SCTPDK_ERR_* values of sctpdk_error.h.
 */
#ifndef SCTPDK_SCTP_H
#define SCTPDK_SCTP_H

#include <stddef.h>
#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_mempool;
struct sctpdk_sctp_ep;

/* Association identifier: non-zero, unique within one endpoint. */
typedef uint32_t sctpdk_assoc_id_t;

#define SCTPDK_SCTP_MAX_ADDRS 8

/* Callbacks the endpoint uses to reach the world. */
struct sctpdk_sctp_ops {
	/* Transmit one packet (SCTP common header first, no IP header) from
	 * src to dst. The callee takes ownership of pkt. */
	void (*output)(void *ctx, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
		       const struct sctpdk_addr *dst);
	/* Fill len bytes at buf with unpredictable random bytes. */
	void (*random)(void *ctx, void *buf, size_t len);
	/* May an answer to an out-of-the-blue packet (RFC 9260 8.4: the
	 * ABORT of rule 8, the SHUTDOWN COMPLETE of rule 5, the ABORT
	 * refusing an INIT at an endpoint that does not listen) be sent
	 * now? 0: the packet is dropped unanswered (counted in
	 * tx_ootb_limited); the caller's rate limit. NULL: always. Called
	 * on the thread that gives the endpoint the packet (also from
	 * sctpdk_sctp_input_stateless), with ctx. INIT ACKs do not ask. */
	int (*ootb_answer)(void *ctx);
	void *ctx;
};

/* Default rx_copy_max of sctpdk_sctp_config. */
#define SCTPDK_SCTP_RX_COPY_MAX_DEFAULT 1024

/* Endpoint configuration; sctpdk_sctp_config_default() fills RFC 9260
 * section 16 defaults, the caller then sets port, addresses, pool, ops. */
struct sctpdk_sctp_config {
	uint16_t local_port;
	uint16_t n_local_addrs;
	struct sctpdk_addr local_addrs[SCTPDK_SCTP_MAX_ADDRS];
	int listening;              /* accept incoming INITs */
	uint16_t out_streams;       /* outbound streams requested (OS) */
	uint16_t max_in_streams;    /* inbound streams accepted (MIS) */
	uint32_t rwnd_bytes;        /* advertised receive window */
	uint32_t cookie_life_us;    /* Valid.Cookie.Life */
	uint32_t max_init_retrans;  /* Max.Init.Retransmits */
	uint32_t max_retrans;       /* Association.Max.Retrans */
	uint32_t rto_initial_us;    /* RTO.Initial */
	uint32_t rto_min_us;        /* RTO.Min */
	uint32_t rto_max_us;        /* RTO.Max */
	uint32_t sack_delay_us;     /* delayed SACK timer (200 ms) */
	uint32_t pmtu;              /* path MTU in bytes, IP header included */
	uint16_t ip_overhead;       /* IP header bytes counted in pmtu (20 or 40) */
	int send_adaptation;        /* include the Adaptation Layer Indication */
	uint32_t adaptation_bits;   /* its value */
	int tx_cksum_offload;       /* leave CRC32c to the NIC */
	uint32_t max_assocs;        /* association limit (0 = unlimited) */
	uint32_t max_events;        /* event queue limit (0 = unlimited) */
	struct rte_mempool *pool;   /* mbufs for packets the endpoint builds */
	struct sctpdk_sctp_ops ops;
	/* Reliability parameters (sctpdk_sctp_path.h). */
	uint32_t max_burst;         /* Max.Burst packets per sending opportunity (4) */
	uint32_t sack_freq;         /* DATA packets per delayed SACK (2) */
	uint32_t hb_interval_ms;    /* HB.interval (30 s), 0 = no heartbeats */
	uint32_t path_max_retrans;  /* Path.Max.Retrans (5) */
	uint32_t autoclose_s;       /* SCTP_AUTOCLOSE: idle seconds, 0 = off */
	int disable_fragments;      /* SCTP_DISABLE_FRAGMENTS */
	uint32_t sndbuf_bytes;      /* SO_SNDBUF, 0 = 4 x rwnd_bytes */
	int nodelay;                /* SCTP_NODELAY: no Nagle-like holding of small data */
	/* DATA payloads of at least this many bytes go into packets by
	 * reference (indirect mbufs on the message's buffers: no copy, the
	 * packet handed to ops.output is then a chain); shorter ones are
	 * copied. UINT32_MAX: always copy (one contiguous mbuf per packet,
	 * for a port without multi-segment TX). 0: every payload of 4 bytes
	 * or more by reference. Default 1200: chunks that fill a packet go by
	 * reference, smaller ones are copied, which measured faster (an
	 * indirect mbuf, and a new segment for what follows it, cost more
	 * than copying up to ~1 KiB; doc/performance.md). */
	uint32_t tx_ref_min;
	/* Received DATA payloads of at most this many bytes are copied into
	 * an mbuf of their own (from pool) instead of being sliced out of the
	 * packet as an indirect mbuf: no reference on the packet, which goes
	 * back to its pool at once, and no atomic reference-count updates on
	 * it when the application frees the message. 0: always slice.
	 * Default SCTPDK_SCTP_RX_COPY_MAX_DEFAULT (1024): measured, copying
	 * wins up to 1 KiB, ties at 1400 B and loses for full 1452-byte
	 * fragments (doc/performance.md). */
	uint32_t rx_copy_max;
};

/* Fill cfg with defaults (no addresses, port 0, no pool, no ops). */
void sctpdk_sctp_config_default(struct sctpdk_sctp_config *cfg);

/* Create an endpoint. Returns NULL on invalid config (no pool, no output
 * or random callback, no local address, port 0) or allocation failure. */
struct sctpdk_sctp_ep *sctpdk_sctp_ep_new(const struct sctpdk_sctp_config *cfg, uint64_t now_us);

/* Free an endpoint, its associations (silently, no packets sent) and any
 * queued events with their mbufs. */
void sctpdk_sctp_ep_del(struct sctpdk_sctp_ep *ep);

/* Accept incoming INITs (on != 0) or answer them with ABORT from now on. */
void sctpdk_sctp_set_listening(struct sctpdk_sctp_ep *ep, int on);

/* Replace the endpoint's local address list (sctp_bindx on a running
 * endpoint, draft 8.1): associations set up from now on use it (INIT and
 * INIT ACK list it); existing ones keep the addresses they announced.
 * Returns 0, SCTPDK_ERR_INVAL (n 0 or over SCTPDK_SCTP_MAX_ADDRS, bad
 * family). */
int sctpdk_sctp_set_local_addrs(struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *addrs,
				unsigned n);

/* Rotate the cookie key: the current key becomes the previous one (cookies
 * it signed stay valid) and a new key is drawn from the random source. */
void sctpdk_sctp_rotate_key(struct sctpdk_sctp_ep *ep);

/* Start an association to peer_port at peer (the primary). Sends INIT.
 * out_streams 0 = endpoint default. Returns the new association id (> 0)
 * or SCTPDK_ERR_INVAL, SCTPDK_ERR_EXISTS (already associated with that
 * transport address), SCTPDK_ERR_NOMEM, SCTPDK_ERR_AGAIN (limit). */
int64_t sctpdk_sctp_associate(struct sctpdk_sctp_ep *ep, const struct sctpdk_addr *peer,
			      uint16_t peer_port, uint16_t out_streams, uint64_t now_us);

/* Send flags. */
#define SCTPDK_SEND_UNORDERED 0x0001u /* U bit: deliver on arrival */
/* More messages follow (like MSG_MORE): queue only, so a burst of small
 * messages leaves bundled in full packets. The next send without the flag,
 * sctpdk_sctp_flush(), an arriving SACK or a timer transmits it. */
#define SCTPDK_SEND_MORE 0x0002u

/* Queue one user message on stream sid. On success the endpoint owns msg
 * (a chain of any length; the message is its whole content). Data may be
 * queued in COOKIE-WAIT / COOKIE-ECHOED (sent with or after COOKIE ECHO).
 * ttl_ms 0 = no lifetime; context comes back in failure reports.
 * Returns 0, SCTPDK_ERR_NOTFOUND (no such association), SCTPDK_ERR_INVAL
 * (sid >= outbound streams, empty message), SCTPDK_ERR_SHUTDOWN (shutdown
 * requested or under way), SCTPDK_ERR_AGAIN (send buffer full). */
int sctpdk_sctp_send(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint16_t sid, uint32_t ppid,
		     uint32_t flags, uint32_t ttl_ms, uint32_t context, struct rte_mbuf *msg,
		     uint64_t now_us);

/* Transmit what the congestion and receive windows allow of the queued
 * data (after sends with SCTPDK_SEND_MORE). Returns 0 or
 * SCTPDK_ERR_NOTFOUND. */
int sctpdk_sctp_flush(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint64_t now_us);

/* Start a graceful shutdown (RFC 9260 9.2). Returns 0, SCTPDK_ERR_NOTFOUND,
 * SCTPDK_ERR_STATE (still setting up: use abort). */
int sctpdk_sctp_shutdown(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, uint64_t now_us);

/* Abort the association (RFC 9260 9.1): sends ABORT carrying a User-
 * Initiated Abort cause with reason (may be NULL/0 bytes) and reports
 * SCTP_COMM_LOST. Returns 0 or SCTPDK_ERR_NOTFOUND. */
int sctpdk_sctp_abort(struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id, const void *reason,
		      uint16_t reason_len, uint64_t now_us);

/* Process one received packet (SCTP common header first; CRC already
 * verified). src is the peer's address, dst ours. Takes ownership of pkt.
 * A malformed, unexpected or hostile packet is counted and handled as the
 * RFC says; it is never an error for the caller. */
void sctpdk_sctp_input(struct sctpdk_sctp_ep *ep, struct rte_mbuf *pkt,
		       const struct sctpdk_addr *src, const struct sctpdk_addr *dst,
		       uint64_t now_us);

/* Run every timer due at or before now_us. */
void sctpdk_sctp_timer(struct sctpdk_sctp_ep *ep, uint64_t now_us);

/* Absolute time (us) of the earliest pending timer, UINT64_MAX if none. */
uint64_t sctpdk_sctp_next_deadline(const struct sctpdk_sctp_ep *ep);

/* ---- events ---------------------------------------------------------- */

enum sctpdk_sctp_event_type {
	SCTPDK_EV_DATA = 1,         /* a complete user message */
	SCTPDK_EV_ASSOC_CHANGE,     /* SCTP_ASSOC_CHANGE */
	SCTPDK_EV_SHUTDOWN,         /* SCTP_SHUTDOWN_EVENT: peer sent SHUTDOWN */
	SCTPDK_EV_REMOTE_ERROR,     /* SCTP_REMOTE_ERROR */
	SCTPDK_EV_ADAPTATION,       /* SCTP_ADAPTION_INDICATION */
	SCTPDK_EV_SEND_FAILED,      /* SCTP_SEND_FAILED (message never acked) */
	SCTPDK_EV_PEER_ADDR_CHANGE, /* SCTP_PEER_ADDR_CHANGE (sctpdk_sctp_path.h) */
	SCTPDK_EV_PARTIAL_DELIVERY, /* SCTP_PARTIAL_DELIVERY_EVENT */
};

/* sac_state values of SCTP_ASSOC_CHANGE. */
enum sctpdk_assoc_change_state {
	SCTPDK_COMM_UP = 1,
	SCTPDK_COMM_LOST,
	SCTPDK_RESTART,
	SCTPDK_SHUTDOWN_COMP,
	SCTPDK_CANT_STR_ASSOC,
};

/* Flags of a received message (sinfo_flags). */
#define SCTPDK_MSG_UNORDERED 0x0001u

#define SCTPDK_PARTIAL_DELIVERY_ABORTED 0u

/* Send-failure flags. */
#define SCTPDK_DATA_UNSENT 0x0001u
#define SCTPDK_DATA_SENT   0x0002u

struct sctpdk_sctp_event {
	uint16_t type;          /* enum sctpdk_sctp_event_type */
	sctpdk_assoc_id_t assoc_id;
	union {
		/* SCTPDK_EV_DATA: the fields of struct sctp_sndrcvinfo. */
		struct {
			uint16_t sid;
			uint16_t ssn;
			uint16_t flags;   /* SCTPDK_MSG_UNORDERED */
			uint32_t ppid;    /* opaque, as on the wire */
			uint32_t tsn;     /* TSN of the first fragment */
			uint32_t len;     /* bytes in msg */
			struct rte_mbuf *msg; /* owned by the receiver of the event */
			/* Partial delivery: 1 when more pieces of this message
			 * follow (MSG_EOR is set only on the piece with 0). */
			uint32_t more;
		} data;
		/* SCTPDK_EV_ASSOC_CHANGE */
		struct {
			uint16_t state;   /* enum sctpdk_assoc_change_state */
			uint16_t error;   /* RFC 9260 cause code, 0 if none */
			uint16_t out_streams;
			uint16_t in_streams;
			/* COMM_LOST / CANT_STR_ASSOC: 1 when the peer sent
			 * ABORT (with or without a cause); 0 with error 0
			 * means a retransmission limit (time-out) */
			uint16_t peer_abort;
		} assoc_change;
		/* SCTPDK_EV_REMOTE_ERROR: the whole error cause TLV as on the
		 * wire (network byte order), owned by the event receiver. */
		struct {
			uint16_t cause;   /* cause code, host order */
			uint16_t len;     /* TLV length */
			struct rte_mbuf *tlv;
		} remote_error;
		/* SCTPDK_EV_ADAPTATION */
		struct {
			uint32_t bits;
		} adaptation;
		/* SCTPDK_EV_PEER_ADDR_CHANGE: state is enum
		 * sctpdk_peer_addr_state (sctpdk_sctp_path.h). */
		struct {
			struct sctpdk_addr addr;
			uint16_t state;
			uint16_t error;
		} peer_addr_change;
		/* SCTPDK_EV_PARTIAL_DELIVERY: the association ended while the
		 * message on (sid, ssn) was partly delivered. */
		struct {
			uint32_t indication; /* SCTPDK_PARTIAL_DELIVERY_ABORTED */
			uint16_t sid;
			uint16_t ssn;
		} partial_delivery;
		/* SCTPDK_EV_SEND_FAILED */
		struct {
			uint16_t flags;   /* SCTPDK_DATA_UNSENT / SCTPDK_DATA_SENT */
			uint16_t sid;
			uint32_t ppid;
			uint32_t context;
			uint32_t error;
			struct rte_mbuf *msg; /* the message, may be NULL */
		} send_failed;
	} u;
};

/* Take up to n queued events, oldest first. Returns how many were taken.
 * Any mbuf in an event belongs to the caller from then on. */
unsigned sctpdk_sctp_event_poll(struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_event *ev,
				unsigned n);

/* Release the mbufs an event holds (for callers that drop events). */
void sctpdk_sctp_event_release(struct sctpdk_sctp_event *ev);

/* ---- inspection ------------------------------------------------------ */

enum sctpdk_sctp_state {
	SCTPDK_ST_CLOSED = 0,
	SCTPDK_ST_COOKIE_WAIT,
	SCTPDK_ST_COOKIE_ECHOED,
	SCTPDK_ST_ESTABLISHED,
	SCTPDK_ST_SHUTDOWN_PENDING,
	SCTPDK_ST_SHUTDOWN_SENT,
	SCTPDK_ST_SHUTDOWN_RECEIVED,
	SCTPDK_ST_SHUTDOWN_ACK_SENT,
	SCTPDK_ST_COUNT
};

/* Name of a state ("ESTABLISHED"). */
const char *sctpdk_sctp_state_name(int state);

struct sctpdk_sctp_assoc_info {
	int state;                 /* enum sctpdk_sctp_state */
	uint16_t peer_port;
	uint16_t n_peer_addrs;
	struct sctpdk_addr peer_addrs[SCTPDK_SCTP_MAX_ADDRS];
	uint32_t local_vtag;       /* tag the peer puts in our packets */
	uint32_t peer_vtag;        /* tag we put in packets to the peer */
	uint16_t out_streams;
	uint16_t in_streams;
	uint32_t peer_rwnd;
	uint32_t outstanding_bytes;
	uint32_t queued_bytes;
	uint32_t rto_us;
};

/* Fill info for association id. Returns 0 or SCTPDK_ERR_NOTFOUND. */
int sctpdk_sctp_assoc_info(const struct sctpdk_sctp_ep *ep, sctpdk_assoc_id_t id,
			   struct sctpdk_sctp_assoc_info *info);

/* Number of live associations. */
unsigned sctpdk_sctp_assoc_count(const struct sctpdk_sctp_ep *ep);

/* Counters of one endpoint (monotonic). */
struct sctpdk_sctp_stats {
	uint64_t rx_packets;
	uint64_t tx_packets;
	uint64_t rx_malformed;      /* bad header/chunk lengths, truncated */
	uint64_t rx_bad_vtag;       /* verification tag rule failures (8.5) */
	uint64_t rx_ootb;           /* out of the blue packets (8.4) */
	uint64_t rx_bad_cookie;     /* MAC mismatch or malformed cookie */
	uint64_t rx_stale_cookie;   /* cookie past its life */
	uint64_t rx_bad_init;       /* INIT/INIT ACK with invalid fields */
	uint64_t rx_unexpected;     /* chunk not valid in the state, discarded */
	uint64_t rx_unknown_chunk;  /* unrecognised chunk types */
	uint64_t rx_invalid_stream; /* DATA for a stream we do not have */
	uint64_t rx_protocol_violation;
	uint64_t tx_abort;
	uint64_t rx_abort;
	uint64_t nomem;             /* allocation failures */
	uint64_t events_dropped;    /* event queue full */
	uint64_t assoc_created;
	uint64_t assoc_freed;
	uint64_t tx_payload_refs;   /* DATA payloads sent by reference (tx_ref_min) */
	uint64_t tx_payload_copies; /* DATA payloads copied into the packet */
	uint64_t rx_payload_copies; /* received payloads copied (rx_copy_max) */
	uint64_t rx_payload_refs;   /* received payloads sliced out by reference */
	/* Retransmission, summed over every association the endpoint had
	 * (sctpdk_sctp_path_info has them per destination). */
	uint64_t tx_rtx_chunks;     /* DATA chunks retransmitted (T3 and fast) */
	uint64_t t3_expiries;       /* T3-rtx expiries with data outstanding */
	uint64_t fast_rtx_events;   /* fast recoveries entered per destination */
	uint64_t tx_ootb_limited;   /* out-of-the-blue answers ops.ootb_answer refused */
};

/* Copy the counters. */
void sctpdk_sctp_stats_get(const struct sctpdk_sctp_ep *ep, struct sctpdk_sctp_stats *st);

/* The live counters, for the endpoint's owner thread (a few loads after
 * each call instead of a copy of them all). */
const struct sctpdk_sctp_stats *sctpdk_sctp_stats_ref(const struct sctpdk_sctp_ep *ep);

/* ---- stateless INIT answer (any thread) ----------------------------- */

/* Scratch bytes a caller of sctpdk_sctp_input_stateless() provides. */
#define SCTPDK_SCTP_STATELESS_SCRATCH 65536

/* One caller's (one thread's) context: its scratch buffer and what its
 * answers counted, in the endpoint's counter fields (rx_packets,
 * tx_packets, rx_ootb, rx_bad_init, tx_abort, ...; the endpoint's own
 * counters do not include them). */
struct sctpdk_sctp_stateless {
	uint8_t *scratch; /* SCTPDK_SCTP_STATELESS_SCRATCH bytes */
	struct sctpdk_sctp_stats stats;
};

#define SCTPDK_SCTP_STATELESS_DONE 0 /* packet consumed */
#define SCTPDK_SCTP_STATELESS_PASS 1 /* give it to sctpdk_sctp_input() */

/*
 * Answer an INIT without the endpoint's owner: from any thread, while the
 * owner runs sctpdk_sctp_input() and friends on the same endpoint. Reads
 * only the endpoint's configuration, listening flag, cookie keys (a
 * consistent copy even while sctpdk_sctp_rotate_key() runs) and the filter
 * of its associations' peer addresses; it changes nothing in the
 * endpoint. The answer is the one sctpdk_sctp_input() would give (same
 * RFC 9260 8.4 / 5.1 rules, same counters, in sl->stats): an INIT ACK, an
 * ABORT, or nothing for a packet to discard.
 *
 * Returns SCTPDK_SCTP_STATELESS_DONE: pkt was consumed (freed); *reply is
 * the packet to send from dst to src (CRC32c filled or left to the NIC as
 * for the output callback), or NULL. Returns SCTPDK_SCTP_STATELESS_PASS,
 * pkt untouched and *reply NULL, when the packet needs the endpoint: its
 * first chunk is not INIT, or the INIT may belong to an association
 * (collision, restart). Needs ops.random callable from the calling thread.
 */
int sctpdk_sctp_input_stateless(const struct sctpdk_sctp_ep *ep, struct rte_mbuf *pkt,
				const struct sctpdk_addr *src, const struct sctpdk_addr *dst,
				uint64_t now_us, struct sctpdk_sctp_stateless *sl,
				struct rte_mbuf **reply);

#ifdef __cplusplus
}
#endif

#endif
