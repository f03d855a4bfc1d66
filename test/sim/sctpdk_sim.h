/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk_sim: a deterministic, discrete-event network simulator for the
 * sans-I/O protocol core.
 *
 * Nodes (typically two SCTP endpoints, A and Z) own one or more transport
 * addresses. Links join two addresses and carry SCTP packets (rte_mbuf
 * chains, SCTP common header first) in both directions, each direction
 * with its own delay, jitter, rate, drop-tail queue, random loss,
 * duplication, reordering and corruption, plus explicit per-packet rules
 * ("drop the 3rd packet carrying COOKIE ECHO"). Time is virtual: the
 * simulator never reads a clock and jumps from one event to the next, so
 * minutes of protocol time run in milliseconds. All randomness comes from
 * PRNGs seeded from the simulator seed, and simultaneous events are ordered
 * by a sequence number: the same seed and the same node behaviour give a
 * bit-for-bit identical run.
 *
 * Threading: a simulator and everything attached to it is used by one
 * thread only. There is no global state; several simulators may live in
 * one process.
 *
 * Ownership: packets handed to the simulator (sctpdk_sim_send) belong to
 * it; packets handed to a node (input callback) belong to the node.
 * Packets still in flight are freed by sctpdk_sim_del().
 *
 * Errors: functions returning int give 0 (or a non-negative id) on success
 * and a negative SCTPDK_ERR_* code (include/sctpdk/sctpdk_error.h) on
 * failure.
 */
#ifndef SCTPDK_SIM_H
#define SCTPDK_SIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sctpdk/sctpdk_addr.h>
#include <sctpdk/sctpdk_error.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_mempool;
struct sctpdk_sim;

/* "No deadline" value for next_deadline and "forever" for rule ranges. */
#define SCTPDK_SIM_NEVER UINT64_MAX

/* Virtual time helpers: microseconds from milliseconds and seconds. */
#define SCTPDK_SIM_MS(x) ((uint64_t)(x)*1000u)
#define SCTPDK_SIM_S(x)  ((uint64_t)(x)*1000000u)

/* ------------------------------------------------------------------ */
/* Lifecycle and clock                                                 */
/* ------------------------------------------------------------------ */

/*
 * Create a simulator whose virtual clock starts at 0 us.
 * seed: seeds every PRNG of the run (links, sctpdk_sim_rand).
 * mp:   mbuf pool used for the copies the simulator makes (duplicated and
 *       corrupted packets). NULL: copies come from the original packet's
 *       own pool.
 * Returns NULL when out of memory.
 */
struct sctpdk_sim *sctpdk_sim_new(uint64_t seed, struct rte_mempool *mp);

/* Free the simulator, every pending event and every packet in flight.
 * Must not be called from inside a simulator callback. NULL is a no-op. */
void sctpdk_sim_del(struct sctpdk_sim *sim);

/* Current virtual time in microseconds. */
uint64_t sctpdk_sim_now_us(const struct sctpdk_sim *sim);

/* Next value of the simulator's own seeded PRNG (independent of the link
 * PRNGs). Nodes may use it for verification tags, nonces etc. so a whole
 * run depends on the one seed. */
uint64_t sctpdk_sim_rand(struct sctpdk_sim *sim);

/* Fill len bytes at buf from the same stream (e.g. behind an endpoint's
 * "random bytes" callback). buf may be NULL when len is 0. */
void sctpdk_sim_rand_bytes(struct sctpdk_sim *sim, void *buf, size_t len);

/* ------------------------------------------------------------------ */
/* Nodes                                                               */
/* ------------------------------------------------------------------ */

