/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk runtime: puts the sans-I/O protocol core on DPDK lcores.
 *
 * A stack owns a set of lcores, a set of ethdev ports (one RX and one TX
 * queue per stack lcore where the port has them), an mbuf pool, the
 * verification-tag table and the endpoint table. Each stack lcore runs the
 * poll loop: RX burst, L2/L3 classification, CRC32c check (or the NIC's
 * verdict), verification-tag lookup, inline processing or hand-off to the
 * owning lcore through the association's inbound ring, timers, application
 * commands, TX burst.
 *
 * There is no global state besides what DPDK itself keeps process-wide
 * (log types and telemetry command names): several stacks can run in one
 * process, each on its own lcores and ports.
 *
 * Threads: sctpdk_stack_create/start/stop/free and the config functions are
 * called from one control thread (not a stack lcore). The application calls
 * (associate, send, shutdown, abort, event poll) may be called from any one
 * application thread per endpoint; they go through rings to the lcore that
 * owns the endpoint. Or the application runs on the stack lcores
 * themselves, in a poll function (sctpdk_stack_set_app_poll), where the
 * calls for endpoints the lcore owns skip the rings. Statistics may be
 * read from any thread.
 *
 * Error codes are the negative SCTPDK_ERR_* values of sctpdk_error.h.
 */
#ifndef SCTPDK_RUNTIME_H
#define SCTPDK_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include <sctpdk/sctpdk_addr.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_mempool;
struct sctpdk_stack;
struct sctpdk_rt_engine_ops;

#define SCTPDK_RT_MAX_LCORES    16
#define SCTPDK_RT_MAX_PORTS     4
#define SCTPDK_RT_MAX_PORT_ADDR 4
#define SCTPDK_RT_MAX_PORT_ROUTES 8
#define SCTPDK_RT_MAX_EPS       64
#define SCTPDK_RT_NAME_LEN      32

/* One ethdev port of the stack. */
struct sctpdk_rt_port_cfg {
	/* ethdev name ("net_ring0", "0000:01:00.0"); when empty, port_id is
	 * used as is. */
	char dev_name[64];
	uint16_t port_id;
	uint16_t mtu; /* IP MTU of the link; 0 = 1500 */
	uint16_t n_addrs;
	struct sctpdk_addr addrs[SCTPDK_RT_MAX_PORT_ADDR];
	/* prefix length of each address (0 = /24 for IPv4, /64 for IPv6); a
	 * directly connected route is added for it */
	uint8_t prefix_len[SCTPDK_RT_MAX_PORT_ADDR];
	uint16_t rx_desc; /* 0 = 1024 */
	uint16_t tx_desc; /* 0 = 1024 */
	/* static routes out of this port: prefix/prefix_len through gateway
	 * (family 0: directly connected), besides the connected ones */
	uint16_t n_routes;
	struct sctpdk_rt_route {
		struct sctpdk_addr prefix;
		uint8_t prefix_len;
		struct sctpdk_addr gateway;
	} routes[SCTPDK_RT_MAX_PORT_ROUTES];
};

/* One SCTP endpoint (local port) of the stack. */
struct sctpdk_rt_ep_cfg {
	uint16_t local_port;
	int listening;  /* accept incoming associations */
	unsigned owner; /* index into lcores[] of the owning lcore */
};

/* Protocol defaults handed to the core (RFC 9260 section 16 names). */
struct sctpdk_rt_proto_cfg {
	uint32_t rto_initial_us;
	uint32_t rto_min_us;
	uint32_t rto_max_us;
	uint32_t max_retrans;
	uint32_t max_init_retrans;
	uint32_t cookie_life_us;
	uint32_t sack_delay_us;
	uint32_t rwnd_bytes;
	uint16_t out_streams;
	uint16_t max_in_streams;
	/* SCTP_NODELAY for every association: no Nagle-like holding of
	 * small messages (request/response); 0 = hold (default) */
	uint8_t nodelay;
};

