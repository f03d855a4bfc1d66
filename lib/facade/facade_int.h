/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal structures of the facade: socket objects, association entries,
 * the command and delivery ring message formats, and helpers shared by the
 * application-side modules (socket.c, sendrecv.c, options.c, poll.c) and
 * the lcore side (lcore.c).
 */
#ifndef SCTPDK_FACADE_INT_H
#define SCTPDK_FACADE_INT_H

#include <pthread.h>
#include <stdint.h>

#include <rte_ring.h>
#include <rte_spinlock.h>

#include <sctpdk/sctpdk_socket.h>

#include "sctpdk_facade.h"
#include "sctpdk_park.h"

struct rte_memzone;

#define FC_NONE UINT32_MAX

enum fc_style { FC_UDP = 1, FC_TCP = 2 };

/* Socket slot life (the rules and their ordering argument are at the top
 * of the slot code in fd_table.c):
 *   FREE -> INIT -> (EMBRYO ->) OPEN -> CLOSING -> INIT -> FREE
 * INIT: reserved by one thread that resets (fc_slot_alloc) or tears down
 * (fc_slot_free) the slot; nobody else touches its contents then. EMBRYO
 * is a socket being created (sctpdk_socket, peeloff) or an association
 * accepted by the stack, waiting in a listener's queue. */
enum fc_sock_state { FS_FREE = 0, FS_EMBRYO, FS_OPEN, FS_CLOSING, FS_INIT };

/* Association entry states, as the application side needs them. */
enum fc_assoc_state {
	FA_FREE = 0,
	FA_SETUP,     /* INIT sent, waiting for COMM_UP */
	FA_UP,        /* established */
	FA_PEER_SHUT, /* peer sent SHUTDOWN: sends fail with ESHUTDOWN */
	FA_SHUT,      /* we started the shutdown */
	FA_CLOSED,    /* ended; err tells how (0 graceful) */
};

struct fc_assoc {
	int32_t id;       /* facade id (sctp_assoc_t), 0 = free entry */
	uint8_t state;    /* enum fc_assoc_state */
	uint8_t accepted; /* came from the peer (listening socket) */
	uint16_t out_streams, in_streams;
	int err;           /* errno once FA_CLOSED: 0, ECONNREFUSED, ETIMEDOUT, ECONNRESET */
	uint32_t stack_id; /* the stack's id; 0 until the lcore started it */
	struct sctpdk_addr peer;
	uint16_t peer_port;
	uint64_t last_active_us; /* lcore side, autoclose */
};

/* ---- command ring (application threads -> owning lcore), MP/SC ----- */

enum fc_cmd_type {
	FC_CMD_EP_OPEN = 1,  /* ctl: open the stack endpoint */
	FC_CMD_LISTEN,       /* ctl: ctl.listen_on */
	FC_CMD_CONNECT,      /* start association entry slot (async) */
	FC_CMD_SEND,         /* m: message for entry slot (async) */
	FC_CMD_SHUTDOWN,     /* graceful shutdown of entry slot (async) */
	FC_CMD_ABORT,        /* abort entry slot (async) */
	FC_CMD_CLOSE_ASSOCS, /* shutdown (or abort: flags 1) every association (async) */
	FC_CMD_DETACH,       /* ctl: release the socket from the endpoint */
	FC_CMD_PEELOFF,      /* ctl: move entry slot to socket ctl.peel_sock */
	FC_CMD_ASSOC_INFO,   /* ctl: read ctl.info of entry slot */
	FC_CMD_ASSOC_SET,    /* ctl: ops->assoc_set(ctl.set_mask, ctl.info) */
	FC_CMD_EP_ADDRS,     /* ctl: ops->ep_addrs(ctl.addrs, ctl.n_addrs) */
};

struct fc_cmd {
	uint16_t type;
	uint16_t flags; /* FC_CMD_SEND: SCTPDK_FACADE_SEND_*; CLOSE_ASSOCS: 1 = abort */
	int32_t assoc;  /* facade association id (checked against the slot) */
	uint32_t slot;  /* entry index in the socket's association table */
	uint32_t seq;   /* control sequence; 0 for async commands */
	uint32_t len;   /* FC_CMD_SEND bytes */
	struct sctpdk_facade_sndinfo si;
	struct sctp_initmsg init; /* FC_CMD_CONNECT */
	struct rte_mbuf *m;
} __rte_aligned(8);

/* ---- delivery ring (owning lcore -> receivers), SP/SC under rx_mtx -- */

enum fc_dlv_kind { FC_DLV_DATA = 1, FC_DLV_NOTIFICATION };