struct sctpdk_sim_node_ops {
	/*
	 * A packet arrived for dst, one of the node's addresses. The node owns
	 * pkt (it must free it or keep it); src and dst are valid during the
	 * call only. May call sctpdk_sim_send() and any other simulator
	 * function except sctpdk_sim_del() and the run functions (which
	 * refuse to run nested: they return at once). Required.
	 */
	void (*input)(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt,
		      const struct sctpdk_addr *src, const struct sctpdk_addr *dst,
		      uint64_t now_us);
	/*
	 * The virtual clock reached the node's deadline. Same rules as input.
	 * Optional (NULL: the node has no timers).
	 */
	void (*timer)(void *ctx, struct sctpdk_sim *sim, uint64_t now_us);
	/*
	 * Absolute virtual time of the node's next deadline in us, or
	 * SCTPDK_SIM_NEVER. Queried after every input/timer call of the node,
	 * after every scheduled call (sctpdk_sim_call_at), at the start of every
	 * run function and on sctpdk_sim_node_kick(). A deadline in the past
	 * is served at the current time, but timer() runs at most once per
	 * virtual microsecond per node: a deadline still not in the future
	 * right after timer() is served 1 us later (counted in timer_spins),
	 * so a node that never advances it cannot stall the clock. Optional.
	 */
	uint64_t (*next_deadline)(void *ctx);
};

/*
 * Add a node owning n_addrs addresses (copied). Packets sent to any of them
 * are delivered to ops->input. ops is copied.
 * Returns the node id (>= 0) or SCTPDK_ERR_INVAL (NULL sim/ops/input, or
 * addrs NULL with n_addrs > 0), SCTPDK_ERR_EXISTS (an address is already
 * owned by a node), SCTPDK_ERR_NOMEM.
 */
int sctpdk_sim_node_add(struct sctpdk_sim *sim, const struct sctpdk_sim_node_ops *ops, void *ctx,
			const struct sctpdk_addr *addrs, unsigned int n_addrs);

/* Re-query a node's next_deadline now, e.g. after the test called into the
 * node's protocol state from outside a callback.
 * Returns 0 or SCTPDK_ERR_NOTFOUND. */
int sctpdk_sim_node_kick(struct sctpdk_sim *sim, int node);

/*
 * Give a node one more address (e.g. for dynamic address reconfiguration),
 * or take one away; a packet arriving for an address nobody owns any more
 * is dropped (reason NOROUTE). Links are independent of nodes and stay.
 * add returns 0, SCTPDK_ERR_NOTFOUND (no such node), SCTPDK_ERR_INVAL (bad
 * address), SCTPDK_ERR_EXISTS (owned by a node already), SCTPDK_ERR_NOMEM;
 * del returns 0 or SCTPDK_ERR_NOTFOUND (no such node or address).
 */
int sctpdk_sim_node_addr_add(struct sctpdk_sim *sim, int node, const struct sctpdk_addr *addr);
int sctpdk_sim_node_addr_del(struct sctpdk_sim *sim, int node, const struct sctpdk_addr *addr);

/*
 * NIC checksum offload emulation for a node (flags, default 0):
 * SCTPDK_SIM_OFFLOAD_TX_CKSUM: a packet sent from one of the node's
 *   addresses whose mbuf asks for RTE_MBUF_F_TX_SCTP_CKSUM gets its CRC32c
 *   filled in on the way out (before any impairment, in a private copy if
 *   the mbuf is shared or indirect), as a NIC would. Without the flag such a
 *   packet leaves as it is, typically with a zero checksum.
 * SCTPDK_SIM_OFFLOAD_RX_CKSUM: every packet delivered to the node carries
 *   RTE_MBUF_F_RX_L4_CKSUM_GOOD or RTE_MBUF_F_RX_L4_CKSUM_BAD according to
 *   its CRC32c, so the node can skip its own check.
 * Returns 0, SCTPDK_ERR_NOTFOUND (no such node) or SCTPDK_ERR_INVAL
 * (unknown flag).
 */
#define SCTPDK_SIM_OFFLOAD_TX_CKSUM (1u << 0)
#define SCTPDK_SIM_OFFLOAD_RX_CKSUM (1u << 1)
int sctpdk_sim_node_set_offload(struct sctpdk_sim *sim, int node, uint32_t flags);

/* The node owning addr, or SCTPDK_ERR_NOTFOUND. */
int sctpdk_sim_node_find(const struct sctpdk_sim *sim, const struct sctpdk_addr *addr);

/* ------------------------------------------------------------------ */
/* Sending                                                             */
/* ------------------------------------------------------------------ */

