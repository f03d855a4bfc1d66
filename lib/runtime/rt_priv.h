/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Runtime internals shared by its files: stack, lcore, endpoint and
 * association objects.
 */
#ifndef SCTPDK_RT_PRIV_H
#define SCTPDK_RT_PRIV_H

#include <stdint.h>

#include <rte_common.h>
#include <rte_log.h>
#include <rte_seqlock.h>
#include <rte_spinlock.h>

#include <sctpdk/sctpdk_runtime.h>

#include <sctpdk/sctpdk_net.h>

#include "rt_engine.h"
#include "sctpdk_park.h"
#include "wheel.h"

extern int sctpdk_rt_logtype;
#define RT_LOG(level, fmt, ...)                                                                    \
	rte_log(RTE_LOG_##level, sctpdk_rt_logtype, "sctpdk_runtime: " fmt "\n", ##__VA_ARGS__)

#define RT_BURST  32
#define SCTPDK_RT_BIG_BUF 16384 /* data room of the big mbufs (socket sends) */
#define RT_TX_BATCH 128 /* new frames queued per lcore between doorbells */
/* frames a TX queue refused, kept for the next burst (at most) */
#define RT_TX_HOLD 512
#define RT_TX_CAP  (RT_TX_HOLD + RT_TX_BATCH)

struct rte_hash;
struct rte_ring;
struct rte_rcu_qsbr;
struct rte_pcapng;
struct sctpdk_facade;
struct fg_handle;

/* Key of the verification-tag table. */
struct sctpdk_rt_key {
	uint32_t vtag;  /* as on the wire (network order) */
	uint16_t lport; /* as on the wire */
	uint16_t zero;
};

/* An association slot (or an endpoint's inbox). Fixed array, never freed
 * while the stack lives; reused after an RCU grace period. */
struct sctpdk_rt_assoc {
	/* read by every RX lcore */
	struct rte_ring *ring; /* MPSC inbound mbufs */
	struct sctpdk_rt_ep *ep;
	uint32_t live;    /* registered and accepting */
	uint32_t ready;   /* queued on the owner's ready ring */
	unsigned owner;   /* stack lcore index */
	uint8_t is_inbox; /* endpoint inbox, not an association */
	uint32_t slot;
	uint32_t id;
	uint32_t vtag; /* host order */
	void *priv;
	uint64_t del_token; /* RCU token taken at delete */
	/* owner-only counters */
	uint64_t rx_packets __rte_cache_aligned;
	uint64_t handoffs;
	uint64_t sent_bytes; /* message bytes the engine accepted */
	uint8_t snap_dirty;  /* snap is behind: on the owner's dirty list */
	/* snapshot for readers */
	rte_seqlock_t snap_lock;
	struct sctpdk_rt_assoc_info snap;
};

struct sctpdk_rt_ep {
	struct sctpdk_stack *st;
	unsigned index;
	struct sctpdk_rt_ep_cfg cfg;
	void *state;
	struct sctpdk_rt_assoc inbox;
	struct rte_ring *events; /* struct sctpdk_rt_event, MP/SC; NULL: run-time endpoint */
	uint64_t events_dropped;
	uint8_t dynamic; /* created at run time (sctpdk_rt_ep_open) */
};

struct sctpdk_port;

struct sctpdk_rt_port {
	struct sctpdk_rt_port_cfg cfg;
	struct sctpdk_port *dev; /* drivers/port: queues, offloads, counters */
	uint16_t port_id;
	uint16_t nb_rxq;
	uint16_t nb_txq;
	int tx_cksum_offload;
	int tx_multi_seg; /* the port transmits mbuf chains (MULTI_SEGS offered and enabled) */
	int rx_cksum_offload;
	uint8_t mac[6];
	int started;
};

/* Deferred association frees of one lcore. */
#define RT_PENDING_MAX 256
/* Associations with a deferred snapshot per lcore and iteration; beyond
 * that a snapshot is taken at once. */
#define RT_DIRTY_MAX 64

struct sctpdk_rt_lcore {
	struct sctpdk_stack *st;
	unsigned index;
	unsigned lcore_id;
	struct rte_ring *ready;   /* struct sctpdk_rt_assoc *, MP/SC */
	struct rte_ring *cmd;     /* struct sctpdk_rt_cmd, MP/SC */
	struct sctpdk_net *net;   /* this lcore's lib/net instance */
	uint64_t net_next;        /* when lib/net wants its timer */
	struct rte_ring *neigh;   /* neighbours learned elsewhere, MP/SC */
	struct rte_ring *icmp;    /* ICMP errors for endpoints owned here, MP/SC */
	struct sctpdk_net_tx txq; /* frames for the next TX bursts */
	struct rte_mbuf *tx_pkts[RT_TX_CAP];
	uint16_t tx_ports[RT_TX_CAP];
	uint16_t tx_held; /* txq's first frames: refused by the TX queue, kept */
	uint8_t tx_moved; /* the last flush sent something */
	unsigned n_pending;
	struct sctpdk_rt_assoc *pending[RT_PENDING_MAX];
	/* associations whose snapshot is behind (sctpdk_rt_snapshot_later),
	 * refreshed before the application point and at the end of the
	 * iteration (sctpdk_rt_snapshot_flush) */
	unsigned n_dirty;
	struct sctpdk_rt_assoc *dirty[RT_DIRTY_MAX];
	struct sctpdk_wheel wheel;
	struct sctpdk_facade *fc; /* the process's socket facade, or NULL */
	unsigned fc_index;        /* this lcore's index in it */
	struct fg_handle *fg_list; /* facade_glue.c: endpoints attached on this lcore */
	/* the application's poll function on this lcore (set_app_poll) */
	sctpdk_stack_app_fn app_fn;
	void *app_arg;
	uint64_t app_pass;     /* iterations past the application point */
	int in_app;            /* inside app_fn: own endpoints' commands run at once */
	uint64_t app_now;      /* stack clock of this iteration (for those commands) */
	uint64_t app_touched;  /* endpoints (index bits) given commands by app_fn */
	int ev_pushed;         /* events pushed this iteration: wake parked threads */
	/* associations this lcore owns by (endpoint, engine id): open
	 * addressing, linear probing, backward-shift deletion (assoc.c);
	 * this lcore only, or the control thread with the lcores stopped */
	struct sctpdk_rt_assoc **ids;
	uint32_t ids_mask;
	/* out-of-the-blue answers' token bucket (ootb.c): tokens in
	 * millionths, refilled by ootb_rate per second of the stack clock */
	uint64_t ootb_tokens;
	uint64_t ootb_last_us;
	/* written by this lcore only */
	struct sctpdk_stack_stats stats __rte_cache_aligned;
} __rte_cache_aligned;

struct sctpdk_stack {
	struct sctpdk_stack_config cfg;
	char tag[12]; /* short name prefix of DPDK objects */
	const struct sctpdk_rt_engine_ops *eng;
	struct rte_mempool *pool;
	int own_pool;
	struct rte_mempool *big_pool; /* 16 KiB mbufs for socket sends, or NULL */
	struct rte_hash *vtags;
	struct rte_rcu_qsbr *rcu;
	struct rte_ring *free_slots; /* struct sctpdk_rt_assoc *, MP/MC */
	struct sctpdk_rt_assoc *assocs;
	uint32_t n_slots;
	unsigned n_ports;
	struct sctpdk_rt_port ports[SCTPDK_RT_MAX_PORTS];
	unsigned n_eps;
	struct sctpdk_rt_ep eps[SCTPDK_RT_MAX_EPS];
	struct sctpdk_rt_lcore *lc; /* n_lcores, cache aligned */
	/* application threads parked in sctpdk_stack_event_wait */
	struct sctpdk_park ev_park __rte_cache_aligned;
	/* odd while the stack runs: start and stop each add one, so a parked
	 * thread sees a stop (and a stop-start) as a change (app.c) */
	uint32_t run_gen;
	uint64_t tsc_hz;
	uint64_t us_mult; /* sctpdk_rt_clock_us: 2^32 * 10^6 / tsc_hz */
	uint64_t tsc0;
	volatile int quit;
	int running;
	int fc_joined; /* in the socket facade (facade_glue.c) */
	/* run-time endpoints (sockets bound to ports no [endpoint.N] names):
	 * n_dyn slots, free ones on dyn_free, dyn_port[port] = slot + 1 of the
	 * live one on a port (0 none; read by every RX lcore) */
	unsigned n_dyn;
	struct sctpdk_rt_ep *dyn;
	struct rte_ring *dyn_free;
	uint16_t *dyn_port;
	/* capture */
	struct rte_pcapng *pcapng;
	struct rte_mempool *cap_pool;
	rte_spinlock_t cap_lock;
	uint64_t cap_written;
};

/* this lcore's index in st, -1 if none */
int sctpdk_rt_lcore_index(const struct sctpdk_stack *st);
uint64_t sctpdk_rt_clock_us(const struct sctpdk_stack *st);

/* assoc.c */
int sctpdk_rt_table_create(struct sctpdk_stack *st);
void sctpdk_rt_table_free(struct sctpdk_stack *st);
struct sctpdk_rt_assoc *sctpdk_rt_table_lookup(struct sctpdk_stack *st, uint32_t vtag_be,
					       uint16_t lport_be);
void sctpdk_rt_pending_run(struct sctpdk_rt_lcore *lc, int force);
void sctpdk_rt_snapshot(struct sctpdk_rt_assoc *a);
/* On a's owner lcore lc: a's snapshot is behind; refreshed by the next
 * sctpdk_rt_snapshot_flush(lc) (or at once when the list is full). */
void sctpdk_rt_snapshot_later(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_assoc *a);
/* Refresh the snapshots of lc's dirty associations (its own lcore). */
void sctpdk_rt_snapshot_flush(struct sctpdk_rt_lcore *lc);
void sctpdk_rt_stash_addrs(struct rte_mbuf *m, const struct sctpdk_addr *src,
			   const struct sctpdk_addr *dst);
void sctpdk_rt_unstash_addrs(const struct rte_mbuf *m, struct sctpdk_addr *src,
			     struct sctpdk_addr *dst);
#define RT_STASH_LEN (2 * sizeof(struct sctpdk_addr))

/* stack.c: run-time endpoints (lcore side, see sctpdk_rt_ep_open) */
int sctpdk_rt_dyn_create(struct sctpdk_stack *st);
void sctpdk_rt_dyn_free(struct sctpdk_stack *st);
/* The endpoint on local port lport (configured or run-time), NULL if none.
 * Any stack lcore; the result stays valid until its next quiescent point. */
struct sctpdk_rt_ep *sctpdk_rt_ep_by_port(struct sctpdk_stack *st, uint16_t lport);
/* A run-time endpoint's inbox passed its grace period: free it. */
void sctpdk_rt_dyn_reclaim(struct sctpdk_rt_ep *ep);

/* ootb.c: a packet for a port without an endpoint (takes m) */
void sctpdk_rt_ootb(struct sctpdk_rt_lcore *lc, struct rte_mbuf *m, const struct sctpdk_addr *src,
		    const struct sctpdk_addr *dst, uint64_t now);
/* ootb.c: the lcore's token bucket for out-of-the-blue answers: full */
void sctpdk_rt_ootb_init(struct sctpdk_rt_lcore *lc);
/* ootb.c: may this lcore send an out-of-the-blue answer at now (us)?
 * 1: yes, a token taken; 0: no, counted in stats.ootb_limited. */
int sctpdk_rt_ootb_take(struct sctpdk_rt_lcore *lc, uint64_t now);
#define SCTPDK_RT_OOTB_RATE_MAX  10000000u
#define SCTPDK_RT_OOTB_BURST_MAX 1000000u

/* loop.c */
int sctpdk_rt_lcore_main(void *arg);
/* The application poll function of the iteration (if any, and run is
 * set), then the batch end of the commands it ran directly; the removal
 * handshake's pass counter moves either way. */
unsigned sctpdk_rt_app_run(struct sctpdk_rt_lcore *lc, uint64_t now, int run);
/* app.c: the stack stopped (its lcores returned): wake every thread
 * parked in sctpdk_stack_event_wait (they return SCTPDK_ERR_SHUTDOWN)
 * and wait, boundedly, until they left the park. */
void sctpdk_rt_app_stopped(struct sctpdk_stack *st);
void sctpdk_rt_tx_flush(struct sctpdk_rt_lcore *lc);
void sctpdk_rt_deliver(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_assoc *a, struct rte_mbuf *m,
		       const struct sctpdk_addr *src, const struct sctpdk_addr *dst, uint64_t now);

/* capture.c */
int sctpdk_rt_capture_open(struct sctpdk_stack *st);
void sctpdk_rt_capture_close(struct sctpdk_stack *st);
void sctpdk_rt_capture(struct sctpdk_stack *st, uint16_t port, uint16_t queue,
		       struct rte_mbuf **pkts, uint16_t n, int out);

/* telemetry.c */
int sctpdk_rt_registry_add(struct sctpdk_stack *st);
void sctpdk_rt_registry_del(struct sctpdk_stack *st);

/* the protocol core as an engine (engine_sctp.c); NULL until wired */
const struct sctpdk_rt_engine_ops *sctpdk_rt_engine_core(void);

#endif
