/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The socket facade (lib/facade, sctpdk_socket() and friends) on the
 * runtime's stack lcores.
 *
 * The descriptor namespace is process-wide, like the kernel's, so there is
 * one facade per process, shared by every running stack that uses the
 * protocol core: the first sctpdk_stack_start() creates it, later stacks
 * join it (their lcores get the next facade lcore indexes, their addresses
 * become bindable), sctpdk_stack_free() of the last one frees it. This file
 * holds the one registry of those stacks, under a mutex.
 *
 * A socket's stack endpoint is the configured endpoint (cfg.eps[]) with
 * the socket's local port when there is one (attached: on that endpoint's
 * owner lcore, its events go to the facade instead of its event ring while
 * a socket uses it, and listen() switches the core's "listening" flag).
 * Any other port gets a run-time endpoint (run_ep.c) created on the lcore
 * ops->ep_lcore chose (round-robin over the stack's lcores), with the
 * socket's addresses and endpoint defaults, freed by ep_close when the
 * last socket and association on it are gone. The stack is the one that
 * owns the socket's first bound address (wildcard: the one configuring
 * the port, else the first stack that joined).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include <sctpdk/sctpdk_error.h>
#include <sctpdk/sctpdk_sctp.h>
#include <sctpdk/sctpdk_sctp_path.h>
#include <sctpdk/sctpdk_socket.h>

#include "sctpdk_facade.h"

#include "rt_fglue.h"
#include "rt_priv.h"

#define FG_STACKS 8

/* The facade's handle of a stack endpoint (its "sep"): the configured
 * ones are fixed in their stack's slot, run-time ones allocated by
 * ep_open and freed by ep_close. Linked on the owner lcore's list while a
 * socket uses it. */
struct fg_handle {
	struct sctpdk_stack *st; /* NULL once the stack is gone */
	struct sctpdk_rt_ep *ep;
	int dynamic;
	unsigned lc;
	struct fg_handle *next;
	/* owner lcore only: pool back-pressure, looked at every FG_POOL_EVERY
	 * sends (rte_mempool_avail_count walks every lcore cache) */
	unsigned pool_sends;
	int pool_low;
};

#define FG_POOL_EVERY 16

struct fg_stack {
	struct sctpdk_stack *st;
	unsigned base; /* facade lcore index of the stack's lcore 0 */
	unsigned rr;   /* next lcore for a run-time endpoint */
	struct fg_handle h[SCTPDK_RT_MAX_EPS];
};

struct fglue {
	struct sctpdk_facade *f;
	unsigned next_base;
	struct fg_stack stacks[FG_STACKS];
};

static pthread_mutex_t fg_mtx = PTHREAD_MUTEX_INITIALIZER;
static struct fglue *fg;

/* the stack lcore running on this thread (set by the poll loop) */
static __thread struct sctpdk_rt_lcore *fg_self;

static int
stack_has_addr(const struct sctpdk_stack *st, const struct sctpdk_addr *a)
{
	for (unsigned p = 0; p < st->cfg.n_ports; p++)
		for (unsigned i = 0; i < st->cfg.ports[p].n_addrs; i++)
			if (sctpdk_addr_eq(&st->cfg.ports[p].addrs[i], a))
				return 1;
	return 0;
}

/* ---- struct sctpdk_facade_stack_ops over the configured endpoints ------ */

static struct fg_stack *
stack_for(struct fglue *g, uint16_t port, const struct sctpdk_addr *addrs, unsigned n)
{
	struct fg_stack *first = NULL;
	for (unsigned k = 0; k < FG_STACKS; k++) {
		struct sctpdk_stack *st = g->stacks[k].st;
		if (st == NULL)
			continue;
		if (n > 0) {
			if (stack_has_addr(st, &addrs[0]))
				return &g->stacks[k];
			continue;
		}
		if (first == NULL)
			first = &g->stacks[k];
		for (unsigned e = 0; e < st->n_eps; e++)
			if (st->eps[e].cfg.local_port == port)
				return &g->stacks[k];
	}
	return first;
}