/*
 * Put pkt (an SCTP packet, common header first) on the link joining src and
 * dst, in the src->dst direction, at the current virtual time. The
 * simulator takes ownership in every case: when there is no such link the
 * packet is freed and counted as a no-route drop (sctpdk_sim_stats). Safe
 * to call from any callback (it only queues events) and from outside one.
 * Nobody else may write the packet's data once it is sent. The packet
 * may share segments with other mbufs (clones): the simulator writes into
 * a packet's data only where it is the sole owner (a direct segment with
 * reference count 1), and into a private copy otherwise.
 */
void sctpdk_sim_send(struct sctpdk_sim *sim, struct rte_mbuf *pkt, const struct sctpdk_addr *src,
		     const struct sctpdk_addr *dst);

/* ------------------------------------------------------------------ */
/* Links                                                               */
/* ------------------------------------------------------------------ */

enum sctpdk_sim_dir {
	SCTPDK_SIM_AB = 0,  /* from address a to address b */
	SCTPDK_SIM_BA = 1,  /* from address b to address a */
	SCTPDK_SIM_BOTH = 2 /* accepted where both directions make sense */
};

/*
 * One direction of a link. All-zero is an ideal link: no delay, infinite
 * rate, no impairment.
 *
 * A packet entering an up link goes through, in this order: MTU check,
 * the explicit rules, the drop-tail queue and serialiser (rate_bps),
 * random loss (on the wire: a lost packet has used its link time), then
 * propagation (delay_us + uniform jitter in [0, jitter_us]). Without
 * reordering a direction is FIFO: jitter never lets a
 * packet overtake an earlier one. Reordering holds a packet back by
 * reorder_us more, outside FIFO order, so later packets overtake it.
 * Duplication delivers a second (deep) copy right after the original;
 * corruption replaces the packet with a copy that has one random byte
 * XOR-ed with a random non-zero value. A packet in flight when its link
 * direction goes down is lost (counted on arrival, reason DOWN), even if
 * the direction is up again by then.
 */
struct sctpdk_sim_link_cfg {
	uint64_t delay_us;       /* one-way propagation delay */
	uint64_t jitter_us;      /* extra uniform random delay in [0, jitter_us] */
	uint64_t rate_bps;       /* serialisation rate; 0 = infinite (no queue) */
	uint32_t queue_bytes;    /* drop-tail queue incl. the packet being sent;
				  * 0 = default max(64 KiB, 2 * delay * rate / 8) */
	uint32_t overhead_bytes; /* added to each packet's length for
				  * serialisation and queueing (e.g. 38 for
				  * IPv4 over Ethernet incl. preamble/IFG) */
	uint32_t mtu_bytes;      /* larger SCTP packets are dropped; 0 = no limit */
	uint32_t pad;
	double loss;         /* probability in [0, 1] */
	double dup;          /* probability in [0, 1] */
	double reorder;      /* probability in [0, 1] */
	double corrupt;      /* probability in [0, 1] */
	uint64_t reorder_us; /* hold-back of a reordered packet;
			      * 0 = default max(delay_us, 100) */
	/*
	 * Bursty loss (Gilbert-Elliott), on when burst_enter > 0: before the
	 * random loss step every packet moves a two-state chain, good->bad
	 * with probability burst_enter and bad->good with burst_leave; in the
	 * bad state it is lost with probability burst_loss (0 = always).
	 * Bursts last 1/burst_leave packets on average; the long-run share
	 * of bad packets is burst_enter / (burst_enter + burst_leave).
	 * Counted as loss; `loss` still applies on top.
	 */
	double burst_enter;
	double burst_leave;
	double burst_loss;
};

/*
 * Add a link joining addresses a and b. cfg_ab applies to packets from a to
 * b, cfg_ba to packets from b to a; NULL cfg_ab = ideal, NULL cfg_ba = same
 * as cfg_ab. The link starts up. Several links may join the same two nodes
 * (multi-homing) as long as each address pair is distinct. The addresses
 * need not belong to a node yet.
 * Returns the link id (>= 0) or SCTPDK_ERR_INVAL (bad cfg: probability out
 * of [0, 1], a == b, unset family), SCTPDK_ERR_EXISTS (a link already joins
 * this pair), SCTPDK_ERR_NOMEM.
 */
int sctpdk_sim_link_add(struct sctpdk_sim *sim, const struct sctpdk_addr *a,
			const struct sctpdk_addr *b, const struct sctpdk_sim_link_cfg *cfg_ab,
			const struct sctpdk_sim_link_cfg *cfg_ba);