struct fc_dlv {
	struct rte_mbuf *m; /* data or the notification bytes */
	uint32_t len;
	uint16_t kind;
	uint16_t sid, ssn, flags;
	uint32_t ppid, tsn;
	int32_t assoc; /* facade association id */
	uint32_t slot;
} __rte_aligned(8);

/* Control arguments and results, one set per socket (ctl_mtx held). */
struct fc_ctl {
	int result; /* 0 or negative SCTPDK_ERR_* */
	int listen_on;
	uint32_t peel_sock;
	uint32_t set_mask;
	struct sctpdk_facade_assoc_info info;
	uint16_t n_addrs; /* FC_CMD_EP_ADDRS */
	struct sctpdk_addr addrs[SCTPDK_FACADE_MAX_ADDRS];
};

#define FC_MAX_STRM_TIMEOUTS 8

struct fc_sock {
	/* identity and life: never cleared by fc_slot_alloc (see fd_table.c) */
	uint32_t idx;
	uint32_t lc_pending; /* atomic: on a notify ring (rings.c) */
	uint64_t life;       /* atomic: state, released bit, references (FC_LF_*) */

	/* everything from here on is reset when the slot is reused */
	int style;
	int domain;
	int efd;
	int nonblock; /* atomic */
	unsigned owner;
	struct sctpdk_facade *f;

	pthread_mutex_t ctl_mtx; /* control calls; also serialises options */
	pthread_mutex_t rx_mtx;  /* receivers */
	rte_spinlock_t alock;    /* association table */

	/* binding */
	int bound;
	uint16_t port;
	uint16_t n_laddrs;
	int wildcard;
	struct sctpdk_addr laddrs[SCTPDK_FACADE_MAX_ADDRS];
	int ep_open;
	int listening;
	int backlog;
	int shut_rd, shut_wr;
	int so_error; /* atomic; SO_ERROR */
	int peeled;   /* one-to-one socket branched off a UDP-style one */

	/* options: endpoint defaults (section 7 rule c) */
	struct sctp_initmsg initmsg;
	struct sctp_rtoinfo rto;
	struct sctp_assocparams ap;
	uint32_t hb_interval_ms;
	uint16_t path_max_retrans;
	struct sctp_sndrcvinfo dflt_send;
	struct sctp_event_subscribe ev;
	struct linger linger;
	int nodelay;
	int sndbuf, rcvbuf;
	int autoclose;
	int disable_frag;
	int adapt_set;
	uint32_t adapt_ind;
	unsigned n_strm_to;
	struct sctp_setstrm_timeout strm_to[FC_MAX_STRM_TIMEOUTS];
	uint32_t dflt_set; /* SCTPDK_FACADE_SET_* defaults set by the application */

	/* rings (allocated with the slot, reused) */
	struct rte_ring *cmd;
	struct rte_ring *dlv;
	struct rte_ring *ovf;  /* lcore private: deliveries waiting for room */
	struct rte_ring *accq; /* TCP-style listener: embryo socket indices */

	/* receive side (rx_mtx) */
	struct fc_dlv rx_cur;
	int rx_has;
	uint32_t rx_off;

	/* send accounting and wake-ups (atomics) */
	uint32_t snd_queued;
	struct sctpdk_park park; /* blocking calls wait here (wait.c) */
	uint32_t ext;      /* eventfd handed out by sctpdk_fileno */
	uint32_t signaled; /* eventfd written, not yet drained */
	uint32_t want_out; /* a sender hit EAGAIN / waits for space */

	/* control round trip */
	uint32_t ctl_seq;
	uint32_t ctl_done; /* atomic, written by the lcore */
	struct fc_ctl ctl;

	/* lcore side */
	struct sctpdk_facade_ep *fep;
	uint32_t parent;      /* listener of an embryo */
	int has_stalled;
	struct fc_cmd stalled;
	int lc_listed;
	uint32_t lc_next;
	uint32_t lc_rel; /* bytes the stack took since the last release */
	int sig_listed;  /* on the owner's list of sockets to signal */
	uint32_t sig_next;

	/* associations */
	uint32_t assoc_cap;
	struct fc_assoc *assocs;
} __rte_cache_aligned;

struct fc_lcore {
	struct rte_ring *notify; /* socket indices with commands, MP/SC */
	uint32_t retry_head;     /* lcore-private list of sockets to revisit */
	uint32_t sig_head;       /* lcore-private list of sockets with new deliveries */
	uint64_t last_scan_us;
	uint64_t now_us;                  /* of the last poll: activity time of deliveries */
	struct sctpdk_facade_ep *orphans; /* endpoints without sockets */
} __rte_cache_aligned;

