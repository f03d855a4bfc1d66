/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sender message queue (RFC 9260 sections 6.1, 6.5, 6.6 and 6.9).
 *
 * Holds user messages per outbound stream until they are cut into DATA
 * chunks. A message keeps its mbuf chain; each chunk handed out references
 * a slice of it (indirect mbufs, or the message's own chain when it goes
 * whole in one chunk): no byte is copied.
 *  - SSNs are assigned per stream to ordered messages when their first
 *    fragment is handed out, so a message that expires unsent leaves no SSN
 *    hole. Unordered messages carry SSN 0.
 *  - All fragments of one message get consecutive TSNs (the scheduler does
 *    not switch stream inside a message), from the caller's TSN counter.
 *  - A message whose lifetime ended before its first fragment was handed
 *    out is removed and reported as expired (SEND_FAILED, DATA_UNSENT);
 *    once started it is sent completely (abandoning needs PR-SCTP).
 *  - Scheduling between streams is an ops table: round robin by message
 *    over streams with data (RFC 8260 3.2) or first come first served.
 * Single-threaded: the association owner calls it.
 */
#ifndef SCTPDK_SCTP_SENDQ_H
#define SCTPDK_SCTP_SENDQ_H

#include <stdbool.h>
#include <stdint.h>

#include "alloc.h"
#include "objpool.h"
#include "xfer.h"

struct rte_mbuf;
struct rte_mempool;
struct sctpdk_sendq;
struct sctpdk_sendq_msg;

#define SCTPDK_SENDQ_MAX_MSGS_DEFAULT 65536

/* Stream scheduler: chooses the stream of the next message to start. */
struct sctpdk_sendq_sched_ops {
	const char *name;
	/* A message was queued on stream sid (was_empty: stream had none). */
	void (*on_enqueue)(struct sctpdk_sendq *q, uint16_t sid, bool was_empty);
	/* Stream whose head message goes next; -1 when no stream has data. */
	int (*pick)(struct sctpdk_sendq *q);
	/* The head message of sid was fully handed out or removed
	 * (now_empty: the stream has no more messages). */
	void (*on_dequeue)(struct sctpdk_sendq *q, uint16_t sid, bool now_empty);
};

extern const struct sctpdk_sendq_sched_ops sctpdk_sendq_sched_rr;
extern const struct sctpdk_sendq_sched_ops sctpdk_sendq_sched_fcfs;

struct sctpdk_sendq_config {
	uint16_t n_streams;                         /* outbound streams (1..65535) */
	uint32_t max_msgs;                          /* queued messages cap; 0 = default 65536 */
	struct rte_mempool *indirect_pool;          /* for fragment slices */
	const struct sctpdk_sendq_sched_ops *sched; /* NULL = round robin */
};

/* Per-message parameters (sctp_sndrcvinfo / sctp_sndinfo). */
struct sctpdk_sendq_msg_params {
	uint16_t sid;
	bool unordered;
	uint32_t ppid;
	uint32_t context;
	uint64_t ttl_us; /* 0 = no lifetime; else expires at now_us + ttl_us */
};

/* An expired message handed back (for SEND_FAILED with DATA_UNSENT). */
struct sctpdk_sendq_expired {
	uint16_t sid;
	bool unordered;
	uint32_t ppid;
	uint32_t context;
	uint32_t len;
	struct rte_mbuf *m; /* the message, owned by the caller */
};

struct sctpdk_sendq_stream {
	struct sctpdk_sendq_msg *head;
	struct sctpdk_sendq_msg *tail;
	sctpdk_ssn_t next_ssn;
	uint64_t queued_bytes;
	uint16_t rr_next; /* round robin ring links (scheduler private) */
	uint16_t rr_prev;
	bool rr_linked;
};

struct sctpdk_sendq_stats {
	uint64_t msgs_in;
	uint64_t msgs_done; /* fully handed out */
	uint64_t msgs_expired;
	uint64_t chunks_out;
	uint64_t nomem;
};

struct sctpdk_sendq {
	const struct sctpdk_allocator *alloc;
	struct rte_mempool *indirect_pool;
	const struct sctpdk_sendq_sched_ops *sched;
	struct sctpdk_objpool pool;
	struct sctpdk_sendq_stream *streams;
	uint16_t n_streams;
	int cur_sid;                        /* stream of the message being fragmented, -1 none */
	struct sctpdk_sendq_msg *fcfs_head; /* all messages in arrival order */
	struct sctpdk_sendq_msg *fcfs_tail;
	int rr_cur;                        /* round robin: last stream served, -1 none */
	uint32_t rr_count;                 /* streams on the ring */
	struct sctpdk_sendq_msg *exp_head; /* expired messages not yet popped */
	struct sctpdk_sendq_msg *exp_tail;
	uint64_t queued_bytes; /* bytes not yet handed out */
	uint32_t queued_msgs;
	uint32_t n_ttl; /* messages on the FCFS list with a lifetime */
	struct sctpdk_sendq_stats stats;
};

