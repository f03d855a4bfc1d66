/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk facade <-> stack interface.
 *
 * The facade (lib/facade) implements the socket calls of
 * include/sctpdk/sctpdk_socket.h for application threads. It never touches
 * protocol state itself: every request that needs the protocol becomes a
 * command on the socket's command ring, and a stack lcore executes it by
 * calling the stack through struct sctpdk_facade_stack_ops. Everything the
 * stack reports about an endpoint comes back through
 * sctpdk_facade_deliver(), which routes it to the right socket's delivery
 * ring and wakes the application threads that wait for it.
 *
 * Wiring a stack (the runtime, or a test double) takes three things:
 *
 *  1. Fill struct sctpdk_facade_stack_ops (called only on the owning stack
 *     lcore, from inside sctpdk_facade_lcore_poll()) and create the facade
 *     with sctpdk_facade_create().
 *  2. In every stack lcore's poll loop call
 *        sctpdk_facade_lcore_poll(f, lcore_index, now_us);
 *     it executes the queued socket commands of sockets owned by that lcore
 *     (bounded work per call) and runs autoclose. No syscall unless an
 *     application thread is waiting (then one eventfd write per wake-up).
 *  3. For each event the protocol core produced for an endpoint opened by
 *     ops->ep_open(), call sctpdk_facade_deliver(fep, &ev) on the same lcore
 *     (fep is the handle ep_open received). Any mbuf in the event passes to
 *     the facade.
 *
 * All of this happens on stack lcores; the facade keeps no global state
 * besides one process-wide pointer to the active descriptor table (the
 * descriptor namespace is process-wide, like the kernel's).
 */
#ifndef SCTPDK_FACADE_H
#define SCTPDK_FACADE_H

#include <stdint.h>
#include <sys/socket.h>

#include <sctpdk/sctpdk_addr.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_mempool;
struct sctpdk_facade;
struct sctpdk_facade_ep;

#define SCTPDK_FACADE_MAX_ADDRS  8
#define SCTPDK_FACADE_MAX_LCORES 16
#define SCTPDK_FACADE_NAME_LEN   32

/* ---- what the facade asks the stack to do (owning lcore only) -------- */

/* Parameters of a new endpoint: the socket's binding and its endpoint
 * defaults for future associations (section 7 rule c). Times in ms. */
struct sctpdk_facade_ep_params {
	uint16_t local_port;
	uint16_t n_addrs;
	struct sctpdk_addr addrs[SCTPDK_FACADE_MAX_ADDRS];
	int listening;
	uint16_t out_streams;      /* SCTP_INITMSG sinit_num_ostreams */
	uint16_t max_in_streams;   /* sinit_max_instreams */
	uint16_t max_init_retrans; /* sinit_max_attempts */
	uint16_t max_init_timeo_ms;
	uint32_t rto_initial_ms, rto_max_ms, rto_min_ms;
	uint32_t max_retrans;    /* sasoc_asocmaxrxt */
	uint32_t cookie_life_ms; /* sasoc_cookie_life */
	uint32_t hb_interval_ms; /* spp_hbinterval, 0 = off */
	uint16_t path_max_retrans;
	int nodelay;
	int send_adaptation;
	uint32_t adaptation_bits;
	uint32_t rcvbuf_bytes; /* advertised window */
	uint32_t autoclose_s;  /* UDP-style SCTP_AUTOCLOSE */
	int disable_frag;
	uint32_t sndbuf_bytes;
	/* SCTPDK_FACADE_SET_* bits of the defaults the application set; the
	 * stack keeps its own values for the others */
	uint32_t set_mask;
};

/* Per-message send parameters (struct sctp_sndrcvinfo as resolved). */
struct sctpdk_facade_sndinfo {
	uint16_t sid;
	uint16_t flags; /* SCTPDK_FACADE_SEND_UNORDERED */
	uint32_t ppid;
	uint32_t context;
	uint32_t ttl_ms;
	struct sctpdk_addr dst; /* family 0 = primary */
};
#define SCTPDK_FACADE_SEND_UNORDERED 0x0001u

/* Association parameters and live values: what SCTP_STATUS,
 * SCTP_GET_PEER_ADDR_INFO, SCTP_RTOINFO, SCTP_ASSOCINFO,
 * SCTP_SET_PEER_ADDR_PARAMS and sctpdk_getpaddrs() read, and (the fields
 * marked "set") what the facade may change with ops->assoc_set. */
struct sctpdk_facade_assoc_info {
	int state; /* SCTP_COOKIE_WAIT ... of sctpdk_socket.h */
	uint16_t peer_port;
	uint16_t n_peer_addrs;
	struct sctpdk_addr peer_addrs[SCTPDK_FACADE_MAX_ADDRS];
	int32_t path_state[SCTPDK_FACADE_MAX_ADDRS]; /* SCTP_ACTIVE ... */
	uint16_t primary;                            /* set: index into peer_addrs */
	uint16_t in_streams, out_streams;
	uint32_t peer_rwnd, local_rwnd;
	uint32_t unacked_chunks, pending_chunks;
	uint32_t frag_point;
	uint32_t cwnd, srtt_ms, rto_ms, mtu;
	uint32_t rto_initial_ms, rto_max_ms, rto_min_ms; /* set */
	uint32_t max_retrans;                            /* set */
	uint32_t cookie_life_ms;                         /* set */
	uint32_t hb_interval_ms;                         /* set (UINT32_MAX: one now) */
	uint16_t path_max_retrans;                       /* set */
	uint32_t autoclose_s;                            /* set */
	uint32_t sndbuf_bytes;                           /* set */
	int nodelay;                                     /* set */
	int disable_frag;                                /* set */
	/* per peer address (index as peer_addrs): SCTP_GET_PEER_ADDR_INFO's
	 * live values and SCTP_SET_PEER_ADDR_PARAMS's; hb_interval_ms and
	 * path_max_retrans above are the association's defaults */
	struct sctpdk_facade_path {
		uint32_t cwnd, srtt_ms, rto_ms, mtu;
		uint32_t hb_interval_ms;   /* set (UINT32_MAX: one now) */
		uint16_t path_max_retrans; /* set */
	} path[SCTPDK_FACADE_MAX_ADDRS];
	/* set: which address SET_HB / SET_PATHMAXRXT change, 0 = every one and
	 * the defaults (the fields above), k + 1 = peer_addrs[k] only (its
	 * path[k] fields) */
	uint16_t set_path;
};

/* ops->assoc_set mask bits */
#define SCTPDK_FACADE_SET_RTO         0x01u
#define SCTPDK_FACADE_SET_MAXRXT      0x02u
#define SCTPDK_FACADE_SET_COOKIE_LIFE 0x04u
#define SCTPDK_FACADE_SET_HB          0x08u
#define SCTPDK_FACADE_SET_PATHMAXRXT  0x10u
#define SCTPDK_FACADE_SET_PRIMARY     0x20u
#define SCTPDK_FACADE_SET_NODELAY     0x40u
#define SCTPDK_FACADE_SET_FRAG        0x80u
#define SCTPDK_FACADE_SET_AUTOCLOSE   0x100u
#define SCTPDK_FACADE_SET_SNDBUF      0x200u
#define SCTPDK_FACADE_SET_INIT        0x400u /* ep_params only: SCTP_INITMSG */
#define SCTPDK_FACADE_SET_RCVBUF      0x800u /* ep_params only: SO_RCVBUF */

/*
 * The stack, as the facade uses it. Every function runs on the stack lcore
 * that owns the socket (the one passed to sctpdk_facade_lcore_poll), never
 * concurrently for one endpoint. Returns are 0 or negative SCTPDK_ERR_*.
 * Events must NOT be delivered from inside these calls: queue them and
 * deliver after sctpdk_facade_lcore_poll() returns (or from the stack's own
 * input/timer processing).
 */
struct sctpdk_facade_stack_ops {
	/* Open an endpoint; *sep receives the stack's handle. fep is the
	 * facade's handle to pass to sctpdk_facade_deliver(). Errors:
	 * SCTPDK_ERR_EXISTS (port taken), SCTPDK_ERR_NOMEM, SCTPDK_ERR_INVAL. */
	int (*ep_open)(void *ctx, struct sctpdk_facade_ep *fep,
		       const struct sctpdk_facade_ep_params *p, void **sep);
	/* Free the endpoint and every association still on it, silently. */
	void (*ep_close)(void *ctx, void *sep);
	/* Start / stop accepting incoming associations. */
	int (*ep_listen)(void *ctx, void *sep, int on);
	/* Start an association (sends INIT); returns the stack's association
	 * id (> 0) or SCTPDK_ERR_EXISTS / SCTPDK_ERR_NOMEM / SCTPDK_ERR_AGAIN /
	 * SCTPDK_ERR_INVAL. init fields 0 = endpoint defaults. */
	int64_t (*associate)(void *ctx, void *sep, const struct sctpdk_addr *peer,
			     uint16_t peer_port, uint16_t out_streams, uint16_t max_in_streams,
			     uint16_t max_attempts, uint16_t max_init_timeo_ms);
	/* Queue one message; on 0 the stack owns msg. SCTPDK_ERR_AGAIN (no
	 * room now: the facade keeps msg and retries later), SCTPDK_ERR_INVAL
	 * (bad stream), SCTPDK_ERR_SHUTDOWN, SCTPDK_ERR_NOTFOUND,
	 * SCTPDK_ERR_MSGSIZE. */
	int (*send)(void *ctx, void *sep, uint32_t assoc, const struct sctpdk_facade_sndinfo *si,
		    struct rte_mbuf *msg);
	int (*shutdown)(void *ctx, void *sep, uint32_t assoc);
	int (*abort)(void *ctx, void *sep, uint32_t assoc);
	/* Read association values (0 or SCTPDK_ERR_NOTFOUND). */
	int (*assoc_info)(void *ctx, void *sep, uint32_t assoc, struct sctpdk_facade_assoc_info *i);
	/* Change the fields of mask (SCTPDK_FACADE_SET_*). SCTPDK_ERR_UNSUPP
	 * when the stack cannot, SCTPDK_ERR_INVAL for bad values. */
	int (*assoc_set)(void *ctx, void *sep, uint32_t assoc, uint32_t mask,
			 const struct sctpdk_facade_assoc_info *i);
	/* Optional (may be NULL: bindx on an opened endpoint then fails with
	 * EOPNOTSUPP): replace the endpoint's local addresses for
	 * associations set up from now on (sctp_bindx, draft 8.1). */
	int (*ep_addrs)(void *ctx, void *sep, const struct sctpdk_addr *addrs, unsigned n);
	/* Optional (may be NULL), called on the application thread before the
	 * endpoint is opened: the facade lcore that must own an endpoint on
	 * local_port with those addresses (n 0 = wildcard), or < 0 to keep
	 * the facade's round-robin choice. For stacks whose endpoints live on
	 * fixed lcores. */
	int (*ep_lcore)(void *ctx, uint16_t local_port, const struct sctpdk_addr *addrs,
			unsigned n);
	void *ctx;
};

/* ---- what the stack reports (sctpdk_facade_deliver) ------------------ */

enum sctpdk_facade_ev_type {
	SCTPDK_FACADE_EV_DATA = 1,     /* u.data: one complete user message */
	SCTPDK_FACADE_EV_ASSOC_CHANGE, /* u.assoc_change */
	SCTPDK_FACADE_EV_PEER_ADDR,    /* u.paddr: SCTP_PEER_ADDR_CHANGE */
	SCTPDK_FACADE_EV_SHUTDOWN,     /* the peer sent SHUTDOWN */
	SCTPDK_FACADE_EV_REMOTE_ERROR, /* u.remote_error */
	SCTPDK_FACADE_EV_ADAPTATION,   /* u.adaptation */
	SCTPDK_FACADE_EV_SEND_FAILED,  /* u.send_failed */
	SCTPDK_FACADE_EV_PDAPI,        /* partial delivery aborted */
};

/* assoc_change.state: the sac_state values of sctpdk_socket.h
 * (SCTP_COMM_UP ... SCTP_CANT_STR_ASSOC). reason tells the facade which
 * errno a failed or lost association maps to. */
enum sctpdk_facade_reason {
	SCTPDK_FACADE_REASON_NONE = 0,
	SCTPDK_FACADE_REASON_PEER_ABORT, /* ECONNREFUSED in setup, ECONNRESET after */
	SCTPDK_FACADE_REASON_TIMEOUT,    /* ETIMEDOUT */
	SCTPDK_FACADE_REASON_LOCAL,      /* we aborted */
};

struct sctpdk_facade_event {
	uint16_t type;     /* enum sctpdk_facade_ev_type */
	uint32_t assoc_id; /* the stack's id */
	union {
		struct {
			uint16_t sid, ssn, flags; /* flags: SCTPDK_FACADE_SEND_UNORDERED */
			uint32_t ppid, tsn;
			struct rte_mbuf *msg; /* whole message, pkt_len bytes */
		} data;
		struct {
			uint16_t state;  /* SCTP_COMM_UP ... */
			uint16_t error;  /* RFC 9260 cause code or 0 */
			uint16_t reason; /* enum sctpdk_facade_reason */
			uint16_t out_streams, in_streams;
			uint16_t peer_port;
			struct sctpdk_addr peer; /* primary (needed for COMM_UP) */
		} assoc_change;
		struct {
			struct sctpdk_addr addr;
			int state; /* SCTP_ADDR_AVAILABLE ... */
			int error;
		} paddr;
		struct {
			uint16_t cause;       /* host order */
			struct rte_mbuf *tlv; /* cause TLV as on the wire, may be NULL */
		} remote_error;
		struct {
			uint32_t bits;
		} adaptation;
		struct {
			uint16_t flags; /* SCTP_DATA_UNSENT / SCTP_DATA_SENT */
			uint16_t sid;
			uint32_t ppid, context, error;
			struct rte_mbuf *msg; /* may be NULL */
		} send_failed;
	} u;
};

/* ---- facade object --------------------------------------------------- */

/* Sends over this many bytes are gathered into cfg.big_pool's mbufs. */
#define SCTPDK_FACADE_BIG_MIN 1920

struct sctpdk_facade_config {
	char name[SCTPDK_FACADE_NAME_LEN]; /* memzone name of the table */
	uint32_t max_sockets;              /* descriptors (default 256) */
	uint32_t max_assocs;               /* per socket (default 128) */
	uint32_t cmd_ring_size;            /* per socket, power of 2 (default 256) */
	uint32_t dlv_ring_size;            /* per socket, power of 2 (default 1024) */
	unsigned n_lcores;                 /* stack lcores serving sockets (1..16) */
	struct rte_mempool *pool;          /* mbufs for sends and notifications */
	/* optional: larger mbufs (e.g. 16 KiB) for sends over
	 * SCTPDK_FACADE_BIG_MIN bytes: fewer allocations and segments */
	struct rte_mempool *big_pool;
	uint16_t n_local_addrs;            /* the stack's addresses (wildcard bind) */
	struct sctpdk_addr local_addrs[SCTPDK_FACADE_MAX_ADDRS];
	uint32_t pmtu; /* path MTU for the fragmentation point */
	struct sctpdk_facade_stack_ops ops;
	/* Tests only (NULL otherwise): called on the lcore right after it
	 * published the result of control command type (FC_CMD_*, internal)
	 * of socket sd and signalled it, before it lets go of the socket. */
	void (*ctl_done_hook)(void *arg, int sd, unsigned type);
	void *ctl_done_hook_arg;
};

void sctpdk_facade_config_default(struct sctpdk_facade_config *cfg);

/* Create the descriptor table (memzone cfg->name) and make it the
 * process's active one (sctpdk_socket() then works). Returns NULL with
 * *err = SCTPDK_ERR_INVAL, SCTPDK_ERR_NOMEM or SCTPDK_ERR_EXISTS (a facade
 * is already active). Control thread. */
struct sctpdk_facade *sctpdk_facade_create(const struct sctpdk_facade_config *cfg, int *err);

/* Add local addresses (a stack attached after creation); binds to them
 * are accepted from then on. 0, SCTPDK_ERR_NOMEM (over
 * SCTPDK_FACADE_MAX_ADDRS). Control thread. */
int sctpdk_facade_add_addrs(struct sctpdk_facade *f, const struct sctpdk_addr *a, unsigned n);

/* Deactivate and free. Every socket must have been closed and the lcores
 * must be stopped; remaining sockets are torn down silently. */
void sctpdk_facade_free(struct sctpdk_facade *f);

/* Lcore side, see the top of this file. Returns the number of commands
 * executed and events routed (0 = idle). */
unsigned sctpdk_facade_lcore_poll(struct sctpdk_facade *f, unsigned lcore, uint64_t now_us);
void sctpdk_facade_deliver(struct sctpdk_facade_ep *fep, struct sctpdk_facade_event *ev);

/* Free delivery slots of the socket that receives association assoc_id's
 * messages (flow-control hint for the stack; lcore side). */
unsigned sctpdk_facade_rx_room(const struct sctpdk_facade_ep *fep, uint32_t assoc_id);
/* 1 when that socket exists and has no delivery room now (a message for
 * it should wait); 0 for an unknown or closed association. */
int sctpdk_facade_rx_full(const struct sctpdk_facade_ep *fep, uint32_t assoc_id);

/* Counters (any thread). */
struct sctpdk_facade_stats {
	uint64_t commands;
	uint64_t events;
	uint64_t wakeups;      /* eventfd writes */
	uint64_t dlv_overflow; /* events parked because a delivery ring was full */
	uint64_t dlv_dropped;  /* events dropped: socket gone or overflow full */
	uint64_t send_retries; /* stack said AGAIN */
	uint64_t send_big;     /* sends gathered into big_pool mbufs */
	uint64_t send_big_dry; /* sends over SCTPDK_FACADE_BIG_MIN that found big_pool empty */
	uint64_t notify_stale; /* notify entries of a released, freed or reused socket, skipped */
	uint64_t sockets;      /* slots in use now (not free): open, closing, embryos */
};
void sctpdk_facade_stats_get(const struct sctpdk_facade *f, struct sctpdk_facade_stats *s);

/* Wake the receivers of the sockets of this lcore that got deliveries
 * since the last call (sctpdk_facade_deliver signals each socket once per
 * iteration, not per message). Call at the end of every loop iteration
 * that delivered events; sctpdk_facade_lcore_poll() also does it first. */
void sctpdk_facade_lcore_flush(struct sctpdk_facade *f, unsigned lcore);

/* Application threads keep small private mbuf caches (sendmsg, recvmsg):
 * give every cached mbuf back to its pool. Call when a stack whose pool
 * the sockets used stops or leaves, with no socket call in progress. */
void sctpdk_facade_mbuf_flush(void);

/* A pktmbuf pool that application threads may share with lcores: n mbufs
 * of data room `room`, lcore caches of `cache`. On an RTS ring (a thread
 * preempted inside a get or put holds up no other) when the ring has room
 * to spare for the overlap of its consumers, else on the classic
 * multi-producer/consumer ring (mcache.c says why). Sizes of 2^k - 1 leave
 * no room to spare: use e.g. 2^k - 1025. NULL with rte_errno set. */
struct rte_mempool *sctpdk_facade_pool_create(const char *name, unsigned n, unsigned cache,
					      uint16_t room, int socket);

#ifdef __cplusplus
}
#endif

#endif
