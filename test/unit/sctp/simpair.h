/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Simulated pair for transfer scenarios: two protocol-core endpoints, A
 * (index 0, associates) and Z (index 1, listens), as nodes of one
 * simulator, with one or two paths between them, a planned list of
 * messages per direction (length, stream, ordered or not) whose bytes come
 * from a shared pattern, and the checks on arrival (exactly once,
 * byte-exact, ordered messages in per-stream order). The pair ends with
 * the check that every mbuf went back to the pool.
 *
 * Used by the scenario executables (sctp-million, sctp-reliab); each test
 * picks its endpoint configuration, links and run conditions.
 */
#ifndef SCTPDK_TEST_SIMPAIR_H
#define SCTPDK_TEST_SIMPAIR_H

#include <stdbool.h>
#include <stdint.h>

#include <sctpdk/sctpdk_sctp.h>

#include "sctpdk_sim.h"

struct rte_mbuf;
struct rte_mempool;

#define SP_MAX_STREAMS 16
#define SP_MAX_MSG 65536 /* largest planned message */
#define SP_PAT_EXTRA 4096 /* message k starts at a k-dependent offset below this */

/* Message pool and the pattern message bytes are cut from. */
struct sp_env {
	struct rte_mempool *pool;
	uint8_t *pattern;
};

/* Create the pool (65,535 mbufs of 2 KiB) and the pattern (from its seed).
 * Returns 0, or -1 with whatever was created freed by sp_env_fini(). */
int sp_env_init(struct sp_env *e, const char *pool_name, uint64_t pattern_seed);
void sp_env_fini(struct sp_env *e);

/* One direction's plan and what arrived of it. */
struct sp_dir {
	uint32_t n;         /* messages planned */
	uint32_t *len;      /* per message */
	uint8_t *sid;
	uint8_t *unordered; /* sent and expected with the unordered flag */
	uint8_t *seen;
	uint32_t next_send;
	uint32_t received;
	uint64_t bytes;
	uint64_t last_rx_us;
	int32_t last_ordered[SP_MAX_STREAMS];
	uint32_t errors; /* duplicates, unknown, wrong stream/length/flag/bytes, disorder */
};

/* Zero the direction and allocate room for cap messages (n = 0). */
void sp_dir_alloc(struct sp_dir *d, uint32_t cap);
void sp_dir_free(struct sp_dir *d);

struct sp_node;

/* Optional observers of a node (each may be NULL). */
struct sp_hooks {
	void (*before)(struct sp_node *n);                /* before each call into the endpoint */
	void (*after)(struct sp_node *n, uint64_t now);   /* after it, before its events */
	void (*drained)(struct sp_node *n, uint64_t now); /* after its events, before refilling */
};

struct sp_node {
	struct sctpdk_sim *sim;
	const struct sp_env *env;
	struct sctpdk_sctp_ep *ep;
	struct sctpdk_addr addr; /* first address */
	uint64_t rng;
	sctpdk_assoc_id_t id;
	struct sp_dir *tx; /* what this node sends */
	struct sp_dir *rx; /* what this node receives */
	int up;
	uint32_t bad_crc;
	uint32_t lost;          /* COMM_LOST */
	uint32_t shutdown_comp; /* SHUTDOWN_COMP */
	uint32_t shutdown_ev;   /* SHUTDOWN events */
	uint32_t other_events;  /* anything but DATA, COMM_UP, SHUTDOWN_COMP, SHUTDOWN */
	uint32_t send_failed;
	uint32_t addr_ev[8];   /* PEER_ADDR_CHANGE count per state */
	uint64_t addr_ev_t[8]; /* time of the last one per state */
	struct sctpdk_addr addr_ev_addr[8];
	uint8_t *failed;        /* optional, per tx message: SEND_FAILED reports */
	uint8_t *failed_unsent; /* ... of which DATA_UNSENT */
	uint32_t failed_bad;    /* reports with wrong bytes or context */
	bool paused;            /* the application does not read */
	uint32_t queue_target;  /* refill up to this many queued bytes; 0: until refused */
	const struct sp_hooks *hooks;
	void *user; /* for the hooks */
};

/* Fill cfg's callbacks and pool for node n, create its endpoint (fatal
 * assertion on failure). n->sim, n->env and n->rng must be set. */
void sp_node_ep_new(struct sp_node *n, struct sctpdk_sctp_config *cfg);

/* Simulator callbacks of a node (context: the sp_node). */
extern const struct sctpdk_sim_node_ops sp_node_ops;
void sp_node_input(void *ctx, struct sctpdk_sim *sim, struct rte_mbuf *pkt,
		   const struct sctpdk_addr *src, const struct sctpdk_addr *dst, uint64_t now);
void sp_node_timer(void *ctx, struct sctpdk_sim *sim, uint64_t now);

/* Read the node's events (unless paused), then queue more of its plan. */
void sp_drain(struct sp_node *n, uint64_t now);
/* Queue planned messages while the endpoint accepts them. */
void sp_refill(struct sp_node *n, uint64_t now);

struct sp_pair_cfg {
	const struct sp_env *env;
	uint64_t sim_seed;
	uint64_t rng_base; /* node i's random state starts at rng_base + i */
	uint8_t net;       /* node i's address on path k: 10.net.k.(i + 1) */
	unsigned n_paths;  /* 1 or 2 */
	const struct sctpdk_sctp_config *ep; /* template; ports, addresses, listening set here */
};

struct sp_pair {
	struct sctpdk_sim *sim;
	struct sp_node node[2];
	struct sctpdk_addr addr[2][2]; /* [node][path] */
	struct sp_dir a2z, z2a;        /* node 0 sends a2z, receives z2a */
	uint16_t out_streams;
	unsigned n_paths;
};

/* Simulator, both endpoints (ports 5000 and 5001, Z listening) and their
 * nodes; the directions are empty (plan them with sp_dir_alloc() and
 * friends). Fatal assertions on failure. */
void sp_pair_init(struct sp_pair *p, const struct sp_pair_cfg *cfg);
/* Join both nodes' addresses of path k with link k (cfg ba NULL: as ab). */
void sp_pair_link(struct sp_pair *p, unsigned k, const struct sctpdk_sim_link_cfg *ab,
		  const struct sctpdk_sim_link_cfg *ba);
/* ... every path with links alike. */
void sp_pair_link_all(struct sp_pair *p, const struct sctpdk_sim_link_cfg *ab,
		      const struct sctpdk_sim_link_cfg *ba);
/* A associates with Z's first address. */
void sp_pair_associate(struct sp_pair *p);
/* ... and the simulator runs until both sides are up (fatal if not
 * within limit_us). */
void sp_pair_up(struct sp_pair *p, uint64_t limit_us);
/* Delete simulator and endpoints, check the pool is whole, free the plans. */
void sp_pair_fini(struct sp_pair *p);

/* Run conditions for sctpdk_sim_run_while(sim, cond, p->node, limit). */
int sp_not_up(void *nodes);
int sp_transfer_pending(void *nodes);       /* some planned message not yet received */
int sp_transfer_pending_alive(void *nodes); /* ... and neither side lost the association */
int sp_not_closed(void *nodes);             /* not both at SHUTDOWN_COMP */

#endif