/* Replace the configuration of one direction (or both) at the current
 * time; packets already in flight keep their timing.
 * Returns 0, SCTPDK_ERR_NOTFOUND (no such link) or SCTPDK_ERR_INVAL. */
int sctpdk_sim_link_set_cfg(struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir,
			    const struct sctpdk_sim_link_cfg *cfg);

/* Bring one direction (or both) of a link up (up != 0) or down.
 * Returns 0, SCTPDK_ERR_NOTFOUND or SCTPDK_ERR_INVAL. */
int sctpdk_sim_link_set_up(struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir, int up);

/* Schedule sctpdk_sim_link_set_up() at virtual time at_us (now if in the
 * past), e.g. to cut a path for a while. Runs in scheduling order with
 * other events due at the same time.
 * Returns 0, SCTPDK_ERR_NOTFOUND, SCTPDK_ERR_INVAL or SCTPDK_ERR_NOMEM. */
int sctpdk_sim_link_set_up_at(struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir, int up,
			      uint64_t at_us);

/* The link joining src to dst and, in *dir (may be NULL), the direction
 * src->dst takes on it. Returns the link id or SCTPDK_ERR_NOTFOUND. */
int sctpdk_sim_link_find(const struct sctpdk_sim *sim, const struct sctpdk_addr *src,
			 const struct sctpdk_addr *dst, enum sctpdk_sim_dir *dir);

/* Reasons a packet is dropped. */
enum sctpdk_sim_drop {
	SCTPDK_SIM_DROP_LOSS = 0, /* random loss */
	SCTPDK_SIM_DROP_QUEUE,    /* drop-tail queue full */
	SCTPDK_SIM_DROP_DOWN,     /* link direction down at entry or on arrival */
	SCTPDK_SIM_DROP_RULE,     /* an explicit drop rule */
	SCTPDK_SIM_DROP_NOROUTE,  /* no link for the pair, or no node owns dst */
	SCTPDK_SIM_DROP_MTU,      /* larger than mtu_bytes */
	SCTPDK_SIM_DROP_NOMEM,    /* a copy for corruption could not be made */
	SCTPDK_SIM_DROP_MAX
};

/* A static name for a drop reason ("loss", "queue", ...). */
const char *sctpdk_sim_drop_name(enum sctpdk_sim_drop reason);

struct sctpdk_sim_link_stats {
	uint64_t sent_pkts; /* packets entering the direction (also when down) */
	uint64_t sent_bytes;
	uint64_t delivered_pkts; /* handed to a node (duplicates included) */
	uint64_t delivered_bytes;
	uint64_t dropped_pkts; /* sum of dropped[] */
	uint64_t dropped[SCTPDK_SIM_DROP_MAX];
	uint64_t duplicated;      /* extra copies created */
	uint64_t reordered;       /* packets held back by random reordering */
	uint64_t delayed;         /* packets held back by a delay rule */
	uint64_t corrupted;       /* packets with one byte flipped */
	uint64_t queue_max_bytes; /* high-water mark of the queue */
	uint64_t bursts;          /* good->bad moves of the burst-loss chain */
};

/* Copy one direction's counters (dir AB or BA) to *out.
 * Returns 0, SCTPDK_ERR_NOTFOUND or SCTPDK_ERR_INVAL. */
int sctpdk_sim_link_stats(const struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir,
			  struct sctpdk_sim_link_stats *out);

/* ------------------------------------------------------------------ */
/* Explicit per-packet rules                                           */
/* ------------------------------------------------------------------ */

#define SCTPDK_SIM_ANY_CHUNK (-1)

enum sctpdk_sim_action {
	SCTPDK_SIM_ACT_DROP = 0,
	SCTPDK_SIM_ACT_DUP,     /* deliver an extra copy right after it */
	SCTPDK_SIM_ACT_DELAY,   /* hold it back by delay_us (leaves FIFO order) */
	SCTPDK_SIM_ACT_CORRUPT, /* flip one random byte of a copy */
};