struct sctpdk_stack_config {
	char name[SCTPDK_RT_NAME_LEN]; /* unique per process; names DPDK objects */
	unsigned n_lcores;
	unsigned lcores[SCTPDK_RT_MAX_LCORES]; /* EAL lcore ids (worker lcores) */
	unsigned n_ports;
	struct sctpdk_rt_port_cfg ports[SCTPDK_RT_MAX_PORTS];
	unsigned n_eps;
	struct sctpdk_rt_ep_cfg eps[SCTPDK_RT_MAX_EPS];
	struct sctpdk_rt_proto_cfg proto;

	uint32_t idle_sleep_us;   /* 0 = spin; else sleep this long when idle */
	uint32_t idle_spins;      /* empty polls before sleeping (default 64) */
	/* with idle_sleep_us 0: sched_yield() after idle_spins empty polls
	 * instead of spinning (stack lcores sharing CPUs with application
	 * threads) */
	uint8_t idle_yield;
	/* idle sleeps in a row double from idle_sleep_us up to this (0 or
	 * <= idle_sleep_us: every sleep is idle_sleep_us); work resets it */
	uint32_t idle_sleep_max_us;
	uint32_t max_assocs;      /* association table size (default 1024) */
	uint32_t assoc_ring_size; /* per-association inbound ring (default 256) */
	uint32_t ep_ring_size;    /* per-endpoint inbound ring: INIT, COOKIE ECHO (4096) */
	uint32_t cmd_ring_size;   /* per-lcore application command ring (1024) */
	uint32_t event_ring_size; /* per-endpoint application event ring (4096) */
	uint32_t n_mbufs;         /* mbufs of the stack's own pool (default 7167) */
	/* Socket sends over 1920 bytes go into mbufs of 16 KiB from a pool of
	 * this many (default 383, ~6.4 MiB; 0 = none: chains of 2 KiB mbufs) */
	uint32_t n_big_mbufs;
	uint32_t timer_tick_us;   /* timer wheel granularity (default 100) */
	/* Endpoints sockets create at run time on ports no [endpoint.N]
	 * configures (default 128, at most 4096; 0 = none). */
	uint32_t max_run_eps;
	/* 1: packets with no known tag all go to the endpoint's owner lcore;
	 * 0 (default): INITs the engine can answer statelessly are answered
	 * on the lcore that received them. */
	uint32_t init_on_owner;
	/* Out-of-the-blue answers (RFC 9260 8.4: the ABORT refusing an INIT
	 * to a port without an endpoint, and the protocol core's ABORT and
	 * SHUTDOWN COMPLETE for packets no association claims): at most
	 * ootb_rate per second per stack lcore, in bursts of ootb_burst (a
	 * token bucket, full at start); the rest are dropped unanswered and
	 * counted in ootb_limited. Defaults 1000 and 64; ootb_rate 0 = no
	 * limit. At most 10,000,000 and 1,000,000. INIT ACKs are not
	 * limited. */
	uint32_t ootb_rate;
	uint32_t ootb_burst;
	/* Use this pool instead of creating one (not freed by the stack). */
	struct rte_mempool *pool;
	/* Write every frame the ports send and receive to this pcapng file
	 * (empty = no capture). */
	char pcapng_path[256];
	/* The protocol engine; NULL = the sctpdk protocol core. Tests put a
	 * test double here (see lib/runtime/rt_engine.h). */
	const struct sctpdk_rt_engine_ops *engine;
	void *engine_arg;
};

/* Fill cfg with defaults: no lcores, ports or endpoints; RFC 9260 section
 * 16 protocol values. */
void sctpdk_stack_config_default(struct sctpdk_stack_config *cfg);

/*
 * Load an rte_cfgfile INI file into cfg (on top of what is there; call
 * sctpdk_stack_config_default() first). Sections: [stack], [port.N],
 * [endpoint.N], [protocol]; see config/sctpdk.ini. Needs EAL up when it
 * names devices. Returns 0, SCTPDK_ERR_NOTFOUND (cannot open),
 * SCTPDK_ERR_MALFORMED (bad value; the key is logged), SCTPDK_ERR_INVAL.
 */