/*
 * Set up cfg->n_streams empty streams with SSN 0.
 * Errors: SCTPDK_ERR_INVAL (n_streams 0, no indirect_pool), SCTPDK_ERR_NOMEM.
 */
int sctpdk_sendq_init(struct sctpdk_sendq *q, const struct sctpdk_sendq_config *cfg,
		      const struct sctpdk_allocator *a);

/* Free every queued and expired message (abort/cleanup) and the tables. */
void sctpdk_sendq_free(struct sctpdk_sendq *q);

/*
 * Change the number of outbound streams, e.g. to min(our OS, peer's MIS)
 * once INIT/INIT-ACK are exchanged (RFC 9260 5.1.1), or after a stream
 * reconfiguration. Streams kept keep their messages and SSNs; messages of
 * removed streams go to the expired list (report them as unsent). New
 * streams start empty at SSN 0.
 * Errors: SCTPDK_ERR_INVAL (n_streams 0), SCTPDK_ERR_STATE (a message of a
 * removed stream is half sent), SCTPDK_ERR_NOMEM (nothing changed).
 */
int sctpdk_sendq_set_streams(struct sctpdk_sendq *q, uint16_t n_streams);

/*
 * Queue message m (its whole pkt_len, >= 1 byte) on p->sid. Takes ownership
 * of m on success only.
 * Errors: SCTPDK_ERR_NOTFOUND sid >= streams, SCTPDK_ERR_INVAL empty m,
 * SCTPDK_ERR_NOMEM message records exhausted.
 */
int sctpdk_sendq_add(struct sctpdk_sendq *q, const struct sctpdk_sendq_msg_params *p,
		     struct rte_mbuf *m, uint64_t now_us);

/*
 * Hand out the next DATA chunk of at most max_payload payload bytes
 * (the caller's PMTU-derived size, or less to fill a packet; >= 1). Fills
 * *out: tsn = *next_tsn (then ++*next_tsn), sid, ssn, ppid, flags (B/E/U),
 * len, off = 0, m = a chain of exactly len bytes owned by the caller,
 * context, expire_us (UINT64_MAX for none). Expired unstarted messages met
 * on the way are moved to the expired list.
 * Returns 0, SCTPDK_ERR_AGAIN when nothing is queued, SCTPDK_ERR_NOMEM when
 * no indirect mbuf was available (nothing changed, TSN not consumed).
 */
int sctpdk_sendq_next(struct sctpdk_sendq *q, uint64_t now_us, uint32_t max_payload,
		      sctpdk_tsn_t *next_tsn, struct sctpdk_data_chunk *out);

/*
 * Move every unstarted message whose lifetime ended (expire <= now_us) to
 * the expired list. Returns how many were moved.
 */
uint32_t sctpdk_sendq_expire(struct sctpdk_sendq *q, uint64_t now_us);

/* Pop one expired message into *out (caller owns out->m). 0 or SCTPDK_ERR_AGAIN. */
int sctpdk_sendq_pop_expired(struct sctpdk_sendq *q, struct sctpdk_sendq_expired *out);

/*
 * Debug consistency check (O(messages)): true when byte and message
 * counts, both message lists and the scheduler ring agree.
 */
bool sctpdk_sendq_check(const struct sctpdk_sendq *q);

/*
 * True while a message has handed out some fragments but not its last
 * one: the next chunk continues it (the sender must not hold it back).
 */
static inline bool
sctpdk_sendq_mid_message(const struct sctpdk_sendq *q)
{
	return q->cur_sid >= 0;
}

/* Anything left to hand out? */
static inline bool
sctpdk_sendq_has_data(const struct sctpdk_sendq *q)
{
	return q->queued_msgs != 0;
}

/* Bytes not yet handed out, all streams (SO_SNDBUF accounting). */
static inline uint64_t
sctpdk_sendq_queued_bytes(const struct sctpdk_sendq *q)
{
	return q->queued_bytes;
}

/* Bytes not yet handed out on one stream (sid must be valid). */
static inline uint64_t
sctpdk_sendq_stream_bytes(const struct sctpdk_sendq *q, uint16_t sid)
{
	return q->streams[sid].queued_bytes;
}

/* Next SSN an ordered message on sid will get (sid must be valid). */
static inline sctpdk_ssn_t
sctpdk_sendq_next_ssn(const struct sctpdk_sendq *q, uint16_t sid)
{
	return q->streams[sid].next_ssn;
}

#endif
