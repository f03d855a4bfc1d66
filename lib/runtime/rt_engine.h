/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The narrow interface between the runtime and a protocol engine.
 *
 * The runtime owns lcores, ports, rings, the verification-tag table and
 * timers; the engine owns protocol state. One engine instance exists per
 * endpoint (local port). The runtime calls it:
 *
 *  - ep_input() for a packet whose verification tag is not in the table
 *    (INIT, OOTB, COOKIE ECHO before the association is known). If the
 *    ops say stateless_ep_input, this runs on the receiving lcore and must
 *    be thread-safe; otherwise the runtime first hands the packet to the
 *    endpoint's owner lcore through the endpoint's inbound ring.
 *  - assoc_input() for a packet whose tag was registered with
 *    sctpdk_rt_assoc_add(), always on that association's owner lcore.
 *  - command() for an application request, on the endpoint's owner lcore.
 *
 * Packets given to the engine start at the SCTP common header, CRC32c
 * verified; the engine owns them. The engine reaches back with the
 * sctpdk_rt_* services below, only from the lcore it was called on.
 *
 * The protocol core is wired in by engine_sctp.c; tests use doubles.
 */
#ifndef SCTPDK_RT_ENGINE_H
#define SCTPDK_RT_ENGINE_H

#include <stdint.h>
#include <sys/queue.h>

#include <sctpdk/sctpdk_icmp_event.h>
#include <sctpdk/sctpdk_runtime.h>

struct rte_mbuf;
struct sctpdk_rt_ep;
struct sctpdk_rt_assoc;

/* Application request, carried by the endpoint owner's command ring. */
enum sctpdk_rt_cmd_type {
	SCTPDK_RT_CMD_ASSOCIATE = 1,
	SCTPDK_RT_CMD_SEND,
	SCTPDK_RT_CMD_SHUTDOWN,
	SCTPDK_RT_CMD_ABORT,
};

struct sctpdk_rt_cmd {
	uint16_t type;
	uint16_t ep;
	uint32_t assoc_id;
	struct sctpdk_addr peer;
	uint16_t peer_port;
	uint16_t out_streams;
	uint16_t sid;
	uint32_t ppid;
	uint32_t flags;
	struct rte_mbuf *msg;
};

struct sctpdk_rt_engine_ops {
	const char *name;
	int stateless_ep_input; /* ep_input may run on any lcore */
	int fills_cksum;        /* output packets carry their CRC32c already */

	/* Create the engine state of endpoint ep (control thread, before the
	 * lcores run). 0 or a negative SCTPDK_ERR_*. */
	int (*ep_new)(struct sctpdk_rt_ep *ep, void *arg, void **state);
	/* Free it, with every association and packet it holds (control
	 * thread, lcores stopped). */
	void (*ep_del)(void *state);
	void (*ep_input)(void *state, struct rte_mbuf *m, const struct sctpdk_addr *src,
			 const struct sctpdk_addr *dst, uint64_t now_us);
	/* Optional (may be NULL), for engines whose ep_input is not
	 * stateless: answer what needs no endpoint state (an INIT) on
	 * whichever lcore received it, thread-safe. Returns 0 when it took m,
	 * 1 when m must go to ep_input on the owner (untouched). */
	int (*ep_input_any)(void *state, struct rte_mbuf *m, const struct sctpdk_addr *src,
			    const struct sctpdk_addr *dst, uint64_t now_us);
	void (*assoc_input)(void *state, struct sctpdk_rt_assoc *a, struct rte_mbuf *m,
			    const struct sctpdk_addr *src, const struct sctpdk_addr *dst,
			    uint64_t now_us);
	void (*command)(void *state, struct sctpdk_rt_cmd *cmd, uint64_t now_us);
	/* End of a batch of commands: the endpoint got commands since the
	 * last call (owner lcore, same iteration; may be NULL). Engines that
	 * hold sends back while a batch runs (bundling) transmit them here. */
	void (*command_end)(void *state, uint64_t now_us);
	/* An ICMP / ICMPv6 error about a packet this endpoint sent (its
	 * quoted source port is the endpoint's), on the endpoint's owner
	 * lcore (may be NULL: counted, dropped). */
	void (*icmp_input)(void *state, const struct sctpdk_icmp_event *ev, uint64_t now_us);
	/* Fill the engine's fields of an association snapshot (owner lcore). */
	void (*assoc_snapshot)(void *state, struct sctpdk_rt_assoc *a,
			       struct sctpdk_rt_assoc_info *info);
	/* Free the engine's per-association data when the runtime drops an
	 * association at stack free (may be NULL). */
	void (*assoc_release)(void *state, struct sctpdk_rt_assoc *a);
	/* The engine's own counters of an endpoint, any thread (may be NULL):
	 * up to cap names (static strings, the same list for every endpoint)
	 * and values; returns how many. */
	unsigned (*ep_counters)(const void *state, const char **names, uint64_t *values,
				unsigned cap);
};

/* ---- timers (per-lcore hashed wheel, see wheel.h) ------------------- */

struct sctpdk_rt_timer;
typedef void (*sctpdk_rt_timer_cb)(struct sctpdk_rt_timer *t, void *arg, uint64_t now_us);

struct sctpdk_rt_timer {
	TAILQ_ENTRY(sctpdk_rt_timer) link;
	uint64_t expiry_tick;
	sctpdk_rt_timer_cb cb;
	void *arg;
	void *wheel; /* the wheel it is armed on, NULL when idle */
};

/* ---- services for engines ------------------------------------------ */