/*
 * A rule watches the packets entering the link directions it is attached
 * to (up links only) and counts those that match: every packet when
 * chunk_type is SCTPDK_SIM_ANY_CHUNK, else packets carrying at least one
 * chunk of that type; if match is set it must also return non-zero. The
 * action applies to matches number first..last (1-based, inclusive).
 * Examples: drop the 3rd COOKIE ECHO: {10, 3, 3, DROP}; every DATA from the
 * 5th on: {0, 5, SCTPDK_SIM_NEVER, ...}. last = 0 means last = first.
 * Rules run in the order they were added; all matching rules count the
 * packet, and a drop wins over the other actions.
 */
struct sctpdk_sim_rule {
	int chunk_type; /* 0..255 or SCTPDK_SIM_ANY_CHUNK */
	uint64_t first; /* 0 is taken as 1 */
	uint64_t last;  /* 0 = first; SCTPDK_SIM_NEVER = no end */
	enum sctpdk_sim_action action;
	uint64_t delay_us; /* for SCTPDK_SIM_ACT_DELAY */
	/* optional extra predicate on the packet */
	int (*match)(void *arg, const struct rte_mbuf *pkt, const struct sctpdk_addr *src,
		     const struct sctpdk_addr *dst);
	void *match_arg;
};

/*
 * Attach a rule (copied) to one direction or both of a link, or to every
 * link when link is -1. Returns the rule id (>= 0), SCTPDK_ERR_NOTFOUND
 * (no such link), SCTPDK_ERR_INVAL (bad chunk type, action or range),
 * SCTPDK_ERR_NOMEM.
 */
int sctpdk_sim_rule_add(struct sctpdk_sim *sim, int link, enum sctpdk_sim_dir dir,
			const struct sctpdk_sim_rule *rule);

/* Detach a rule. Returns 0 or SCTPDK_ERR_NOTFOUND. */
int sctpdk_sim_rule_del(struct sctpdk_sim *sim, int rule);

/* Number of packets a rule matched and on how many it acted.
 * Returns 0 or SCTPDK_ERR_NOTFOUND. Pointers may be NULL. */
int sctpdk_sim_rule_counts(const struct sctpdk_sim *sim, int rule, uint64_t *matched,
			   uint64_t *fired);

/* ------------------------------------------------------------------ */
/* Observation                                                         */
/* ------------------------------------------------------------------ */

enum sctpdk_sim_ev_type {
	SCTPDK_SIM_EV_SENT = 0,   /* entered a link direction (or tried to) */
	SCTPDK_SIM_EV_DELIVERED,  /* about to be handed to the owner of dst */
	SCTPDK_SIM_EV_DROPPED,    /* dropped; see reason */
	SCTPDK_SIM_EV_DUPLICATED, /* pkt is the new copy; orig_id the original */
	SCTPDK_SIM_EV_CORRUPTED,  /* pkt is the corrupted copy that travels on */
	SCTPDK_SIM_EV_DELAYED,    /* held back (random reorder or delay rule) */
	SCTPDK_SIM_EV_MAX
};

#define SCTPDK_SIM_EV_MASK(t)  (1u << (t))
#define SCTPDK_SIM_EV_MASK_ALL ((1u << SCTPDK_SIM_EV_MAX) - 1)

struct sctpdk_sim_pkt_event {
	enum sctpdk_sim_ev_type type;
	enum sctpdk_sim_drop reason; /* for SCTPDK_SIM_EV_DROPPED */
	int link;                    /* -1 when no link joins src and dst */
	enum sctpdk_sim_dir dir;
	uint64_t time_us;           /* virtual time of the event */
	uint64_t at_us;             /* SENT/DELAYED/DUPLICATED: planned arrival */
	uint64_t pkt_id;            /* unique per packet sent; copies get a new id */
	uint64_t orig_id;           /* DUPLICATED: id of the original, else pkt_id */
	const struct rte_mbuf *pkt; /* valid during the callback only */
	const struct sctpdk_addr *src;
	const struct sctpdk_addr *dst;
};

/*
 * Call fn for every packet event (NULL fn removes the tap). The tap must not
 * modify or free the packet and must not call sctpdk_sim_send, run or del.
 */
typedef void (*sctpdk_sim_tap_fn)(void *arg, const struct sctpdk_sim_pkt_event *ev);
void sctpdk_sim_set_tap(struct sctpdk_sim *sim, sctpdk_sim_tap_fn fn, void *arg);