static int
o_ep_lcore(void *ctx, uint16_t port, const struct sctpdk_addr *addrs, unsigned n)
{
	struct fglue *g = ctx;
	int r = -1;
	pthread_mutex_lock(&fg_mtx);
	struct fg_stack *fs = stack_for(g, port, addrs, n);
	if (fs != NULL) {
		struct sctpdk_stack *st = fs->st;
		for (unsigned e = 0; e < st->n_eps && r < 0; e++)
			if (st->eps[e].cfg.local_port == port)
				r = (int)(fs->base + st->eps[e].cfg.owner);
		if (r < 0)
			r = (int)(fs->base + fs->rr++ % st->cfg.n_lcores);
	}
	pthread_mutex_unlock(&fg_mtx);
	return r;
}

static struct fg_stack *
slot_of(struct fglue *g, const struct sctpdk_stack *st)
{
	for (unsigned k = 0; k < FG_STACKS; k++)
		if (g->stacks[k].st == st)
			return &g->stacks[k];
	return NULL;
}

static void
link_handle(struct sctpdk_rt_lcore *lc, struct fg_handle *h)
{
	h->lc = lc->index;
	h->next = lc->fg_list;
	lc->fg_list = h;
}

static void
unlink_handle(struct fg_handle *h)
{
	struct fg_handle **pp = &h->st->lc[h->lc].fg_list;
	while (*pp != NULL && *pp != h)
		pp = &(*pp)->next;
	if (*pp == h)
		*pp = h->next;
	h->next = NULL;
}

static int
o_ep_open(void *ctx, struct sctpdk_facade_ep *fep, const struct sctpdk_facade_ep_params *p,
	  void **sep)
{
	struct sctpdk_rt_lcore *lc = fg_self;
	if (lc == NULL)
		return SCTPDK_ERR_STATE;
	struct sctpdk_stack *st = lc->st;
	/* the registry entry of a running stack does not change */
	struct fg_stack *fs = slot_of(ctx, st);
	if (fs == NULL)
		return SCTPDK_ERR_STATE;
	for (unsigned e = 0; e < st->n_eps; e++) {
		struct sctpdk_rt_ep *ep = &st->eps[e];
		if (ep->cfg.local_port != p->local_port)
			continue;
		if (ep->cfg.owner != lc->index)
			return SCTPDK_ERR_NOTFOUND;
		if (sctpdk_rt_core_fep(ep->state) != NULL)
			return SCTPDK_ERR_EXISTS;
		struct fg_handle *h = &fs->h[e];
		sctpdk_rt_core_attach(ep->state, fep);
		sctpdk_sctp_set_listening(sctpdk_rt_core_sctp(ep->state), p->listening);
		link_handle(lc, h);
		*sep = h;
		return 0;
	}
	struct fg_handle *h = calloc(1, sizeof(*h));
	if (h == NULL)
		return SCTPDK_ERR_NOMEM;
	int err;
	h->ep = sctpdk_rt_ep_open(st, p->local_port, p->listening, (void *)(uintptr_t)p, &err);
	if (h->ep == NULL) {
		free(h);
		return err == SCTPDK_ERR_AGAIN ? SCTPDK_ERR_NOMEM : err;
	}
	h->st = st;
	h->dynamic = 1;
	sctpdk_rt_core_attach(h->ep->state, fep);
	link_handle(lc, h);
	*sep = h;
	return 0;
}

static void *
state_of(void *sep)
{
	struct fg_handle *h = sep;
	return h->st != NULL ? h->ep->state : NULL;
}

static struct sctpdk_sctp_ep *
core_of(void *sep)
{
	void *s = state_of(sep);
	return s != NULL ? sctpdk_rt_core_sctp(s) : NULL;
}

static uint64_t
now_of(void *sep)
{
	return sctpdk_rt_clock_us(((struct fg_handle *)sep)->st);
}

/* Owner lcore, or the control thread with the lcores stopped. */
static void
o_ep_close(void *ctx, void *sep)
{
	struct fg_handle *h = sep;
	void *s = state_of(sep);
	if (s != NULL) {
		unlink_handle(h);
		sctpdk_rt_core_attach(s, NULL);
		if (h->dynamic) {
			sctpdk_rt_core_quiesce(s);
			sctpdk_rt_ep_close(h->ep);
		}
		else
			sctpdk_sctp_set_listening(sctpdk_rt_core_sctp(s), h->ep->cfg.listening);
	}
	if (h->dynamic)
		free(h);
}