/* The endpoint's index, local port, owner lcore index, stack. */
unsigned sctpdk_rt_ep_index(const struct sctpdk_rt_ep *ep);
uint16_t sctpdk_rt_ep_port(const struct sctpdk_rt_ep *ep);
const struct sctpdk_rt_ep_cfg *sctpdk_rt_ep_cfg(const struct sctpdk_rt_ep *ep);
const struct sctpdk_stack_config *sctpdk_rt_ep_stack_cfg(const struct sctpdk_rt_ep *ep);
struct rte_mempool *sctpdk_rt_ep_pool(const struct sctpdk_rt_ep *ep);
/* 1 when every port of the stack computes the SCTP CRC32c on TX. */
int sctpdk_rt_ep_tx_cksum_offload(const struct sctpdk_rt_ep *ep);
/* Do all the stack's ports transmit mbuf chains? */
int sctpdk_rt_ep_tx_multi_seg(const struct sctpdk_rt_ep *ep);
/* Index of the calling stack lcore (0..n_lcores-1), -1 if not one. */
int sctpdk_rt_self(const struct sctpdk_rt_ep *ep);
unsigned sctpdk_rt_n_lcores(const struct sctpdk_rt_ep *ep);
/* Microseconds of the stack clock (TSC-based, monotonic). */
uint64_t sctpdk_rt_now_us(const struct sctpdk_rt_ep *ep);
/* May the calling stack lcore send an out-of-the-blue answer now (the
 * stack's ootb_rate / ootb_burst, per lcore)? 1: yes (a token taken); 0:
 * no, counted in ootb_limited. 1 off the stack's lcores. */
int sctpdk_rt_ootb_allow(struct sctpdk_rt_ep *ep);

/* Queue one SCTP packet (common header first) for transmission from src to
 * dst on the calling lcore; it leaves with the next TX burst. The runtime
 * takes the mbuf in every case and counts failures. */
void sctpdk_rt_output(struct sctpdk_rt_ep *ep, struct rte_mbuf *m, const struct sctpdk_addr *src,
		      const struct sctpdk_addr *dst);

/*
 * Register an association under its local verification tag, owned by
 * stack lcore index owner. From then on packets with that tag to the
 * endpoint's port go to assoc_input() on the owner. Returns the runtime's
 * association or NULL (table full, tag in use: *err says which).
 */
struct sctpdk_rt_assoc *sctpdk_rt_assoc_add(struct sctpdk_rt_ep *ep, uint32_t assoc_id,
					    uint32_t local_vtag, unsigned owner, void *priv,
					    int *err);
/* Unregister (owner lcore). Packets still in its ring are dropped
 * (counted as stale); the slot is reused after every lcore has passed a
 * quiescent point. */
void sctpdk_rt_assoc_del(struct sctpdk_rt_assoc *a);
void *sctpdk_rt_assoc_priv(const struct sctpdk_rt_assoc *a);
uint32_t sctpdk_rt_assoc_id(const struct sctpdk_rt_assoc *a);
uint32_t sctpdk_rt_assoc_vtag(const struct sctpdk_rt_assoc *a);
unsigned sctpdk_rt_assoc_owner(const struct sctpdk_rt_assoc *a);
/* The engine accepted a message of bytes for a (owner lcore): counted in
 * the snapshot's sent_bytes, which the snapshot refreshes. */
void sctpdk_rt_assoc_sent(struct sctpdk_rt_assoc *a, uint32_t bytes);
/* Look up a registered association by id: on a stack lcore among those it
 * owns, from the control thread (lcores stopped) among all. O(1). */
struct sctpdk_rt_assoc *sctpdk_rt_assoc_find(struct sctpdk_rt_ep *ep, uint32_t assoc_id);

/*
 * Run-time endpoints (the socket facade, facade_glue.c). Open one on
 * local_port owned by the calling stack lcore: a free endpoint slot, the
 * engine's ep_new(ep, arg) (arg is the caller's, not cfg.engine_arg), and
 * the port published in the demux table, all on the calling lcore.
 * Returns NULL with *err: SCTPDK_ERR_EXISTS (a configured or run-time
 * endpoint has that port), SCTPDK_ERR_AGAIN (no free slot,
 * cfg.max_run_eps), SCTPDK_ERR_STATE (not a stack lcore), or the engine's
 * error. Such an endpoint has no event ring: its engine hands events to
 * whoever created it.
 */
struct sctpdk_rt_ep *sctpdk_rt_ep_open(struct sctpdk_stack *st, uint16_t local_port, int listening,
				       void *arg, int *err);
/* Close it on its owner lcore: the port leaves the demux table at once,
 * its associations are unregistered, the engine state is freed (at once,
 * or after the grace period when ep_input or ep_input_any may run on other
 * lcores) and the slot is reused after a grace period. */
void sctpdk_rt_ep_close(struct sctpdk_rt_ep *ep);
/* Is ep a run-time endpoint? */
int sctpdk_rt_ep_dynamic(const struct sctpdk_rt_ep *ep);

/* Timers on the calling lcore's wheel. */
void sctpdk_rt_timer_init(struct sctpdk_rt_timer *t, sctpdk_rt_timer_cb cb, void *arg);
void sctpdk_rt_timer_arm(struct sctpdk_rt_ep *ep, struct sctpdk_rt_timer *t, uint64_t expiry_us);
void sctpdk_rt_timer_cancel(struct sctpdk_rt_timer *t);

/* Deliver an event to the endpoint's application ring. The runtime takes
 * any mbuf in it (freed and counted when the ring is full). */
void sctpdk_rt_event_push(struct sctpdk_rt_ep *ep, const struct sctpdk_rt_event *ev);

/* Count chunks of one direction of a packet (SCTP header first). */
void sctpdk_rt_count_chunks(uint64_t *by_type, const struct rte_mbuf *m);

#endif