struct sctpdk_facade {
	struct sctpdk_facade_config cfg;
	const struct rte_memzone *mz;
	struct fc_sock *socks;
	rte_spinlock_t tlock; /* slot allocation and the port map */
	uint8_t port_map[65536 / 8];
	uint32_t eph_next; /* next ephemeral port to try, from 49152 */
	int32_t next_assoc_id;
	unsigned rr;
	struct fc_lcore lc[SCTPDK_FACADE_MAX_LCORES];
	struct sctpdk_facade_stats stats; /* atomics */
};

struct sctpdk_facade_ep {
	struct sctpdk_facade *f;
	void *sep;
	uint32_t main_sock; /* listener / UDP-style socket, FC_NONE once closed */
	int style;
	unsigned n_socks; /* sockets using this endpoint */
	unsigned lcore;
	struct sctpdk_facade_ep *next_orphan;
	uint32_t map_cap; /* power of two */
	uint32_t map_used;
	uint32_t map_tombs;
	struct fc_map {
		uint32_t stack_id; /* 0 empty, UINT32_MAX deleted */
		uint32_t sock;
		uint32_t slot;
	} * map;
};

/* ---- shared helpers (fd_table.c) ------------------------------------ */

extern struct sctpdk_facade *sctpdk_facade_active_;
extern __thread int sctpdk_facade_on_lcore_;

/* The life word of a slot, changed only by compare-and-swap, so that a
 * state change and the references are seen together: references in bits
 * 0-31 (calls in progress and the lcore draining the socket), the state
 * (enum fc_sock_state) in bits 32-39, and the released bit: the lcore let
 * go of the socket (FC_CMD_DETACH ran, or no endpoint was ever opened). */
#define FC_LF_REFS(w)       ((uint32_t)(w))
#define FC_LF_STATE(w)      ((int)(((w) >> 32) & 0xff))
#define FC_LF_REL           (UINT64_C(1) << 40)
#define FC_LF(st, rel, refs) (((uint64_t)(st) << 32) | ((rel) ? FC_LF_REL : 0) | (uint32_t)(refs))

static inline int
fc_state(const struct fc_sock *s)
{
	return FC_LF_STATE(__atomic_load_n(&s->life, __ATOMIC_SEQ_CST));
}

/* State from -> to, references and released bit kept. 1 done, 0 the state
 * was not from. */
int fc_life_move(struct fc_sock *s, int from, int to);
/* Set the released bit (by a holder of a reference: never the last one). */
void fc_release(struct fc_sock *s);

/* Take a reference on open descriptor sd (errno EBADF / EDEADLK). */
struct fc_sock *fc_get(int sd);
/* Drop a reference; the last one of a CLOSING socket the lcore released
 * frees the slot. */
void fc_put(struct fc_sock *s);
/* Lcore side: take a reference on the slot of a notify entry. Returns 1
 * when the slot is a live socket (OPEN or CLOSING, not yet released by
 * the lcore): the caller may work on it and calls fc_put afterwards. 0:
 * a stale entry, nothing taken. */
int fc_lcore_hold(struct fc_sock *s);
/* Allocate and initialise a slot in state st; NULL when the table is full. */
struct fc_sock *fc_slot_alloc(struct sctpdk_facade *f, int style, int domain, int st);
/* As fc_slot_alloc, for application threads: waits (at most
 * FC_SLOT_WAIT_MS) while the only free slots wait for the lcore to skip a
 * queued notify entry of their previous socket (fd_table.c). */
struct fc_sock *fc_slot_alloc_wait(struct sctpdk_facade *f, int style, int domain, int st);
#define FC_SLOT_WAIT_MS 1000
/* Release a slot that the caller owns alone: state already FS_INIT, its
 * lcore side done (an embryo or a socket never handed out). */
void fc_slot_free(struct fc_sock *s);
/* Copy options and subscription of one socket to a new one. */
void fc_inherit(struct fc_sock *dst, const struct fc_sock *src);
int32_t fc_new_assoc_id(struct sctpdk_facade *f);
/* Free one delivery (its mbuf). */
void fc_dlv_free(struct fc_dlv *d);

/* ---- mbufs of application threads (mcache.c) -------------------------- */

/* rte_pktmbuf_alloc / rte_pktmbuf_free through the calling application
 * thread's private cache of the pool (plain DPDK calls on an lcore). */