/* sctp_bindx on an opened endpoint: the addresses this stack owns become
 * the core endpoint's list (new associations announce them). */
static int
o_ep_addrs(void *ctx, void *sep, const struct sctpdk_addr *addrs, unsigned n)
{
	struct sctpdk_sctp_ep *ep = core_of(sep);
	struct fg_handle *h = sep;
	if (ep == NULL)
		return SCTPDK_ERR_STATE;
	struct sctpdk_addr mine[SCTPDK_SCTP_MAX_ADDRS];
	unsigned k = 0;
	for (unsigned i = 0; i < n && k < SCTPDK_SCTP_MAX_ADDRS; i++)
		if (stack_has_addr(h->st, &addrs[i]))
			mine[k++] = addrs[i];
	return sctpdk_sctp_set_local_addrs(ep, mine, k);
}

static int
o_ep_listen(void *ctx, void *sep, int on)
{
	struct sctpdk_sctp_ep *ep = core_of(sep);
	if (ep == NULL)
		return SCTPDK_ERR_STATE;
	sctpdk_sctp_set_listening(ep, on);
	return 0;
}

static int64_t
o_associate(void *ctx, void *sep, const struct sctpdk_addr *peer, uint16_t port, uint16_t os,
	    uint16_t mis, uint16_t attempts, uint16_t timeo)
{
	struct sctpdk_sctp_ep *ep = core_of(sep);
	if (ep == NULL)
		return SCTPDK_ERR_STATE;
	return sctpdk_sctp_associate(ep, peer, port, os, now_of(sep));
}

static int
o_send(void *ctx, void *sep, uint32_t assoc, const struct sctpdk_facade_sndinfo *si,
       struct rte_mbuf *msg)
{
	struct sctpdk_sctp_ep *ep = core_of(sep);
	if (ep == NULL)
		return SCTPDK_ERR_STATE;
	/* back-pressure: queued small messages must not take the mbufs that
	 * reception, SACKs and retransmissions need; the facade keeps the
	 * message and retries */
	struct fg_handle *h = sep;
	struct rte_mempool *mp = h->st->pool;
	if (h->pool_sends++ % FG_POOL_EVERY == 0 || h->pool_low)
		h->pool_low = rte_mempool_avail_count(mp) < mp->size / 4;
	if (h->pool_low)
		return SCTPDK_ERR_AGAIN;
	uint32_t fl = (si->flags & SCTPDK_FACADE_SEND_UNORDERED) ? SCTPDK_SEND_UNORDERED : 0;
	/* bundled with the other sends of this poll; sctpdk_rt_fglue_poll's
	 * sctpdk_rt_core_after() transmits them */
	return sctpdk_rt_core_send(state_of(sep), assoc, si->sid, si->ppid, fl, si->ttl_ms,
				   si->context, msg, now_of(sep));
}

static int
o_shutdown(void *ctx, void *sep, uint32_t assoc)
{
	struct sctpdk_sctp_ep *ep = core_of(sep);
	return ep == NULL ? SCTPDK_ERR_STATE : sctpdk_sctp_shutdown(ep, assoc, now_of(sep));
}

static int
o_abort(void *ctx, void *sep, uint32_t assoc)
{
	struct sctpdk_sctp_ep *ep = core_of(sep);
	return ep == NULL ? SCTPDK_ERR_STATE
			  : sctpdk_sctp_abort(ep, assoc, NULL, 0, now_of(sep));
}

static int
state_to_api(int s)
{
	static const int st[] = {SCTP_CLOSED,
				 SCTP_COOKIE_WAIT,
				 SCTP_COOKIE_ECHOED,
				 SCTP_ESTABLISHED,
				 SCTP_SHUTDOWN_PENDING,
				 SCTP_SHUTDOWN_SENT,
				 SCTP_SHUTDOWN_RECEIVED,
				 SCTP_SHUTDOWN_ACK_SENT};
	return s >= 0 && s < (int)RTE_DIM(st) ? st[s] : SCTP_CLOSED;
}

