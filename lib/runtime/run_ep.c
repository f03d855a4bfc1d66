/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Run-time endpoints: endpoints created while the stack runs, for sockets
 * bound (or implicitly given an ephemeral port) on a port that no
 * configured endpoint ([endpoint.N], cfg.eps[]) has.
 *
 * A fixed array of cfg.max_run_eps slots is made with the stack, each with
 * its inbound ring (packets with no known tag, handed to the owner), so
 * nothing is allocated by DPDK on an lcore. Opening takes a free slot on
 * the calling (owner) lcore, creates the engine state and publishes the
 * port in dyn_port[], which every RX lcore reads (ep_by_port). Closing
 * unpublishes the port at once and puts the slot's inbox on the owner's
 * deferred-free list with an RCU token, exactly like an association slot:
 * after every lcore passed a quiescent point no RX lcore can still hold
 * the endpoint from a lookup, and the slot goes back to the free ring.
 */
#include <stdio.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_error.h>

#include "rt_priv.h"

#define RUN_EP_INDEX0 SCTPDK_RT_MAX_EPS /* ep->index of slot 0 */

int
sctpdk_rt_dyn_create(struct sctpdk_stack *st)
{
	char name[RTE_RING_NAMESIZE];
	st->n_dyn = st->cfg.max_run_eps;
	if (st->n_dyn == 0)
		return 0;
	st->dyn = rte_zmalloc(NULL, sizeof(*st->dyn) * st->n_dyn, RTE_CACHE_LINE_SIZE);
	st->dyn_port = rte_zmalloc(NULL, sizeof(*st->dyn_port) * 65536, RTE_CACHE_LINE_SIZE);
	snprintf(name, sizeof(name), "%s_dynf", st->tag);
	st->dyn_free = rte_ring_create(name, rte_align32pow2(st->n_dyn + 1), SOCKET_ID_ANY, 0);
	if (st->dyn == NULL || st->dyn_port == NULL || st->dyn_free == NULL)
		return SCTPDK_ERR_NOMEM;
	for (unsigned k = 0; k < st->n_dyn; k++) {
		struct sctpdk_rt_ep *ep = &st->dyn[k];
		ep->st = st;
		ep->index = RUN_EP_INDEX0 + k;
		ep->dynamic = 1;
		ep->inbox.is_inbox = 1;
		ep->inbox.ep = ep;
		ep->inbox.slot = k;
		snprintf(name, sizeof(name), "%s_dep%u", st->tag, k);
		/* INIT, COOKIE ECHO and a handshake's packets only */
		ep->inbox.ring = rte_ring_create(name, st->cfg.assoc_ring_size, SOCKET_ID_ANY,
						 RING_F_SC_DEQ);
		if (ep->inbox.ring == NULL)
			return SCTPDK_ERR_NOMEM;
		rte_seqlock_init(&ep->inbox.snap_lock);
		rte_ring_enqueue(st->dyn_free, ep);
	}
	return 0;
}

static void
state_free(struct sctpdk_rt_ep *ep)
{
	if (ep->state != NULL)
		ep->st->eng->ep_del(ep->state);
	ep->state = NULL;
}

/* Control thread, lcores stopped. */
void
sctpdk_rt_dyn_free(struct sctpdk_stack *st)
{
	if (st->dyn != NULL)
		for (unsigned k = 0; k < st->n_dyn; k++) {
			struct sctpdk_rt_ep *ep = &st->dyn[k];
			state_free(ep);
			void *m;
			while (ep->inbox.ring != NULL && rte_ring_sc_dequeue(ep->inbox.ring, &m) == 0)
				rte_pktmbuf_free(m);
			rte_ring_free(ep->inbox.ring);
		}
	rte_free(st->dyn);
	rte_free(st->dyn_port);
	rte_ring_free(st->dyn_free);
	st->dyn = NULL;
	st->dyn_port = NULL;
	st->dyn_free = NULL;
	st->n_dyn = 0;
}

struct sctpdk_rt_ep *
sctpdk_rt_ep_by_port(struct sctpdk_stack *st, uint16_t lport)
{
	for (unsigned e = 0; e < st->n_eps; e++)
		if (st->eps[e].cfg.local_port == lport)
			return &st->eps[e];
	if (st->dyn_port == NULL)
		return NULL;
	uint16_t k = __atomic_load_n(&st->dyn_port[lport], __ATOMIC_ACQUIRE);
	return k != 0 ? &st->dyn[k - 1] : NULL;
}

