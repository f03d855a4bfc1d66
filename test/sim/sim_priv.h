/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internals of the simulator shared by its source files: the event queue
 * (sim_event.c), links/rules/send path (sim_link.c), observation
 * (sim_record.c) and the run loop (sim.c).
 */
#ifndef SCTPDK_SIM_PRIV_H
#define SCTPDK_SIM_PRIV_H

#include <stdint.h>
#include <stdio.h>

#include "sctpdk_sim.h"

#define SIM_NONE UINT32_MAX

/* splitmix64: tiny, full-period, good enough for impairment decisions. */
struct sim_prng {
	uint64_t s;
};

static inline uint64_t
sim_prng_next(struct sim_prng *p)
{
	uint64_t z = (p->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n); 0 when n is 0. */
static inline uint64_t
sim_prng_below(struct sim_prng *p, uint64_t n)
{
	if (n == 0)
		return 0;
	return (uint64_t)(((unsigned __int128)sim_prng_next(p) * n) >> 64);
}

/* True with probability prob; draws nothing when prob <= 0. */
static inline int
sim_prng_chance(struct sim_prng *p, double prob)
{
	if (!(prob > 0.0))
		return 0;
	if (prob >= 1.0) {
		(void)sim_prng_next(p);
		return 1;
	}
	return (double)(sim_prng_next(p) >> 11) * 0x1.0p-53 < prob;
}

enum sim_ev_kind {
	SIM_EV_DELIVER = 1,
	SIM_EV_TIMER,
	SIM_EV_CALL,
	SIM_EV_LINK, /* link up/down: link, dir, node = up */
};

struct sim_event {
	uint64_t time_us;
	uint64_t seq;
	uint32_t heap_pos;  /* SIM_NONE when not queued */
	uint32_t next_free; /* free-list link */
	uint8_t kind;       /* enum sim_ev_kind, 0 when free */
	uint8_t dir;
	int32_t link;
	int32_t node;
	uint32_t down_epoch; /* link direction's down_epoch when sent */
	uint64_t pkt_id;
	struct rte_mbuf *pkt;
	struct sctpdk_addr src;
	struct sctpdk_addr dst;
	sctpdk_sim_call_fn fn;
	void *arg;
};

struct sim_dir {
	struct sctpdk_sim_link_cfg cfg;
	uint64_t queue_cap; /* effective drop-tail limit in bytes */
	int up;
	uint32_t down_epoch; /* bumped each time the direction goes down */
	int burst_bad;       /* burst-loss chain in the bad state */
	struct sim_prng rng;
	uint64_t busy_until_ps; /* serialiser busy until (picoseconds) */
	uint64_t last_fifo_us;  /* latest in-order arrival scheduled */
	struct sctpdk_sim_link_stats st;
};

struct sim_link {
	struct sctpdk_addr a;
	struct sctpdk_addr b;
	struct sim_dir d[2];
};

struct sim_node {
	struct sctpdk_sim_node_ops ops;
	void *ctx;
	struct sctpdk_addr *addrs;
	unsigned int n_addrs;
	uint32_t timer_ev;      /* queued timer event or SIM_NONE */
	uint64_t last_timer_us; /* time of the last timer() call */
	uint32_t offload;       /* SCTPDK_SIM_OFFLOAD_* */
};

struct sim_rule {
	struct sctpdk_sim_rule r;
	int link; /* -1 = every link */
	int dir;  /* SCTPDK_SIM_AB, _BA or _BOTH */
	int live;
	uint64_t matched;
	uint64_t fired;
};

struct sim_recorder {
	struct sctpdk_sim_record *recs;
	uint8_t *snaps;
	unsigned int cap;
	unsigned int snap_bytes;
	unsigned int next;  /* slot written next */
	unsigned int count; /* held */
	uint64_t total;
	uint32_t mask;
};

struct sctpdk_sim {
	uint64_t now_us;
	uint64_t seed;
	uint64_t seq;
	uint64_t next_pkt_id;
	uint64_t trace;
	struct sim_prng rng;
	struct rte_mempool *mp;

	struct sim_event *evs;
	uint32_t n_evs;
	uint32_t free_ev;
	uint32_t *heap;
	uint32_t heap_n;

	struct sim_node *nodes;
	unsigned int n_nodes;
	struct sim_link *links;
	unsigned int n_links;
	struct sim_rule *rules;
	unsigned int n_rules;

	sctpdk_sim_tap_fn tap;
	void *tap_arg;
	struct sim_recorder rec;
	int running; /* inside a run function: nested runs are refused */
	FILE *pcap;
	uint32_t pcap_mask;
	struct sctpdk_sim_stats st;
};

/* sim_event.c: event slots and the (time, seq) binary heap. */
uint32_t sim_ev_alloc(struct sctpdk_sim *sim);
void sim_ev_free(struct sctpdk_sim *sim, uint32_t idx);
void sim_heap_push(struct sctpdk_sim *sim, uint32_t idx);
uint32_t sim_heap_pop(struct sctpdk_sim *sim);
void sim_heap_remove(struct sctpdk_sim *sim, uint32_t idx);
/* Give a queued event a new time (and a new sequence number). */
void sim_heap_update(struct sctpdk_sim *sim, uint32_t idx, uint64_t time_us);
static inline struct sim_event *
sim_heap_top(struct sctpdk_sim *sim)
{
	return sim->heap_n ? &sim->evs[sim->heap[0]] : NULL;
}
void sim_events_free(struct sctpdk_sim *sim);

/* sim_link.c */
void sim_deliver(struct sctpdk_sim *sim, struct sim_event *ev);
void sim_links_free(struct sctpdk_sim *sim);

/* sim_record.c */
void sim_emit(struct sctpdk_sim *sim, const struct sctpdk_sim_pkt_event *ev);
void sim_trace_mix(struct sctpdk_sim *sim, uint64_t v);
void sim_recorder_free(struct sctpdk_sim *sim);

/* sim_pcap.c */
void sim_pcap_write(struct sctpdk_sim *sim, const struct sctpdk_sim_pkt_event *ev);

/* sim.c */
int sim_node_of(const struct sctpdk_sim *sim, const struct sctpdk_addr *addr);
void sim_node_requery(struct sctpdk_sim *sim, unsigned int n);

#endif