static int
o_assoc_info(void *ctx, void *sep, uint32_t assoc, struct sctpdk_facade_assoc_info *i)
{
	struct sctpdk_sctp_ep *ep = core_of(sep);
	struct sctpdk_sctp_assoc_info in;
	struct sctpdk_sctp_assoc_params pp;
	if (ep == NULL)
		return SCTPDK_ERR_STATE;
	int r = sctpdk_sctp_assoc_info(ep, assoc, &in);
	if (r == 0)
		r = sctpdk_sctp_get_params(ep, assoc, &pp);
	if (r != 0)
		return r;
	struct fg_handle *h = sep;
	const struct sctpdk_stack_config *sc = &h->st->cfg;
	memset(i, 0, sizeof(*i));
	i->state = state_to_api(in.state);
	i->peer_port = in.peer_port;
	i->n_peer_addrs = in.n_peer_addrs < SCTPDK_FACADE_MAX_ADDRS ? in.n_peer_addrs
								    : SCTPDK_FACADE_MAX_ADDRS;
	memcpy(i->peer_addrs, in.peer_addrs, sizeof(in.peer_addrs[0]) * i->n_peer_addrs);
	i->mtu = sc->ports[0].mtu ? sc->ports[0].mtu : 1500;
	i->rto_ms = in.rto_us / 1000;
	/* per destination: reachability, transfer values and heartbeat
	 * parameters, our primary; SCTP_STATUS's transfer values are the
	 * primary's */
	for (unsigned k = 0; k < i->n_peer_addrs; k++) {
		struct sctpdk_sctp_path_info pi;
		struct sctpdk_facade_path *fp = &i->path[k];
		i->path_state[k] = SCTP_ACTIVE;
		fp->mtu = i->mtu;
		fp->rto_ms = i->rto_ms;
		fp->hb_interval_ms = pp.hb_interval_ms;
		fp->path_max_retrans = (uint16_t)pp.path_max_retrans;
		int pr = sctpdk_sctp_path_info(ep, assoc, k, &pi);
		if (pr != 0 && pr != SCTPDK_ERR_STATE)
			continue;
		i->path_state[k] = pi.active ? SCTP_ACTIVE : SCTP_INACTIVE;
		fp->hb_interval_ms = pi.hb_interval_ms;
		fp->path_max_retrans = (uint16_t)pi.path_max_retrans;
		if (pr != 0)
			continue;
		fp->cwnd = pi.cwnd;
		fp->srtt_ms = (uint32_t)(pi.srtt_us / 1000);
		if (pi.rto_us != 0)
			fp->rto_ms = (uint32_t)(pi.rto_us / 1000);
		if (pi.mtu != 0)
			fp->mtu = pi.mtu;
		if (!pi.primary)
			continue;
		i->primary = (uint16_t)k;
		i->cwnd = pi.cwnd;
		i->srtt_ms = (uint32_t)(pi.srtt_us / 1000);
		if (pi.rto_us != 0)
			i->rto_ms = (uint32_t)(pi.rto_us / 1000);
		if (pi.mtu != 0)
			i->mtu = pi.mtu;
	}
	i->in_streams = in.in_streams;
	i->out_streams = in.out_streams;
	i->peer_rwnd = in.peer_rwnd;
	i->local_rwnd = pp.rwnd_bytes;
	i->rto_initial_ms = pp.rto_initial_us / 1000;
	i->rto_min_ms = pp.rto_min_us / 1000;
	i->rto_max_ms = pp.rto_max_us / 1000;
	i->max_retrans = pp.max_retrans;
	i->cookie_life_ms = pp.cookie_life_us / 1000;
	i->hb_interval_ms = pp.hb_interval_ms;
	i->path_max_retrans = (uint16_t)pp.path_max_retrans;
	i->autoclose_s = pp.autoclose_s;
	i->sndbuf_bytes = pp.sndbuf_bytes;
	i->nodelay = pp.nodelay;
	i->disable_frag = pp.disable_fragments;
	return 0;
}

static uint32_t
ms_us(uint32_t ms)
{
	return ms > UINT32_MAX / 1000u ? UINT32_MAX : ms * 1000u;
}

