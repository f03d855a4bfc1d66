/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * drivers/impair: drop, duplicate, reorder, delay and corrupt packets by
 * seeded rules, in place of netem (absent on our machines).
 *
 * The engine, sctpdk_impair_apply(), works on mbuf arrays and is
 * independent of ports (the simulator can use it directly). Two ways to put
 * it on a DPDK port:
 *  - RX: sctpdk_impair_attach_rx() installs an ethdev RX callback, so the
 *    application's own rte_eth_rx_burst() calls see the impaired traffic
 *    with no code change. The callback gets the array capacity (max_pkts),
 *    which leaves room for duplicates and released packets.
 *  - TX: sctpdk_impair_tx_burst() is called instead of rte_eth_tx_burst().
 *    A TX callback cannot drop or hold packets safely: the application
 *    believes the first r packets of ITS array were sent, so removing
 *    packets from that array would make it resend or leak others.
 *
 * Determinism: decisions come from one xorshift generator seeded by
 * config.seed, in packet order; with the same seed, packet sequence and
 * clock readings the output is identical. Release times use the clock the
 * caller passes (apply) or config.now_us (attach_rx / tx_burst).
 *
 * One instance serves one (port, queue, direction) and one lcore; it is not
 * thread-safe.
 */
#ifndef SCTPDK_IMPAIR_H
#define SCTPDK_IMPAIR_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_mempool;
struct sctpdk_impair;

#define SCTPDK_IMPAIR_MAX_RULES 8

enum sctpdk_impair_action {
	SCTPDK_IMPAIR_DROP = 1,    /* free the packet */
	SCTPDK_IMPAIR_DUP = 2,     /* emit a copy right after the packet */
	SCTPDK_IMPAIR_REORDER = 3, /* hold it until `count` later packets went out */
	SCTPDK_IMPAIR_DELAY = 4,   /* hold it for delay_us */
	SCTPDK_IMPAIR_CORRUPT = 5, /* flip one random bit at or after `offset` */
};

enum sctpdk_impair_when {
	SCTPDK_IMPAIR_PROB = 1,      /* each packet with probability ppm / 1e6 */
	SCTPDK_IMPAIR_EVERY_NTH = 2, /* packets n, 2n, 3n... seen by this rule */
	SCTPDK_IMPAIR_NTH = 3,       /* only the n-th packet seen by this rule */
};

struct sctpdk_impair_rule {
	uint8_t action;    /* enum sctpdk_impair_action */
	uint8_t when;      /* enum sctpdk_impair_when */
	uint32_t ppm;      /* PROB: parts per million (0..1000000) */
	uint64_t n;        /* EVERY_NTH / NTH: 1-based */
	uint32_t delay_us; /* DELAY: hold time */
	uint32_t count;    /* REORDER: later packets to let pass first (default 1) */
	uint32_t offset;   /* CORRUPT: first byte that may be hit (e.g. 14 = keep L2) */
};

struct sctpdk_impair_config {
	uint64_t seed;
	uint32_t nrules;
	struct sctpdk_impair_rule rules[SCTPDK_IMPAIR_MAX_RULES];
	uint8_t ip_only;          /* 1 = pass non-IP frames (ARP) untouched */
	uint32_t hold_max;        /* packets held at most (default 1024); beyond: dropped */
	uint32_t reorder_max_us;  /* a reordered packet waits at most this long (10 ms) */
	struct rte_mempool *pool; /* for duplicates (required when a DUP rule exists) */
	/* Clock for attach_rx / tx_burst (microseconds); NULL = TSC based. */
	uint64_t (*now_us)(void *arg);
	void *now_arg;
};

struct sctpdk_impair_stats {
	uint64_t in;         /* packets offered */
	uint64_t out;        /* packets emitted (incl. duplicates and released) */
	uint64_t dropped;    /* by DROP rules */
	uint64_t duplicated; /* copies made */
	uint64_t reordered;  /* packets held by REORDER */
	uint64_t delayed;    /* packets held by DELAY */
	uint64_t corrupted;  /* bits flipped */
	uint64_t overflow;   /* dropped because the hold queue was full */
	uint64_t dup_nomem;  /* duplicates not made: pool empty */
	uint64_t tx_backlog; /* TX: packets the PMD refused, kept for the next call */
	uint64_t hits[SCTPDK_IMPAIR_MAX_RULES]; /* per rule */
	uint32_t held;                          /* packets held right now */
};

/* Zeroed config with defaults (hold_max, reorder_max_us). */
void sctpdk_impair_config_default(struct sctpdk_impair_config *cfg, uint64_t seed);

/* Add a rule; SCTPDK_ERR_NOSPACE when full, SCTPDK_ERR_INVAL when bad. */
int sctpdk_impair_add_rule(struct sctpdk_impair_config *cfg, const struct sctpdk_impair_rule *r);

/* Create an instance (allocates its hold queue). NULL on bad config. */
struct sctpdk_impair *sctpdk_impair_new(const struct sctpdk_impair_config *cfg);

/* Detach (if attached) and free the instance and every packet it holds. */
void sctpdk_impair_del(struct sctpdk_impair *imp);

/*
 * Apply the rules to in[0..n) (taken over) and write what leaves now to
 * out[0..cap): held packets due at now_us first, then the survivors in
 * order with duplicates and released reordered packets. in and out must be
 * distinct arrays. Packets that do not fit in out are held for the next
 * call. Returns the count written.
 */
uint16_t sctpdk_impair_apply(struct sctpdk_impair *imp, struct rte_mbuf **in, uint16_t n,
			     struct rte_mbuf **out, uint16_t cap, uint64_t now_us);

/* Move every held packet to out (in hold order), up to cap. Returns count. */
uint16_t sctpdk_impair_flush(struct sctpdk_impair *imp, struct rte_mbuf **out, uint16_t cap);

/* Install on the RX path of (port_id, queue). One attachment per instance.
 * Errors: SCTPDK_ERR_STATE (already attached), SCTPDK_ERR_INVAL (ethdev). */
int sctpdk_impair_attach_rx(struct sctpdk_impair *imp, uint16_t port_id, uint16_t queue);

/* Remove the RX callback (held packets stay until flush or del). The caller
 * must make sure no lcore is inside rx_burst on that queue. */
int sctpdk_impair_detach_rx(struct sctpdk_impair *imp);

/* Impaired rte_eth_tx_burst(): takes all n packets (returns n); packets the
 * PMD refuses are kept (bounded) and sent first next time. */
uint16_t sctpdk_impair_tx_burst(struct sctpdk_impair *imp, uint16_t port_id, uint16_t queue,
				struct rte_mbuf **pkts, uint16_t n);

/* Send what is held (TX side), ignoring delays. Returns packets sent. */
uint16_t sctpdk_impair_tx_flush(struct sctpdk_impair *imp, uint16_t port_id, uint16_t queue);

void sctpdk_impair_stats_get(const struct sctpdk_impair *imp, struct sctpdk_impair_stats *st);

#ifdef __cplusplus
}
#endif

#endif