/* Most chunk types kept per record (the first ones of the packet). */
#define SCTPDK_SIM_REC_CHUNKS 16

/* One recorded packet event. */
struct sctpdk_sim_record {
	uint64_t time_us;
	uint64_t pkt_id;
	uint64_t orig_id;
	int link;
	enum sctpdk_sim_dir dir;
	enum sctpdk_sim_ev_type type;
	enum sctpdk_sim_drop reason;
	struct sctpdk_addr src;
	struct sctpdk_addr dst;
	uint32_t pkt_len;                      /* full SCTP packet length */
	uint32_t snap_len;                     /* bytes copied to snap: min(pkt_len, snap_bytes) */
	uint32_t n_chunks;                     /* chunks in the whole packet (parsed in full) */
	uint8_t chunks[SCTPDK_SIM_REC_CHUNKS]; /* their types, first ones */
	const uint8_t *snap;                   /* first snap_len bytes of the packet */
};

/*
 * Enable (or re-size, which clears it) the built-in recorder: a ring of the
 * last `capacity` packet events whose type is in event_mask
 * (SCTPDK_SIM_EV_MASK bits), each with a copy of the first snap_bytes
 * bytes. capacity 0 disables it.
 * Returns 0, SCTPDK_ERR_INVAL (snap_bytes > 65535) or SCTPDK_ERR_NOMEM.
 */
int sctpdk_sim_recorder_enable(struct sctpdk_sim *sim, unsigned int capacity,
			       unsigned int snap_bytes, uint32_t event_mask);

/* Records currently held (at most capacity). */
unsigned int sctpdk_sim_recorder_count(const struct sctpdk_sim *sim);

/* Events recorded since enable/clear, including the ones overwritten. */
uint64_t sctpdk_sim_recorder_total(const struct sctpdk_sim *sim);

/* Record i, 0 = oldest held; NULL when out of range. Valid until the next
 * simulator call that records, clears or re-sizes. */
const struct sctpdk_sim_record *sctpdk_sim_recorder_get(const struct sctpdk_sim *sim,
							unsigned int i);

/* Forget every record. */
void sctpdk_sim_recorder_clear(struct sctpdk_sim *sim);

/*
 * Chunk types of an SCTP packet (a bounded walk of the chunk headers after
 * the 12-byte common header: type at +0, length at +2, padded to 4).
 * Writes up to max types and returns the number of well-formed chunks
 * found (may exceed max); the walk stops at the first chunk whose length is
 * below 4 or runs past the packet. Returns 0 for packets shorter than the
 * common header.
 */
unsigned int sctpdk_sim_chunk_types(const struct rte_mbuf *pkt, uint8_t *types, unsigned int max);
unsigned int sctpdk_sim_buf_chunk_types(const uint8_t *buf, size_t len, uint8_t *types,
					unsigned int max);

/* Non-zero when pkt carries a chunk of the given type. */
int sctpdk_sim_has_chunk(const struct rte_mbuf *pkt, uint8_t type);

/* A static name for an SCTP chunk type ("DATA", "COOKIE_ECHO", ...; "?"
 * for types this table does not know). */
const char *sctpdk_sim_chunk_name(uint8_t type);

/* A static name for an event type ("sent", "delivered", ...). */
const char *sctpdk_sim_ev_name(enum sctpdk_sim_ev_type type);

/*
 * One line describing a packet event or a record, e.g.
 *   "1.000120 L0 10.0.0.1>10.0.0.2 dropped(rule) #5 len=36 INIT,DATA"
 * (virtual seconds, link or "L-" without one, direction's addresses, event,
 * packet id, length, chunk types). Writes at most size bytes including the
 * terminating NUL and returns what snprintf returns.
 */
int sctpdk_sim_format_event(const struct sctpdk_sim_pkt_event *ev, char *buf, size_t size);
int sctpdk_sim_format_record(const struct sctpdk_sim_record *rec, char *buf, size_t size);

/* Print every held record, oldest first, one line each (for a failing
 * test's log). */
void sctpdk_sim_recorder_dump(const struct sctpdk_sim *sim, FILE *f);