/* Live association parameters (section 7) through the core's setters. */
static int
o_assoc_set(void *ctx, void *sep, uint32_t assoc, uint32_t mask,
	    const struct sctpdk_facade_assoc_info *i)
{
	struct sctpdk_sctp_ep *ep = core_of(sep);
	if (ep == NULL)
		return SCTPDK_ERR_STATE;
	uint64_t now = now_of(sep);
	struct sctpdk_sctp_assoc_info in;
	int r = sctpdk_sctp_assoc_info(ep, assoc, &in);
	if (r == 0 && (mask & SCTPDK_FACADE_SET_RTO))
		r = sctpdk_sctp_set_rtoinfo(ep, assoc, ms_us(i->rto_initial_ms),
					    ms_us(i->rto_min_ms), ms_us(i->rto_max_ms));
	if (r == 0 && (mask & SCTPDK_FACADE_SET_MAXRXT))
		r = sctpdk_sctp_set_max_retrans(ep, assoc, i->max_retrans);
	/* the cookie life is the endpoint's: the cookies it issues */
	if (r == 0 && (mask & SCTPDK_FACADE_SET_COOKIE_LIFE))
		r = sctpdk_sctp_set_cookie_life(ep, ms_us(i->cookie_life_ms));
	if (r == 0 && (mask & (SCTPDK_FACADE_SET_HB | SCTPDK_FACADE_SET_PATHMAXRXT))) {
		/* one peer address (set_path k + 1) or all of them */
		int k = (int)i->set_path - 1;
		if (k >= SCTPDK_FACADE_MAX_ADDRS)
			return SCTPDK_ERR_INVAL;
		uint32_t hb = k < 0 ? i->hb_interval_ms : i->path[k].hb_interval_ms;
		uint32_t pmr = k < 0 ? i->path_max_retrans : i->path[k].path_max_retrans;
		r = sctpdk_sctp_set_path_params(
		    ep, assoc, k, (mask & SCTPDK_FACADE_SET_HB) ? hb : SCTPDK_PATH_KEEP,
		    (mask & SCTPDK_FACADE_SET_PATHMAXRXT) ? pmr : SCTPDK_PATH_KEEP, now);
	}
	if (r == 0 && (mask & SCTPDK_FACADE_SET_PRIMARY))
		r = i->primary < in.n_peer_addrs
			? sctpdk_sctp_set_primary(ep, assoc, &in.peer_addrs[i->primary], now)
			: SCTPDK_ERR_INVAL;
	if (r == 0 && (mask & SCTPDK_FACADE_SET_NODELAY))
		r = sctpdk_sctp_set_nodelay(ep, assoc, i->nodelay);
	if (r == 0 && (mask & SCTPDK_FACADE_SET_FRAG))
		r = sctpdk_sctp_set_disable_fragments(ep, assoc, i->disable_frag);
	if (r == 0 && (mask & SCTPDK_FACADE_SET_AUTOCLOSE))
		r = sctpdk_sctp_set_autoclose(ep, assoc, i->autoclose_s, now);
	if (r == 0 && (mask & SCTPDK_FACADE_SET_SNDBUF))
		r = sctpdk_sctp_set_sndbuf(ep, assoc, i->sndbuf_bytes);
	return r;
}

/* ---- core events -> facade events ---------------------------------------- */