int sctpdk_stack_config_load(struct sctpdk_stack_config *cfg, const char *path);

/*
 * Create a stack: resolve and configure the ports, create pools, rings,
 * tables and one engine instance per endpoint. EAL must be initialised.
 * The stack does not run until sctpdk_stack_start(). Returns the stack or
 * NULL; *err (may be NULL) receives SCTPDK_ERR_INVAL (bad config: lcore not
 * a worker or used twice, endpoint owner out of range, no port),
 * SCTPDK_ERR_NOMEM, SCTPDK_ERR_UNSUPP (port cannot give a TX queue to
 * every lcore), SCTPDK_ERR_EXISTS (name in use).
 */
struct sctpdk_stack *sctpdk_stack_create(const struct sctpdk_stack_config *cfg, int *err);

/* Start the ports and launch the poll loop on every stack lcore.
 * Returns 0, SCTPDK_ERR_STATE (already running), SCTPDK_ERR_AGAIN (an lcore
 * is busy). */
int sctpdk_stack_start(struct sctpdk_stack *st);

/* Stop the poll loops, wait for them, stop the ports. Packets still queued
 * anywhere in the stack are freed. The stack can be started again. */
void sctpdk_stack_stop(struct sctpdk_stack *st);

/* Stop if running, then free everything: engines, associations, rings,
 * tables, the pool (if the stack made it), the capture file. */
void sctpdk_stack_free(struct sctpdk_stack *st);

/*
 * Convenience for applications: rte_eal_init(argc, argv) unless EAL is
 * already up, load the INI file at config_path (NULL = config struct
 * defaults only), create and start. Returns the running stack or NULL.
 */
struct sctpdk_stack *sctpdk_start(int argc, char **argv, const char *config_path, int *err);

/* Stop and free (same as sctpdk_stack_free). */
void sctpdk_stop(struct sctpdk_stack *st);

/* Add a static neighbour (IP -> MAC) on port index port for every stack
 * lcore, applied by each lcore at its next iteration (neighbours are
 * otherwise resolved with ARP / ND). 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_AGAIN. */
int sctpdk_stack_neigh_add(struct sctpdk_stack *st, unsigned port, const struct sctpdk_addr *ip,
			   const uint8_t mac[6]);

/* MAC address the stack uses on port index port. 0 or SCTPDK_ERR_INVAL. */
int sctpdk_stack_port_mac(const struct sctpdk_stack *st, unsigned port, uint8_t mac[6]);

/* ---- application calls (any one thread per endpoint) ---------------- */

/* Start an association from endpoint ep (index into cfg.eps) to peer:port.
 * The id comes with the SCTPDK_RT_EV_ASSOC_CHANGE event. Returns 0,
 * SCTPDK_ERR_INVAL, SCTPDK_ERR_AGAIN (command ring full). */
int sctpdk_stack_associate(struct sctpdk_stack *st, unsigned ep, const struct sctpdk_addr *peer,
			   uint16_t peer_port, uint16_t out_streams);

/* Send one message (the stack owns msg on success, the caller otherwise).
 * Returns 0, SCTPDK_ERR_INVAL, SCTPDK_ERR_AGAIN (command ring full).
 * Failures inside the core come back as SCTPDK_RT_EV_SEND_FAILED. */
int sctpdk_stack_send(struct sctpdk_stack *st, unsigned ep, uint32_t assoc_id, uint16_t sid,
		      uint32_t ppid, uint32_t flags, struct rte_mbuf *msg);

/* One message of sctpdk_stack_send_burst(). */
struct sctpdk_stack_msg {
	struct rte_mbuf *msg;
	uint16_t sid;
	uint32_t ppid;
	uint32_t flags;
};