/*
 * Capture the packet events whose type is in event_mask (SCTPDK_SIM_EV_MASK
 * bits; SENT gives what entered the links, DELIVERED what arrived) to a
 * classic pcap file at path (LINKTYPE_RAW: each SCTP packet behind a
 * synthesized IPv4/IPv6 header; timestamps are virtual time), for reading a
 * run with Wireshark or tshark. Replaces an open capture. The file is
 * closed by sctpdk_sim_pcap_close() or sctpdk_sim_del(); a write error
 * closes it early.
 * Returns 0 or SCTPDK_ERR_INVAL (NULL argument, file cannot be created).
 */
int sctpdk_sim_pcap_open(struct sctpdk_sim *sim, const char *path, uint32_t event_mask);

/* Close the capture (no-op when none). Returns 0 or SCTPDK_ERR_INVAL if the
 * final write failed. */
int sctpdk_sim_pcap_close(struct sctpdk_sim *sim);

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

/* A scheduled call: fn(arg, sim, now) runs at virtual time at_us (or now if
 * at_us is in the past). fn may do anything a node callback may. Calls at
 * the same time run in the order they were scheduled.
 * Returns 0, SCTPDK_ERR_INVAL (NULL fn) or SCTPDK_ERR_NOMEM. */
typedef void (*sctpdk_sim_call_fn)(void *arg, struct sctpdk_sim *sim, uint64_t now_us);
int sctpdk_sim_call_at(struct sctpdk_sim *sim, uint64_t at_us, sctpdk_sim_call_fn fn, void *arg);

/*
 * Run the earliest pending event (packet arrival, node timer or scheduled
 * call), advancing the clock to its time. Events with equal times run in
 * the order they were queued.
 * Returns 1 if an event ran, 0 if there was none (idle) or when called
 * from inside a simulator callback (nothing runs then).
 */
int sctpdk_sim_step(struct sctpdk_sim *sim);

/*
 * Run every event due at or before t_us, then set the clock to t_us (it
 * never goes back: t_us below now runs nothing). t_us = SCTPDK_SIM_NEVER
 * runs until no event is left and leaves the clock at the last one (it
 * does not return while a node keeps re-arming a timer). Returns the
 * number of events run (0 from inside a simulator callback).
 */
uint64_t sctpdk_sim_run_until(struct sctpdk_sim *sim, uint64_t t_us);

/*
 * Run events while cond(arg) is non-zero (checked before each event) and
 * their time is at most now + max_us.
 * Returns 0 when cond became zero (the clock is at the time of the event
 * that made it so, or unchanged if it was zero at once) and
 * SCTPDK_ERR_AGAIN when the time limit was reached with cond still true (the
 * clock is then at now + max_us, also when the simulation went idle early),
 * SCTPDK_ERR_STATE from inside a simulator callback.
 */
int sctpdk_sim_run_while(struct sctpdk_sim *sim, int (*cond)(void *arg), void *arg,
			 uint64_t max_us);

/* Number of pending events (packets in flight, timers, scheduled calls). */
uint64_t sctpdk_sim_pending(const struct sctpdk_sim *sim);

struct sctpdk_sim_stats {
	uint64_t events;          /* events run */
	uint64_t deliveries;      /* input() calls */
	uint64_t timer_calls;     /* timer() calls */
	uint64_t calls;           /* scheduled calls run */
	uint64_t sent_pkts;       /* sctpdk_sim_send() calls */
	uint64_t noroute_pkts;    /* sends with no link for the address pair */
	uint64_t timer_spins;     /* timer() left a deadline not in the future */
	uint64_t tx_cksum_filled; /* checksums filled by TX offload emulation */
	uint64_t rx_cksum_bad;    /* deliveries marked RX_L4_CKSUM_BAD */
	uint64_t pkts_in_flight;
};

void sctpdk_sim_stats(const struct sctpdk_sim *sim, struct sctpdk_sim_stats *out);

/*
 * A 64-bit hash of the run so far: every event (kind, time, node, link,
 * direction, packet id, length and first bytes, drop reason) in order.
 * Two runs with the same seed and the same node behaviour have the same
 * hash; tests compare it to check determinism.
 */
uint64_t sctpdk_sim_trace_hash(const struct sctpdk_sim *sim);

#ifdef __cplusplus
}
#endif

#endif