struct rte_mbuf *fc_mbuf_alloc(struct rte_mempool *mp);
void fc_mbuf_free(struct rte_mbuf *m);
/* Return every application thread's cached mbufs to their pools. */
void fc_mcache_flush_all(void);

/* ---- wake-ups (wait.c) ------------------------------------------------ */

/* Lcore side: something changed on s; wake waiters / external pollers. */
void fc_signal(struct fc_sock *s);
/* Wake every waiter and external poller unconditionally (close). */
void fc_wake_all(struct fc_sock *s);
/* Application side: clear the eventfd (nothing more to report). */
void fc_clear(struct fc_sock *s);
/* Wait until cond(s, arg) is non-zero, s is closed (EBADF) or timeout_ms
 * passes (-1 forever). any_state: keep waiting while the socket closes
 * (close() itself). Returns 0, or an errno (EBADF, EINTR, ETIMEDOUT). */
int fc_wait(struct fc_sock *s, int (*cond)(struct fc_sock *, void *), void *arg, int timeout_ms,
	    int any_state);

/* ---- commands (rings.c) ----------------------------------------------- */

/* Enqueue an async command; 0 or EAGAIN (ring full). */
int fc_cmd_post(struct fc_sock *s, const struct fc_cmd *c);
/* Enqueue a control command and wait for the lcore's answer (ctl_mtx
 * held). Returns ctl.result (0 or SCTPDK_ERR_*). It cannot be abandoned
 * once queued, so it waits through signals and a concurrent close. */
int fc_ctl_call(struct fc_sock *s, struct fc_cmd *c);
/* Lcore notification that socket s has commands. */
void fc_kick(struct fc_sock *s);

/* ---- association table (socket.c) ------------------------------------ */

/* Entry of id (or, TCP-style/peeled, the single one when id is 0 or any);
 * alock held. Returns the slot or FC_NONE. */
uint32_t fc_assoc_find(struct fc_sock *s, int32_t id);
uint32_t fc_assoc_find_addr(struct fc_sock *s, const struct sctpdk_addr *a, uint16_t port);
/* A free entry (reclaims FA_CLOSED ones of UDP-style sockets); alock held. */
uint32_t fc_assoc_alloc(struct fc_sock *s);
/* Is the socket one-to-one (TCP-style or peeled off)? */
static inline int
fc_one_to_one(const struct fc_sock *s)
{
	return s->style == FC_TCP || s->peeled;
}

/* Start an association to a:port (ctl_mtx held): opens the endpoint if
 * needed, adds a FA_SETUP entry and queues FC_CMD_CONNECT. 0 or errno. */
int fc_start_assoc(struct fc_sock *s, const struct sctpdk_addr *a, uint16_t port,
		   const struct sctp_initmsg *init, uint32_t *slot, int32_t *id);
/* Make sure the stack endpoint exists (ctl_mtx held). 0 or errno. */
int fc_ensure_ep(struct fc_sock *s);

/* sockaddr <-> sctpdk_addr; returns 0 or errno. */
int fc_sockaddr_to(const struct sockaddr *sa, socklen_t len, int domain, struct sctpdk_addr *a,
		   uint16_t *port);
socklen_t fc_sockaddr_from(int domain, const struct sctpdk_addr *a, uint16_t port,
			   struct sockaddr_storage *ss);
int fc_errno_of(int sctpdk_err);

/* Something to receive (sendrecv.c). */
int fc_rx_ready(struct fc_sock *s);
/* One-to-one socket that will receive nothing more: 0 = not final, -1 =
 * end of file, else the errno a receive reports. */
int fc_rx_final(struct fc_sock *s);
/* Room to queue one more message of len bytes right now. */
int fc_tx_room(struct fc_sock *s, uint32_t len);

/* ---- cmsg (cmsg.c) ------------------------------------------------------ */

struct fc_cmsg_in {
	int have_sndrcv;
	struct sctp_sndrcvinfo sndrcv;
	int have_init;
	struct sctp_initmsg init;
};
/* Parse the control buffer of a sendmsg. 0 or EINVAL. */
int fc_cmsg_parse(const struct msghdr *msg, struct fc_cmsg_in *out);
/* Write one SCTP_SNDRCV item into msg's control buffer; sets msg_controllen
 * (0 and MSG_CTRUNC in msg_flags when it does not fit). */
void fc_cmsg_put_sndrcv(struct msghdr *msg, const struct sctp_sndrcvinfo *si);

/* ---- lcore side (lcore.c) ----------------------------------------------- */

void fc_lcore_exec(struct sctpdk_facade *f, struct fc_sock *s, struct fc_cmd *c, uint64_t now_us);

#endif