/* Send up to n (at most 64) messages on one association with one command
 * ring operation. Returns how many the stack took: the first k, which it
 * owns; the caller keeps the rest (ring full). Failures inside the core
 * come back as SCTPDK_RT_EV_SEND_FAILED, as for sctpdk_stack_send(). */
unsigned sctpdk_stack_send_burst(struct sctpdk_stack *st, unsigned ep, uint32_t assoc_id,
				 const struct sctpdk_stack_msg *m, unsigned n);

/* Graceful shutdown / abort of an association. 0, SCTPDK_ERR_INVAL,
 * SCTPDK_ERR_AGAIN. */
int sctpdk_stack_shutdown(struct sctpdk_stack *st, unsigned ep, uint32_t assoc_id);
int sctpdk_stack_abort(struct sctpdk_stack *st, unsigned ep, uint32_t assoc_id);

enum sctpdk_rt_event_type {
	SCTPDK_RT_EV_DATA = 1,     /* a message: data.* */
	SCTPDK_RT_EV_ASSOC_CHANGE, /* assoc_change.* (COMM_UP, COMM_LOST, ...) */
	SCTPDK_RT_EV_SHUTDOWN,     /* the peer started a shutdown */
	SCTPDK_RT_EV_SEND_FAILED,  /* send_failed.*; msg may be NULL */
	SCTPDK_RT_EV_OTHER,        /* other core notifications */
};

struct sctpdk_rt_event {
	uint16_t type;
	uint32_t assoc_id;
	union {
		struct {
			uint16_t sid;
			uint16_t flags;
			uint32_t ppid;
			uint32_t len;
			struct rte_mbuf *msg; /* the receiver owns it */
		} data;
		struct {
			uint16_t state; /* the core's sctpdk_assoc_change_state */
			uint16_t error;
			uint16_t out_streams;
			uint16_t in_streams;
		} assoc_change;
		struct {
			uint32_t error;
			struct rte_mbuf *msg;
		} send_failed;
	} u;
};

/* Take up to n events of endpoint ep. Returns the count. Mbufs in events
 * belong to the caller. */
unsigned sctpdk_stack_event_poll(struct sctpdk_stack *st, unsigned ep, struct sctpdk_rt_event *ev,
				 unsigned n);

/*
 * Wait until one of the endpoints eps[0..n-1] (eps NULL: every configured
 * endpoint) has an event, for at most timeout_us (-1: no limit). The
 * calling thread parks on a futex the stack's lcores wake only while some
 * thread is parked (no syscall on their side otherwise). Returns 1 (events
 * wait), 0 (timed out), SCTPDK_ERR_SHUTDOWN (no events wait and the stack
 * is stopped, or was stopped while the thread waited: sctpdk_stack_stop
 * wakes every parked thread and returns only once they left, or after
 * 1 s), SCTPDK_ERR_AGAIN (a signal interrupted the wait),
 * SCTPDK_ERR_INVAL. One futex word per stack: a thread may be woken by
 * another endpoint's events; it re-checks its own and parks again. For
 * application threads; from the stack's own lcore it never sleeps.
 * sctpdk_stack_free must not run while a thread is inside this call.
 */
int sctpdk_stack_event_wait(struct sctpdk_stack *st, const unsigned *eps, unsigned n,
			    int64_t timeout_us);

/* ---- the application on a stack lcore ---------------------------------- */

/*
 * An application poll function run by stack lcore index lcore_index
 * (0..n_lcores-1) once per loop iteration, after received packets,
 * timers and the command ring were processed and before the iteration's
 * TX burst. Returns how much it did (0 = nothing: the lcore's idle policy
 * may then apply).
 *
 * Inside it the application uses the ordinary application calls
 * (sctpdk_stack_associate / _send / _send_burst / _shutdown / _abort /
 * _event_poll) on this stack. For an endpoint this lcore owns, commands
 * are executed at once, without the command ring (the sends of one call
 * leave bundled after the function returns); for endpoints other lcores
 * own they go through the ring as from any thread. It must not block,
 * must not call sctpdk_stack_stop/free/set_app_poll/event_wait, and is
 * not reentered (application calls do not call it back).
 */