void
sctpdk_rt_fglue_event(struct sctpdk_facade_ep *fep, const struct sctpdk_sctp_ep *ep,
		      struct sctpdk_sctp_event *ev)
{
	struct sctpdk_facade_event f;
	memset(&f, 0, sizeof(f));
	f.assoc_id = ev->assoc_id;
	switch (ev->type) {
	case SCTPDK_EV_DATA:
		f.type = SCTPDK_FACADE_EV_DATA;
		f.u.data.sid = ev->u.data.sid;
		f.u.data.ssn = ev->u.data.ssn;
		f.u.data.flags =
		    (ev->u.data.flags & SCTPDK_MSG_UNORDERED) ? SCTPDK_FACADE_SEND_UNORDERED : 0;
		f.u.data.ppid = ev->u.data.ppid;
		f.u.data.tsn = ev->u.data.tsn;
		f.u.data.msg = ev->u.data.msg;
		break;
	case SCTPDK_EV_ASSOC_CHANGE: {
		f.type = SCTPDK_FACADE_EV_ASSOC_CHANGE;
		/* both enums count COMM_UP .. CANT_STR_ASSOC in the same order */
		f.u.assoc_change.state =
		    (uint16_t)(ev->u.assoc_change.state - SCTPDK_COMM_UP + SCTP_COMM_UP);
		f.u.assoc_change.error = ev->u.assoc_change.error;
		/* a peer ABORT (a non-listening endpoint's has no cause) or a
		 * local abort with a cause; without either, a retransmission
		 * limit ran out */
		if (ev->u.assoc_change.peer_abort || ev->u.assoc_change.error != 0)
			f.u.assoc_change.reason = SCTPDK_FACADE_REASON_PEER_ABORT;
		else if (ev->u.assoc_change.state == SCTPDK_COMM_LOST ||
			 ev->u.assoc_change.state == SCTPDK_CANT_STR_ASSOC)
			f.u.assoc_change.reason = SCTPDK_FACADE_REASON_TIMEOUT;
		f.u.assoc_change.out_streams = ev->u.assoc_change.out_streams;
		f.u.assoc_change.in_streams = ev->u.assoc_change.in_streams;
		struct sctpdk_sctp_assoc_info in;
		if (sctpdk_sctp_assoc_info(ep, ev->assoc_id, &in) == 0 && in.n_peer_addrs > 0) {
			f.u.assoc_change.peer = in.peer_addrs[0];
			f.u.assoc_change.peer_port = in.peer_port;
		}
		break;
	}
	case SCTPDK_EV_SHUTDOWN:
		f.type = SCTPDK_FACADE_EV_SHUTDOWN;
		break;
	case SCTPDK_EV_REMOTE_ERROR:
		f.type = SCTPDK_FACADE_EV_REMOTE_ERROR;
		f.u.remote_error.cause = ev->u.remote_error.cause;
		f.u.remote_error.tlv = ev->u.remote_error.tlv;
		break;
	case SCTPDK_EV_ADAPTATION:
		f.type = SCTPDK_FACADE_EV_ADAPTATION;
		f.u.adaptation.bits = ev->u.adaptation.bits;
		break;
	case SCTPDK_EV_SEND_FAILED:
		f.type = SCTPDK_FACADE_EV_SEND_FAILED;
		f.u.send_failed.flags = (ev->u.send_failed.flags & SCTPDK_DATA_SENT)
					    ? SCTP_DATA_SENT
					    : SCTP_DATA_UNSENT;
		f.u.send_failed.sid = ev->u.send_failed.sid;
		f.u.send_failed.ppid = ev->u.send_failed.ppid;
		f.u.send_failed.context = ev->u.send_failed.context;
		f.u.send_failed.error = ev->u.send_failed.error;
		f.u.send_failed.msg = ev->u.send_failed.msg;
		break;
	default:
		sctpdk_sctp_event_release(ev);
		return;
	}
	sctpdk_facade_deliver(fep, &f);
}

/* ---- lcore side ------------------------------------------------------------ */

unsigned
sctpdk_rt_fglue_poll(struct sctpdk_rt_lcore *lc, uint64_t now_us)
{
	fg_self = lc;
	unsigned w = sctpdk_facade_lcore_poll(lc->fc, lc->fc_index, now_us);
	/* what the commands made the core do (events out, timers re-armed),
	 * and events that waited for room at their socket */
	for (struct fg_handle *h = lc->fg_list; h != NULL; h = h->next)
		if (w != 0 || sctpdk_rt_core_has_held(h->ep->state))
			sctpdk_rt_core_after(h->ep->state);
	/* one wake-up per socket for everything delivered this iteration */
	sctpdk_facade_lcore_flush(lc->fc, lc->fc_index);
	return w;
}

/* ---- control side -------------------------------------------------------- */