struct sctpdk_rt_ep *
sctpdk_rt_ep_open(struct sctpdk_stack *st, uint16_t local_port, int listening, void *arg,
		  int *err)
{
	int self = sctpdk_rt_lcore_index(st);
	struct sctpdk_rt_ep *ep;
	if (self < 0) {
		*err = SCTPDK_ERR_STATE;
		return NULL;
	}
	if (local_port == 0) {
		*err = SCTPDK_ERR_INVAL;
		return NULL;
	}
	if (sctpdk_rt_ep_by_port(st, local_port) != NULL) {
		*err = SCTPDK_ERR_EXISTS;
		return NULL;
	}
	if (st->dyn_free == NULL || rte_ring_dequeue(st->dyn_free, (void **)&ep) != 0) {
		*err = SCTPDK_ERR_AGAIN;
		return NULL;
	}
	ep->cfg = (struct sctpdk_rt_ep_cfg){
	    .local_port = local_port, .listening = listening, .owner = (unsigned)self};
	ep->events = NULL;
	ep->events_dropped = 0;
	ep->inbox.owner = (unsigned)self;
	__atomic_store_n(&ep->inbox.ready, 0, __ATOMIC_RELAXED);
	int rc = st->eng->ep_new(ep, arg, &ep->state);
	if (rc != 0) {
		ep->state = NULL;
		rte_ring_enqueue(st->dyn_free, ep);
		*err = rc;
		return NULL;
	}
	__atomic_store_n(&ep->inbox.live, 1, __ATOMIC_RELEASE);
	uint16_t k = (uint16_t)(ep - st->dyn + 1);
	/* two lcores opening one port at once: the first publication wins
	 * (the facade never does that: it reserves ports process-wide) */
	uint16_t zero = 0;
	if (!__atomic_compare_exchange_n(&st->dyn_port[local_port], &zero, k, 0, __ATOMIC_RELEASE,
					 __ATOMIC_RELAXED)) {
		__atomic_store_n(&ep->inbox.live, 0, __ATOMIC_RELEASE);
		state_free(ep);
		rte_ring_enqueue(st->dyn_free, ep);
		*err = SCTPDK_ERR_EXISTS;
		return NULL;
	}
	*err = 0;
	return ep;
}

void
sctpdk_rt_ep_close(struct sctpdk_rt_ep *ep)
{
	struct sctpdk_stack *st = ep->st;
	if (!ep->dynamic || !__atomic_load_n(&ep->inbox.live, __ATOMIC_ACQUIRE))
		return;
	uint16_t k = (uint16_t)(ep - st->dyn + 1);
	uint16_t mine = k;
	__atomic_compare_exchange_n(&st->dyn_port[ep->cfg.local_port], &mine, 0, 0,
				    __ATOMIC_RELEASE, __ATOMIC_RELAXED);
	/* associations first: their slots are queued before the inbox, so
	 * they are reclaimed no later than the endpoint */
	for (uint32_t i = 0; i < st->n_slots; i++) {
		struct sctpdk_rt_assoc *a = &st->assocs[i];
		if (__atomic_load_n(&a->live, __ATOMIC_ACQUIRE) && a->ep == ep)
			sctpdk_rt_assoc_del(a);
	}
	__atomic_store_n(&ep->inbox.live, 0, __ATOMIC_RELEASE);
	/* only this lcore runs the engine of an endpoint without any-lcore
	 * input: free it now; otherwise RX lcores may still be inside it
	 * until the grace period ends */
	if (!st->eng->stateless_ep_input && st->eng->ep_input_any == NULL)
		state_free(ep);
	ep->inbox.del_token = rte_rcu_qsbr_start(st->rcu);
	int self = sctpdk_rt_lcore_index(st);
	if (self < 0) {
		sctpdk_rt_dyn_reclaim(ep);
		return;
	}
	struct sctpdk_rt_lcore *lc = &st->lc[self];
	if (lc->n_pending == RT_PENDING_MAX)
		sctpdk_rt_pending_run(lc, 1);
	lc->pending[lc->n_pending++] = &ep->inbox;
}

/* Grace period over (or lcores stopped), not on a ready ring. */
void
sctpdk_rt_dyn_reclaim(struct sctpdk_rt_ep *ep)
{
	struct sctpdk_stack *st = ep->st;
	void *m;
	state_free(ep);
	while (rte_ring_sc_dequeue(ep->inbox.ring, &m) == 0)
		rte_pktmbuf_free(m);
	__atomic_store_n(&ep->inbox.ready, 0, __ATOMIC_RELAXED);
	rte_ring_enqueue(st->dyn_free, ep);
}

int
sctpdk_rt_ep_dynamic(const struct sctpdk_rt_ep *ep)
{
	return ep->dynamic;
}