typedef unsigned (*sctpdk_stack_app_fn)(struct sctpdk_stack *st, unsigned lcore_index,
					void *arg);

/*
 * Register fn (with arg) on stack lcore index lcore_index, or remove it
 * (fn NULL). Control thread, stack stopped or running. While the stack
 * runs, a function can only be set where none is and removed where one
 * is; removing waits until the lcore is out of it (so arg may be freed on
 * return). The stack's stop and free end the calls (no call after they
 * return). Returns 0, SCTPDK_ERR_INVAL (no such lcore index),
 * SCTPDK_ERR_STATE (running and a function is already set).
 */
int sctpdk_stack_set_app_poll(struct sctpdk_stack *st, unsigned lcore_index,
			      sctpdk_stack_app_fn fn, void *arg);

/* ---- statistics ----------------------------------------------------- */

/* Drop reasons, indices into sctpdk_stack_stats.drop[]. */
enum sctpdk_rt_drop {
	SCTPDK_RT_DROP_L2 = 0,      /* runt, other MAC, ethertype, bad ARP */
	SCTPDK_RT_DROP_L3,          /* IP/ICMP/ND header, not for us, fragment */
	SCTPDK_RT_DROP_NOT_SCTP,    /* other IP protocol */
	SCTPDK_RT_DROP_SCTP_HDR,    /* SCTP packet shorter than its header */
	SCTPDK_RT_DROP_BAD_CKSUM,   /* CRC32c wrong (software or NIC said bad) */
	SCTPDK_RT_DROP_NO_ENDPOINT, /* no endpoint for the destination port */
	SCTPDK_RT_DROP_RING_FULL,   /* association inbound ring full */
	SCTPDK_RT_DROP_STALE_ASSOC, /* packet for an association being freed */
	SCTPDK_RT_DROP_TX_FULL,     /* TX queue full */
	SCTPDK_RT_DROP_NOMEM,       /* no mbuf for headers */
	SCTPDK_RT_DROP_NO_ROUTE,    /* no port for the source address */
	SCTPDK_RT_DROP_COUNT
};

/* Name of a drop reason ("bad_cksum"). */
const char *sctpdk_rt_drop_name(unsigned reason);

/* SCTP chunk types counted one by one; the rest in the "other" slot. */
#define SCTPDK_RT_CHUNK_TYPES 16 /* 0..14 by type number, 15 = other */

struct sctpdk_stack_stats {
	uint64_t rx_frames;
	uint64_t tx_frames;
	uint64_t rx_sctp; /* SCTP packets accepted (CRC good) */
	uint64_t tx_sctp;
	uint64_t rx_bytes;
	uint64_t tx_bytes;
	uint64_t cksum_sw_ok;      /* checked in software */
	uint64_t cksum_offload_ok; /* NIC said good */
	uint64_t cksum_sw_tx;      /* CRC filled by the runtime in software */
	uint64_t cksum_offload_tx; /* CRC left to the NIC */
	uint64_t demux_inline;     /* processed on the receiving lcore */
	uint64_t demux_handoff;    /* enqueued for another lcore */
	uint64_t demux_endpoint;   /* no known tag: endpoint table */
	uint64_t demux_stateless;  /* of those, answered on the receiving lcore */
	uint64_t timers_fired;
	uint64_t commands;
	uint64_t polls; /* loop iterations */
	uint64_t idle_sleeps;
	uint64_t rx_consumed;    /* ARP, ND, echo handled by lib/net */
	uint64_t rx_icmp_events; /* ICMP errors about SCTP, to the endpoint's owner */
	/* the engine's retransmissions (core: every association of the
	 * stack's endpoints, also those gone since) */
	uint64_t rtx_chunks;      /* DATA chunks retransmitted (T3 and fast) */
	uint64_t rtx_t3_expiries; /* T3-rtx expiries with data outstanding */
	uint64_t rtx_fast_events; /* fast recoveries entered */
	/* frames a port's TX queue refused and the lcore kept for its next
	 * burst (counted at each refusal; beyond RT_TX_HOLD: drop_tx_full) */
	uint64_t tx_held;
	/* out-of-the-blue answers not sent: over ootb_rate / ootb_burst */
	uint64_t ootb_limited;
	uint64_t rx_chunks[SCTPDK_RT_CHUNK_TYPES];
	uint64_t tx_chunks[SCTPDK_RT_CHUNK_TYPES];
	uint64_t drop[SCTPDK_RT_DROP_COUNT];
	uint32_t assocs;              /* live associations */
	uint32_t assocs_by_state[16]; /* indexed by the engine's state number */
};