static struct sctpdk_facade *
create(struct fglue *g, struct sctpdk_stack *st)
{
	struct sctpdk_facade_config cfg;
	sctpdk_facade_config_default(&cfg);
	snprintf(cfg.name, sizeof(cfg.name), "sctpdk_sockets");
	cfg.n_lcores = SCTPDK_FACADE_MAX_LCORES;
	cfg.pool = st->pool;
	cfg.big_pool = st->big_pool;
	cfg.pmtu = st->cfg.ports[0].mtu ? st->cfg.ports[0].mtu : 1500;
	cfg.ops = (struct sctpdk_facade_stack_ops){
	    .ep_open = o_ep_open,
	    .ep_close = o_ep_close,
	    .ep_listen = o_ep_listen,
	    .ep_addrs = o_ep_addrs,
	    .associate = o_associate,
	    .send = o_send,
	    .shutdown = o_shutdown,
	    .abort = o_abort,
	    .assoc_info = o_assoc_info,
	    .assoc_set = o_assoc_set,
	    .ep_lcore = o_ep_lcore,
	    .ctx = g,
	};
	int err;
	struct sctpdk_facade *f = sctpdk_facade_create(&cfg, &err);
	if (f == NULL)
		RT_LOG(WARNING, "socket facade not created: %d", err);
	return f;
}

void
sctpdk_rt_fglue_attach(struct sctpdk_stack *st)
{
	if (st->eng != sctpdk_rt_engine_core() || st->fc_joined)
		return;
	pthread_mutex_lock(&fg_mtx);
	if (fg == NULL) {
		fg = calloc(1, sizeof(*fg));
		if (fg != NULL && (fg->f = create(fg, st)) == NULL) {
			free(fg);
			fg = NULL;
		}
	}
	struct fg_stack *slot = NULL;
	for (unsigned k = 0; fg != NULL && k < FG_STACKS && slot == NULL; k++)
		if (fg->stacks[k].st == NULL)
			slot = &fg->stacks[k];
	if (slot == NULL || fg->next_base + st->cfg.n_lcores > SCTPDK_FACADE_MAX_LCORES) {
		RT_LOG(WARNING, "stack %s: no room in the socket facade", st->cfg.name);
		pthread_mutex_unlock(&fg_mtx);
		return;
	}
	for (unsigned p = 0; p < st->cfg.n_ports; p++)
		if (sctpdk_facade_add_addrs(fg->f, st->cfg.ports[p].addrs,
					    st->cfg.ports[p].n_addrs) != 0)
			RT_LOG(WARNING, "stack %s: too many addresses for sockets", st->cfg.name);
	slot->base = fg->next_base;
	fg->next_base += st->cfg.n_lcores;
	for (unsigned e = 0; e < SCTPDK_RT_MAX_EPS; e++)
		slot->h[e] = (struct fg_handle){.st = st, .ep = &st->eps[e]};
	slot->rr = 0;
	slot->st = st;
	for (unsigned i = 0; i < st->cfg.n_lcores; i++)
		st->lc[i].fg_list = NULL;
	for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
		st->lc[i].fc = fg->f;
		st->lc[i].fc_index = slot->base + i;
	}
	st->fc_joined = 1;
	pthread_mutex_unlock(&fg_mtx);
}

void
sctpdk_rt_fglue_detach(struct sctpdk_stack *st)
{
	if (!st->fc_joined)
		return;
	pthread_mutex_lock(&fg_mtx);
	unsigned left = 0;
	for (unsigned k = 0; k < FG_STACKS; k++) {
		struct fg_stack *s = &fg->stacks[k];
		if (s->st == st) {
			/* the last stack: sockets still open are torn down
			 * while its endpoints exist */
			unsigned others = 0;
			for (unsigned j = 0; j < FG_STACKS; j++)
				others += fg->stacks[j].st != NULL && j != k;
			if (others == 0)
				sctpdk_facade_free(fg->f);
			/* handles sockets still hold lead nowhere from now on */
			for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
				struct fg_handle *h = st->lc[i].fg_list;
				for (; h != NULL; h = h->next)
					h->st = NULL;
				st->lc[i].fg_list = NULL;
			}
			for (unsigned e = 0; e < SCTPDK_RT_MAX_EPS; e++)
				s->h[e].st = NULL;
			s->st = NULL;
		}
		left += s->st != NULL;
	}
	if (left == 0) {
		free(fg);
		fg = NULL;
	}
	for (unsigned i = 0; i < st->cfg.n_lcores; i++)
		st->lc[i].fc = NULL;
	st->fc_joined = 0;
	pthread_mutex_unlock(&fg_mtx);
}

void
sctpdk_rt_fglue_stopped(struct sctpdk_stack *st)
{
	if (st->fc_joined)
		sctpdk_facade_mbuf_flush();
}