/* Sum of the per-lcore counters of a stack (any thread). */
void sctpdk_stack_stats_get(const struct sctpdk_stack *st, struct sctpdk_stack_stats *s);

/* Per-association view, refreshed by the owning lcore after it works on
 * the association. Fields the engine does not know are zero. */
struct sctpdk_rt_assoc_info {
	uint32_t rt_id; /* stack-wide id (telemetry, assoc_ids) */
	uint32_t id;    /* the engine's association id */
	unsigned ep;    /* endpoint index */
	uint32_t local_vtag;
	uint16_t local_port;
	uint16_t peer_port;
	unsigned owner_lcore; /* EAL lcore id */
	int state;            /* engine state number */
	const char *state_name;
	struct sctpdk_addr peer;
	uint32_t cwnd_bytes;
	uint32_t rto_us;
	uint32_t srtt_us;
	uint32_t peer_rwnd;
	uint32_t outstanding_bytes;
	uint32_t queued_bytes; /* accepted, not yet acknowledged */
	/* Bytes of messages the stack accepted from sctpdk_stack_send() (a
	 * refused one comes back as SEND_FAILED). With queued_bytes, taken
	 * in the same snapshot, an application can bound what it has in the
	 * stack: its own sent total - sent_bytes + queued_bytes. */
	uint64_t sent_bytes;
	uint64_t retransmissions; /* DATA chunks retransmitted (T3 and fast) */
	/* Current destination (sctpdk_sctp_path_info of the core): cwnd_bytes,
	 * srtt_us and rto_us above are its, and these. */
	uint32_t flight_bytes;    /* DATA bytes in flight */
	uint32_t ssthresh_bytes;
	uint32_t payload_mtu;     /* DATA payload bytes per packet (path MTU - headers) */
	uint32_t n_paths;         /* peer addresses */
	uint64_t t3_expiries;
	uint64_t fast_rtx_events;
	/* stack clock (us) when the path figures were taken: at most every
	 * millisecond (they cost a walk of the outstanding data) */
	uint64_t path_us;
	uint64_t rx_packets; /* packets the runtime delivered to it */
	uint64_t handoffs;   /* of which arrived through its ring */
};

/* Stack-wide ids (rt_id) of the live associations; returns the total
 * (may exceed n). */
unsigned sctpdk_stack_assoc_ids(const struct sctpdk_stack *st, uint32_t *ids, unsigned n);

/* Snapshot of the association with stack-wide id rt_id. 0 or
 * SCTPDK_ERR_NOTFOUND. */
int sctpdk_stack_assoc_info(const struct sctpdk_stack *st, uint32_t rt_id,
			    struct sctpdk_rt_assoc_info *info);

/* Find a stack of this process by name (telemetry); NULL if none. */
struct sctpdk_stack *sctpdk_stack_lookup(const char *name);

/* The stack's mbuf pool (its own or the configured one). */
struct rte_mempool *sctpdk_stack_pool(const struct sctpdk_stack *st);

/* EAL lcore id of stack lcore index i, or -1. */
int sctpdk_stack_lcore(const struct sctpdk_stack *st, unsigned i);

#ifdef __cplusplus
}
#endif

#endif
