/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Lcore side of the facade: executes socket commands against the stack
 * (struct sctpdk_facade_stack_ops) and routes the stack's events to
 * sockets. Runs only on the stack lcore that owns the sockets concerned;
 * the only shared-memory writes application threads can observe are ring
 * enqueues, association entries (under the socket's alock), atomics and
 * the control result, each followed by fc_signal().
 */
#include <errno.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_mbuf.h>

#include <sctpdk/sctpdk_error.h>

#include "facade_int.h"

#define CMD_BUDGET        64 /* commands per socket per poll */
#define AUTOCLOSE_SCAN_US 100000

/* ---- stack association id -> (socket, entry) map ------------------- */

#define MAP_DEL UINT32_MAX

static uint32_t
hash32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

static struct fc_map *
map_find(const struct sctpdk_facade_ep *fep, uint32_t id)
{
	uint32_t mask = fep->map_cap - 1;
	for (uint32_t i = hash32(id) & mask, n = 0; n < fep->map_cap; i = (i + 1) & mask, n++) {
		struct fc_map *e = &fep->map[i];
		if (e->stack_id == id)
			return e;
		if (e->stack_id == 0)
			return NULL;
	}
	return NULL;
}

static int map_put(struct sctpdk_facade_ep *fep, uint32_t id, uint32_t sock, uint32_t slot);

static int
map_grow(struct sctpdk_facade_ep *fep)
{
	uint32_t cap = fep->map_used * 4 > fep->map_cap ? fep->map_cap * 2 : fep->map_cap;
	struct fc_map *old = fep->map;
	uint32_t ocap = fep->map_cap;
	struct fc_map *nm = rte_zmalloc("sctpdk_fc_map", sizeof(*nm) * cap, 0);
	if (nm == NULL)
		return -1;
	fep->map = nm;
	fep->map_cap = cap;
	fep->map_used = 0;
	fep->map_tombs = 0;
	for (uint32_t i = 0; i < ocap; i++)
		if (old[i].stack_id != 0 && old[i].stack_id != MAP_DEL)
			map_put(fep, old[i].stack_id, old[i].sock, old[i].slot);
	rte_free(old);
	return 0;
}

static int
map_put(struct sctpdk_facade_ep *fep, uint32_t id, uint32_t sock, uint32_t slot)
{
	if ((fep->map_used + fep->map_tombs + 1) * 4 > fep->map_cap * 3 && map_grow(fep) != 0)
		return -1;
	uint32_t mask = fep->map_cap - 1;
	for (uint32_t i = hash32(id) & mask;; i = (i + 1) & mask) {
		struct fc_map *e = &fep->map[i];
		if (e->stack_id == 0 || e->stack_id == MAP_DEL) {
			if (e->stack_id == MAP_DEL)
				fep->map_tombs--;
			e->stack_id = id;
			e->sock = sock;
			e->slot = slot;
			fep->map_used++;
			return 0;
		}
	}
}

static void
map_del(struct sctpdk_facade_ep *fep, struct fc_map *e)
{
	e->stack_id = MAP_DEL;
	fep->map_used--;
	fep->map_tombs++;
}

/* ---- helpers ------------------------------------------------------------ */

static void
retry_add(struct sctpdk_facade *f, struct fc_sock *s)
{
	if (s->lc_listed)
		return;
	s->lc_listed = 1;
	s->lc_next = f->lc[s->owner].retry_head;
	f->lc[s->owner].retry_head = s->idx;
}

static void
retry_remove(struct sctpdk_facade *f, struct fc_sock *s)
{
	if (!s->lc_listed)
		return;
	uint32_t *pp = &f->lc[s->owner].retry_head;
	while (*pp != FC_NONE) {
		if (*pp == s->idx) {
			*pp = s->lc_next;
			break;
		}
		pp = &f->socks[*pp].lc_next;
	}
	s->lc_listed = 0;
	s->lc_next = FC_NONE;
}

/* Deliveries are signalled once per socket per lcore iteration, not once
 * per message: the socket goes on its owner's list, and
 * sctpdk_facade_lcore_flush() (end of the runtime's iteration, start of
 * every sctpdk_facade_lcore_poll) signals each listed socket once. */
static void
signal_later(struct sctpdk_facade *f, struct fc_sock *s)
{
	if (s->sig_listed)
		return;
	struct fc_lcore *L = &f->lc[s->owner];
	s->sig_listed = 1;
	s->sig_next = L->sig_head;
	L->sig_head = s->idx;
}

void
sctpdk_facade_lcore_flush(struct sctpdk_facade *f, unsigned lcore)
{
	if (lcore >= f->cfg.n_lcores)
		return;
	struct fc_lcore *L = &f->lc[lcore];
	while (L->sig_head != FC_NONE) {
		struct fc_sock *s = &f->socks[L->sig_head];
		L->sig_head = s->sig_next;
		s->sig_next = FC_NONE;
		s->sig_listed = 0;
		fc_signal(s);
	}
}

/* SO_SNDBUF accounting: bytes the stack took are given back to senders
 * once per drain of the socket (tx_flush), not once per message. */
static void
tx_release(struct fc_sock *s, uint32_t len)
{
	s->lc_rel += len;
}

static void
tx_flush(struct fc_sock *s, int ran)
{
	if (s->lc_rel != 0) {
		__atomic_sub_fetch(&s->snd_queued, s->lc_rel, __ATOMIC_ACQ_REL);
		s->lc_rel = 0;
		ran = 1;
	}
	if (ran && __atomic_load_n(&s->want_out, __ATOMIC_SEQ_CST) &&
	    __atomic_exchange_n(&s->want_out, 0, __ATOMIC_SEQ_CST))
		fc_signal(s); /* buffer or ring room for blocked senders */
}

static void
dlv_push(struct sctpdk_facade *f, struct fc_sock *s, struct fc_dlv *d)
{
	if (rte_ring_empty(s->ovf) && rte_ring_sp_enqueue_elem(s->dlv, d, sizeof(*d)) == 0) {
		signal_later(f, s);
		return;
	}
	if (rte_ring_sp_enqueue_elem(s->ovf, d, sizeof(*d)) != 0) {
		fc_dlv_free(d);
		__atomic_add_fetch(&f->stats.dlv_dropped, 1, __ATOMIC_RELAXED);
		return;
	}
	__atomic_add_fetch(&f->stats.dlv_overflow, 1, __ATOMIC_RELAXED);
	retry_add(f, s);
}

/* Queue a notification (header bytes, optional tail chain) for entry slot
 * of s. Takes tail in every case. */
static void
notify(struct sctpdk_facade *f, struct fc_sock *s, uint32_t slot, int32_t fid, const void *hdr,
       uint32_t len, struct rte_mbuf *tail)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(f->cfg.pool);
	char *p = m != NULL ? rte_pktmbuf_append(m, (uint16_t)len) : NULL;
	if (p == NULL) {
		rte_pktmbuf_free(m);
		rte_pktmbuf_free(tail);
		__atomic_add_fetch(&f->stats.dlv_dropped, 1, __ATOMIC_RELAXED);
		return;
	}
	memcpy(p, hdr, len);
	if (tail != NULL && rte_pktmbuf_chain(m, tail) != 0)
		rte_pktmbuf_free(tail); /* too many segments: header only */
	struct fc_dlv d = {.m = m,
			   .len = rte_pktmbuf_pkt_len(m),
			   .kind = FC_DLV_NOTIFICATION,
			   .assoc = fid,
			   .slot = slot};
	/* sn_length covers what is actually delivered */
	uint32_t total = d.len;
	memcpy(rte_pktmbuf_mtod_offset(m, char *, 4), &total, sizeof(total));
	dlv_push(f, s, &d);
}

static void
send_failed(struct sctpdk_facade *f, struct fc_sock *s, const struct fc_cmd *c, int err,
	    struct rte_mbuf *m)
{
	if (!s->ev.sctp_send_failure_event) {
		rte_pktmbuf_free(m);
		return;
	}
	struct sctp_send_failed n;
	memset(&n, 0, sizeof(n));
	n.ssf_type = SCTP_SEND_FAILED;
	n.ssf_flags = SCTP_DATA_UNSENT;
	n.ssf_error = (uint32_t)err;
	n.ssf_info.sinfo_stream = c->si.sid;
	n.ssf_info.sinfo_ppid = c->si.ppid;
	n.ssf_info.sinfo_context = c->si.context;
	n.ssf_info.sinfo_timetolive = c->si.ttl_ms;
	n.ssf_info.sinfo_assoc_id = c->assoc;
	n.ssf_assoc_id = c->assoc;
	notify(f, s, c->slot, c->assoc, &n, sizeof(n), m);
}

static struct fc_assoc *
entry_of(struct fc_sock *s, const struct fc_cmd *c)
{
	if (c->slot >= s->assoc_cap || s->assocs[c->slot].id != c->assoc)
		return NULL;
	return &s->assocs[c->slot];
}

static void
entry_close(struct fc_sock *s, struct fc_assoc *e, int err)
{
	rte_spinlock_lock(&s->alock);
	int was_setup = e->state == FA_SETUP;
	e->state = FA_CLOSED;
	e->err = err;
	e->stack_id = 0;
	rte_spinlock_unlock(&s->alock);
	if (was_setup && err != 0 && fc_one_to_one(s))
		__atomic_store_n(&s->so_error, err, __ATOMIC_RELEASE);
}

static void
ep_params(const struct fc_sock *s, struct sctpdk_facade_ep_params *p)
{
	memset(p, 0, sizeof(*p));
	p->local_port = s->port;
	p->n_addrs = s->n_laddrs;
	memcpy(p->addrs, s->laddrs, sizeof(p->addrs));
	p->listening = s->listening;
	p->out_streams = s->initmsg.sinit_num_ostreams;
	p->max_in_streams = s->initmsg.sinit_max_instreams;
	p->max_init_retrans = s->initmsg.sinit_max_attempts;
	p->max_init_timeo_ms = s->initmsg.sinit_max_init_timeo;
	p->rto_initial_ms = s->rto.srto_initial;
	p->rto_max_ms = s->rto.srto_max;
	p->rto_min_ms = s->rto.srto_min;
	p->max_retrans = s->ap.sasoc_asocmaxrxt;
	p->cookie_life_ms = s->ap.sasoc_cookie_life;
	p->hb_interval_ms = s->hb_interval_ms;
	p->path_max_retrans = s->path_max_retrans;
	p->nodelay = s->nodelay;
	p->send_adaptation = s->adapt_set;
	p->adaptation_bits = s->adapt_ind;
	p->rcvbuf_bytes = (uint32_t)s->rcvbuf;
	p->autoclose_s = fc_one_to_one(s) ? 0 : (uint32_t)s->autoclose;
	p->disable_frag = s->disable_frag;
	p->sndbuf_bytes = (uint32_t)s->sndbuf;
	p->set_mask = s->dflt_set;
}

/* Section 7 rule c: endpoint defaults the application set apply to every
 * future association, also when they were changed after the stack
 * endpoint was opened; the others stay the stack's. */
#define DFLT_ASSOC_MASK                                                                            \
	(SCTPDK_FACADE_SET_RTO | SCTPDK_FACADE_SET_MAXRXT | SCTPDK_FACADE_SET_COOKIE_LIFE |        \
	 SCTPDK_FACADE_SET_HB | SCTPDK_FACADE_SET_PATHMAXRXT | SCTPDK_FACADE_SET_NODELAY |         \
	 SCTPDK_FACADE_SET_FRAG | SCTPDK_FACADE_SET_AUTOCLOSE | SCTPDK_FACADE_SET_SNDBUF)

static void
apply_defaults(struct sctpdk_facade *f, const struct fc_sock *s, void *sep, uint32_t id)
{
	const struct sctpdk_facade_stack_ops *ops = &f->cfg.ops;
	uint32_t mask = s->dflt_set & DFLT_ASSOC_MASK;
	if (ops->assoc_set == NULL || mask == 0)
		return;
	struct sctpdk_facade_assoc_info i;
	memset(&i, 0, sizeof(i));
	i.rto_initial_ms = s->rto.srto_initial;
	i.rto_max_ms = s->rto.srto_max;
	i.rto_min_ms = s->rto.srto_min;
	i.max_retrans = s->ap.sasoc_asocmaxrxt;
	i.cookie_life_ms = s->ap.sasoc_cookie_life;
	i.hb_interval_ms = s->hb_interval_ms;
	i.path_max_retrans = s->path_max_retrans;
	i.nodelay = s->nodelay;
	i.disable_frag = s->disable_frag;
	i.autoclose_s = (uint32_t)s->autoclose;
	i.sndbuf_bytes = (uint32_t)s->sndbuf;
	ops->assoc_set(ops->ctx, sep, id, mask, &i);
}

/* ---- commands ----------------------------------------------------------- */

static int
cmd_ep_open(struct sctpdk_facade *f, struct fc_sock *s)
{
	if (s->fep != NULL)
		return 0;
	const struct sctpdk_facade_stack_ops *ops = &f->cfg.ops;
	struct sctpdk_facade_ep *fep = rte_zmalloc("sctpdk_fc_ep", sizeof(*fep), 0);
	if (fep == NULL)
		return SCTPDK_ERR_NOMEM;
	uint32_t cap = 16;
	while (cap < 2 * (f->cfg.max_assocs + f->cfg.max_sockets))
		cap <<= 1;
	fep->map = rte_zmalloc("sctpdk_fc_map", sizeof(*fep->map) * cap, 0);
	if (fep->map == NULL) {
		rte_free(fep);
		return SCTPDK_ERR_NOMEM;
	}
	fep->map_cap = cap;
	fep->f = f;
	fep->main_sock = s->idx;
	fep->style = s->style;
	fep->n_socks = 1;
	fep->lcore = s->owner;
	struct sctpdk_facade_ep_params p;
	ep_params(s, &p);
	int r = ops->ep_open(ops->ctx, fep, &p, &fep->sep);
	if (r != 0) {
		rte_free(fep->map);
		rte_free(fep);
		return r;
	}
	s->fep = fep;
	return 0;
}

static void
cmd_connect(struct sctpdk_facade *f, struct fc_sock *s, struct fc_cmd *c, uint64_t now_us)
{
	const struct sctpdk_facade_stack_ops *ops = &f->cfg.ops;
	struct fc_assoc *e = entry_of(s, c);
	if (e == NULL || s->fep == NULL)
		return;
	int64_t id = ops->associate(ops->ctx, s->fep->sep, &c->si.dst, c->si.sid,
				    c->init.sinit_num_ostreams, c->init.sinit_max_instreams,
				    c->init.sinit_max_attempts, c->init.sinit_max_init_timeo);
	if (id <= 0 || map_put(s->fep, (uint32_t)id, s->idx, c->slot) != 0) {
		if (id > 0)
			ops->abort(ops->ctx, s->fep->sep, (uint32_t)id);
		int err = id == SCTPDK_ERR_EXISTS  ? EISCONN
			  : id == SCTPDK_ERR_INVAL ? EINVAL
						   : ENOBUFS;
		entry_close(s, e, err);
		fc_signal(s);
		return;
	}
	apply_defaults(f, s, s->fep->sep, (uint32_t)id);
	rte_spinlock_lock(&s->alock);
	e->stack_id = (uint32_t)id;
	e->last_active_us = now_us;
	rte_spinlock_unlock(&s->alock);
}

/* Returns 1 when the command must be retried later. */
static int
cmd_send(struct sctpdk_facade *f, struct fc_sock *s, struct fc_cmd *c, uint64_t now_us)
{
	const struct sctpdk_facade_stack_ops *ops = &f->cfg.ops;
	struct fc_assoc *e = entry_of(s, c);
	if (e == NULL || e->stack_id == 0 || s->fep == NULL) {
		tx_release(s, c->len);
		send_failed(f, s, c, e != NULL && e->err ? e->err : EPIPE, c->m);
		return 0;
	}
	int r = ops->send(ops->ctx, s->fep->sep, e->stack_id, &c->si, c->m);
	if (r == SCTPDK_ERR_AGAIN) {
		__atomic_add_fetch(&f->stats.send_retries, 1, __ATOMIC_RELAXED);
		return 1;
	}
	tx_release(s, c->len);
	if (r != 0)
		send_failed(f, s, c, fc_errno_of(r), c->m);
	else
		e->last_active_us = now_us;
	return 0;
}

static void
end_assoc(struct sctpdk_facade *f, struct fc_sock *s, struct fc_assoc *e, int abort)
{
	const struct sctpdk_facade_stack_ops *ops = &f->cfg.ops;
	if (e->stack_id == 0 || s->fep == NULL)
		return;
	int r = abort ? SCTPDK_ERR_STATE : ops->shutdown(ops->ctx, s->fep->sep, e->stack_id);
	if (r == SCTPDK_ERR_STATE) /* still setting up: nothing to shut down gracefully */
		ops->abort(ops->ctx, s->fep->sep, e->stack_id);
	rte_spinlock_lock(&s->alock);
	if (e->state != FA_CLOSED)
		e->state = FA_SHUT;
	rte_spinlock_unlock(&s->alock);
}

static void
free_embryo(struct sctpdk_facade *f, struct fc_sock *n)
{
	sctpdk_facade_lcore_flush(f, n->owner); /* n leaves any list before its slot does */
	const struct sctpdk_facade_stack_ops *ops = &f->cfg.ops;
	struct sctpdk_facade_ep *fep = n->fep;
	struct fc_assoc *e = &n->assocs[0];
	if (e->stack_id != 0) {
		struct fc_map *m = map_find(fep, e->stack_id);
		if (m != NULL)
			map_del(fep, m);
		ops->abort(ops->ctx, fep->sep, e->stack_id);
	}
	fep->n_socks--;
	n->fep = NULL;
	/* nobody else references an embryo (see fd_table.c) */
	int owned = fc_life_move(n, FS_EMBRYO, FS_INIT);
	RTE_VERIFY(owned);
	fc_slot_free(n);
}

static void
cmd_detach(struct sctpdk_facade *f, struct fc_sock *s)
{
	const struct sctpdk_facade_stack_ops *ops = &f->cfg.ops;
	struct sctpdk_facade_ep *fep = s->fep;
	uint32_t idx;
	/* the ring's own (multi-consumer RTS) mode: accept() may race */
	while (rte_ring_dequeue_elem(s->accq, &idx, sizeof(idx)) == 0)
		free_embryo(f, &f->socks[idx]);
	retry_remove(f, s);
	sctpdk_facade_lcore_flush(f, s->owner);
	if (s->has_stalled) {
		tx_release(s, s->stalled.len);
		rte_pktmbuf_free(s->stalled.m);
		s->has_stalled = 0;
	}
	tx_flush(s, 0);
	struct fc_dlv d;
	while (rte_ring_sc_dequeue_elem(s->ovf, &d, sizeof(d)) == 0)
		fc_dlv_free(&d);
	if (fep != NULL) {
		/* associations still finishing become the endpoint's own */
		for (uint32_t i = 0; i < fep->map_cap; i++)
			if (fep->map[i].stack_id != 0 && fep->map[i].stack_id != MAP_DEL &&
			    fep->map[i].sock == s->idx)
				fep->map[i].sock = FC_NONE;
		if (fep->main_sock == s->idx) {
			fep->main_sock = FC_NONE;
			if (ops->ep_listen != NULL)
				ops->ep_listen(ops->ctx, fep->sep, 0);
		}
		s->fep = NULL;
		if (--fep->n_socks == 0) {
			fep->next_orphan = f->lc[fep->lcore].orphans;
			f->lc[fep->lcore].orphans = fep;
		}
	}
	/* the socket is the lcore's no more: no command of it runs from now
	 * on (drain() stops), it is on no list, no event reaches it */
	fc_release(s);
}

static int
cmd_peeloff(struct sctpdk_facade *f, struct fc_sock *s, struct fc_cmd *c)
{
	struct fc_assoc *e = entry_of(s, c);
	if (e == NULL || e->stack_id == 0 || s->fep == NULL)
		return SCTPDK_ERR_NOTFOUND;
	struct fc_sock *n = &f->socks[s->ctl.peel_sock];
	struct fc_map *m = map_find(s->fep, e->stack_id);
	if (m == NULL)
		return SCTPDK_ERR_NOTFOUND;
	rte_spinlock_lock(&n->alock);
	n->assocs[0] = *e;
	rte_spinlock_unlock(&n->alock);
	rte_spinlock_lock(&s->alock);
	memset(e, 0, sizeof(*e));
	rte_spinlock_unlock(&s->alock);
	m->sock = n->idx;
	m->slot = 0;
	n->fep = s->fep;
	s->fep->n_socks++;
	return 0;
}

static void
exec_one(struct sctpdk_facade *f, struct fc_sock *s, struct fc_cmd *c, uint64_t now_us)
{
	const struct sctpdk_facade_stack_ops *ops = &f->cfg.ops;
	struct fc_assoc *e;
	int r = 0;
	switch (c->type) {
	case FC_CMD_EP_OPEN:
		r = cmd_ep_open(f, s);
		break;
	case FC_CMD_LISTEN:
		if (s->fep == NULL)
			r = SCTPDK_ERR_STATE;
		else if (ops->ep_listen != NULL)
			r = ops->ep_listen(ops->ctx, s->fep->sep, s->ctl.listen_on);
		break;
	case FC_CMD_CONNECT:
		cmd_connect(f, s, c, now_us);
		break;
	case FC_CMD_SEND:
		if (cmd_send(f, s, c, now_us)) {
			s->stalled = *c;
			s->has_stalled = 1;
			retry_add(f, s);
		}
		break;
	case FC_CMD_SHUTDOWN:
	case FC_CMD_ABORT:
		if ((e = entry_of(s, c)) != NULL)
			end_assoc(f, s, e, c->type == FC_CMD_ABORT);
		break;
	case FC_CMD_CLOSE_ASSOCS:
		for (uint32_t i = 0; i < s->assoc_cap; i++)
			if (s->assocs[i].id != 0 && s->assocs[i].state != FA_CLOSED)
				end_assoc(f, s, &s->assocs[i], c->flags & 1);
		break;
	case FC_CMD_DETACH:
		cmd_detach(f, s);
		break;
	case FC_CMD_PEELOFF:
		r = cmd_peeloff(f, s, c);
		break;
	case FC_CMD_EP_ADDRS:
		r = s->fep == NULL || ops->ep_addrs == NULL
			? SCTPDK_ERR_UNSUPP
			: ops->ep_addrs(ops->ctx, s->fep->sep, s->ctl.addrs, s->ctl.n_addrs);
		break;
	case FC_CMD_ASSOC_INFO:
	case FC_CMD_ASSOC_SET:
		e = entry_of(s, c);
		if (e == NULL || e->stack_id == 0 || s->fep == NULL)
			r = SCTPDK_ERR_NOTFOUND;
		else if (c->type == FC_CMD_ASSOC_INFO)
			r = ops->assoc_info != NULL
				? ops->assoc_info(ops->ctx, s->fep->sep, e->stack_id, &s->ctl.info)
				: SCTPDK_ERR_UNSUPP;
		else
			r = ops->assoc_set != NULL
				? ops->assoc_set(ops->ctx, s->fep->sep, e->stack_id,
						 s->ctl.set_mask, &s->ctl.info)
				: SCTPDK_ERR_UNSUPP;
		break;
	default:
		rte_pktmbuf_free(c->m);
		break;
	}
	if (c->seq != 0) {
		s->ctl.result = r;
		__atomic_store_n(&s->ctl_done, c->seq, __ATOMIC_RELEASE);
		fc_signal(s);
		if (f->cfg.ctl_done_hook != NULL)
			f->cfg.ctl_done_hook(f->cfg.ctl_done_hook_arg, (int)s->idx, c->type);
	}
}

void
fc_lcore_exec(struct sctpdk_facade *f, struct fc_sock *s, struct fc_cmd *c, uint64_t now_us)
{
	__atomic_add_fetch(&f->stats.commands, 1, __ATOMIC_RELAXED);
	exec_one(f, s, c, now_us);
}

static int
released(const struct fc_sock *s)
{
	return (__atomic_load_n(&s->life, __ATOMIC_SEQ_CST) & FC_LF_REL) != 0;
}

/* Drain up to CMD_BUDGET commands of s (the caller holds a reference).
 * Returns how many ran. */
static unsigned
drain(struct sctpdk_facade *f, struct fc_sock *s, uint64_t now_us)
{
	unsigned n = 0;
	struct fc_cmd c;
	while (!s->has_stalled && n < CMD_BUDGET &&
	       rte_ring_sc_dequeue_elem(s->cmd, &c, sizeof(c)) == 0) {
		fc_lcore_exec(f, s, &c, now_us);
		n++;
		/* after DETACH, commands still queued (posted by calls that
		 * raced the close) are dropped with the slot */
		if (c.type == FC_CMD_DETACH || released(s))
			return n;
	}
	tx_flush(s, n > 0);
	if (!s->has_stalled && !rte_ring_empty(s->cmd))
		fc_kick(s); /* budget used up: come back next poll */
	return n;
}

static unsigned
retry_walk(struct sctpdk_facade *f, unsigned lcore, uint64_t now_us)
{
	unsigned work = 0;
	uint32_t *pp = &f->lc[lcore].retry_head;
	while (*pp != FC_NONE) {
		struct fc_sock *s = &f->socks[*pp];
		if (s->has_stalled && !cmd_send(f, s, &s->stalled, now_us)) {
			s->has_stalled = 0;
			work++;
			if (!rte_ring_empty(s->cmd))
				fc_kick(s);
		}
		tx_flush(s, 0);
		struct fc_dlv d;
		int moved = 0;
		while (rte_ring_free_count(s->dlv) > 0 &&
		       rte_ring_sc_dequeue_elem(s->ovf, &d, sizeof(d)) == 0) {
			rte_ring_sp_enqueue_elem(s->dlv, &d, sizeof(d));
			moved = 1;
		}
		if (moved) {
			work++;
			fc_signal(s);
		}
		if (!s->has_stalled && rte_ring_empty(s->ovf)) {
			*pp = s->lc_next;
			s->lc_listed = 0;
			s->lc_next = FC_NONE;
		} else {
			pp = &s->lc_next;
		}
	}
	return work;
}

static void
autoclose_scan(struct sctpdk_facade *f, unsigned lcore, uint64_t now_us)
{
	for (uint32_t i = 0; i < f->cfg.max_sockets; i++) {
		struct fc_sock *s = &f->socks[i];
		if (s->owner != lcore || s->fep == NULL || s->autoclose <= 0 || fc_one_to_one(s) ||
		    fc_state(s) != FS_OPEN)
			continue;
		uint64_t idle = (uint64_t)s->autoclose * 1000000u;
		for (uint32_t j = 0; j < s->assoc_cap; j++) {
			struct fc_assoc *e = &s->assocs[j];
			if (e->id != 0 && e->state == FA_UP && e->stack_id != 0 &&
			    now_us - e->last_active_us >= idle)
				end_assoc(f, s, e, 0);
		}
	}
}

static void
orphans_reap(struct sctpdk_facade *f, unsigned lcore)
{
	struct sctpdk_facade_ep **pp = &f->lc[lcore].orphans;
	while (*pp != NULL) {
		struct sctpdk_facade_ep *o = *pp;
		if (o->map_used == 0) {
			*pp = o->next_orphan;
			f->cfg.ops.ep_close(f->cfg.ops.ctx, o->sep);
			rte_free(o->map);
			rte_free(o);
		} else {
			pp = &o->next_orphan;
		}
	}
}

unsigned
sctpdk_facade_lcore_poll(struct sctpdk_facade *f, unsigned lcore, uint64_t now_us)
{
	sctpdk_facade_on_lcore_ = 1;
	if (lcore >= f->cfg.n_lcores)
		return 0;
	struct fc_lcore *L = &f->lc[lcore];
	L->now_us = now_us;
	sctpdk_facade_lcore_flush(f, lcore);
	unsigned work = 0;
	uint32_t ids[32];
	unsigned n = rte_ring_sc_dequeue_burst_elem(L->notify, ids, sizeof(ids[0]), 32, NULL);
	for (unsigned i = 0; i < n; i++) {
		struct fc_sock *s = &f->socks[ids[i]];
		/* cleared first: a command posted from now on announces the
		 * slot again, whichever socket it belongs to by then */
		__atomic_store_n(&s->lc_pending, 0, __ATOMIC_SEQ_CST);
		/* a reference for as long as the lcore works on the socket
		 * (the slot life rules are at the top of fd_table.c) */
		if (!fc_lcore_hold(s)) {
			/* released, or freed (and maybe reused) since */
			__atomic_add_fetch(&f->stats.notify_stale, 1, __ATOMIC_RELAXED);
			continue;
		}
		work += drain(f, s, now_us);
		fc_put(s); /* frees the slot if close() is already done with it */
	}
	if (L->retry_head != FC_NONE)
		work += retry_walk(f, lcore, now_us);
	if (now_us - L->last_scan_us >= AUTOCLOSE_SCAN_US) {
		L->last_scan_us = now_us;
		autoclose_scan(f, lcore, now_us);
	}
	if (L->orphans != NULL)
		orphans_reap(f, lcore);
	return work;
}

/* ---- events ------------------------------------------------------------ */

static void
assoc_change_note(struct sctpdk_facade *f, struct fc_sock *s, uint32_t slot, int32_t fid,
		  const struct sctpdk_facade_event *ev)
{
	if (!s->ev.sctp_association_event)
		return;
	struct sctp_assoc_change n;
	memset(&n, 0, sizeof(n));
	n.sac_type = SCTP_ASSOC_CHANGE;
	n.sac_length = sizeof(n);
	n.sac_state = ev->u.assoc_change.state;
	n.sac_error = ev->u.assoc_change.error;
	n.sac_outbound_streams = ev->u.assoc_change.out_streams;
	n.sac_inbound_streams = ev->u.assoc_change.in_streams;
	n.sac_assoc_id = fid;
	notify(f, s, slot, fid, &n, sizeof(n), NULL);
}

static void
incoming(struct sctpdk_facade_ep *fep, struct sctpdk_facade_event *ev)
{
	struct sctpdk_facade *f = fep->f;
	const struct sctpdk_facade_stack_ops *ops = &f->cfg.ops;
	struct fc_sock *L = fep->main_sock != FC_NONE ? &f->socks[fep->main_sock] : NULL;
	const typeof(ev->u.assoc_change) *ac = &ev->u.assoc_change;
	if (L == NULL || !L->listening) {
		ops->abort(ops->ctx, fep->sep, ev->assoc_id);
		return;
	}
	struct fc_sock *s = L;
	if (L->style == FC_TCP) {
		if (rte_ring_count(L->accq) >= (unsigned)L->backlog ||
		    (s = fc_slot_alloc(f, FC_TCP, L->domain, FS_EMBRYO)) == NULL) {
			ops->abort(ops->ctx, fep->sep, ev->assoc_id);
			return;
		}
		fc_inherit(s, L);
		s->owner = L->owner;
		s->parent = L->idx;
		s->fep = fep;
		fep->n_socks++;
	}
	/* allocate and fill the entry in one critical section: application
	 * threads allocate entries of the same table (implicit setup) */
	rte_spinlock_lock(&s->alock);
	uint32_t slot = fc_assoc_alloc(s);
	struct fc_assoc *e = slot != FC_NONE ? &s->assocs[slot] : NULL;
	if (e != NULL) {
		memset(e, 0, sizeof(*e));
		e->id = fc_new_assoc_id(f);
		e->state = FA_UP;
		e->accepted = 1;
		e->out_streams = ac->out_streams;
		e->in_streams = ac->in_streams;
		e->stack_id = ev->assoc_id;
		e->peer = ac->peer;
		e->peer_port = ac->peer_port;
		e->last_active_us = f->lc[fep->lcore].now_us;
	}
	rte_spinlock_unlock(&s->alock);
	if (e == NULL || map_put(fep, ev->assoc_id, s->idx, slot) != 0) {
		ops->abort(ops->ctx, fep->sep, ev->assoc_id);
		if (e != NULL) {
			rte_spinlock_lock(&s->alock);
			memset(e, 0, sizeof(*e));
			rte_spinlock_unlock(&s->alock);
		}
		if (s != L)
			free_embryo(f, s);
		return;
	}
	apply_defaults(f, L, fep->sep, ev->assoc_id);
	assoc_change_note(f, s, slot, e->id, ev);
	if (s != L) {
		uint32_t idx = s->idx;
		rte_ring_sp_enqueue_elem(L->accq, &idx, sizeof(idx));
		fc_signal(L);
	}
}

static int
lost_errno(const struct sctpdk_facade_event *ev, int was_setup)
{
	if (ev->u.assoc_change.state == SCTP_SHUTDOWN_COMP)
		return 0;
	switch (ev->u.assoc_change.reason) {
	case SCTPDK_FACADE_REASON_PEER_ABORT:
		return was_setup ? ECONNREFUSED : ECONNRESET;
	case SCTPDK_FACADE_REASON_TIMEOUT:
		return ETIMEDOUT;
	default:
		return was_setup ? ECONNREFUSED : 0;
	}
}

static void
on_assoc_change(struct sctpdk_facade_ep *fep, struct fc_map *m, struct sctpdk_facade_event *ev)
{
	struct sctpdk_facade *f = fep->f;
	const typeof(ev->u.assoc_change) *ac = &ev->u.assoc_change;
	int final = ac->state == SCTP_COMM_LOST || ac->state == SCTP_CANT_STR_ASSOC ||
		    ac->state == SCTP_SHUTDOWN_COMP;
	if (m->sock == FC_NONE) { /* its socket is closed */
		if (final)
			map_del(fep, m);
		return;
	}
	struct fc_sock *s = &f->socks[m->sock];
	uint32_t slot = m->slot;
	struct fc_assoc *e = &s->assocs[slot];
	int32_t fid = e->id;
	if (final) {
		map_del(fep, m);
		int err = lost_errno(ev, e->state == FA_SETUP);
		entry_close(s, e, err);
	} else {
		rte_spinlock_lock(&s->alock);
		if (ac->state == SCTP_COMM_UP && e->state == FA_SETUP)
			e->state = FA_UP;
		if (ac->out_streams)
			e->out_streams = ac->out_streams;
		if (ac->in_streams)
			e->in_streams = ac->in_streams;
		rte_spinlock_unlock(&s->alock);
	}
	assoc_change_note(f, s, slot, fid, ev);
	fc_signal(s);
}

void
sctpdk_facade_deliver(struct sctpdk_facade_ep *fep, struct sctpdk_facade_event *ev)
{
	struct sctpdk_facade *f = fep->f;
	__atomic_add_fetch(&f->stats.events, 1, __ATOMIC_RELAXED);
	struct fc_map *m = map_find(fep, ev->assoc_id);
	if (m == NULL && ev->type == SCTPDK_FACADE_EV_ASSOC_CHANGE &&
	    ev->u.assoc_change.state == SCTP_COMM_UP) {
		incoming(fep, ev);
		return;
	}
	if (ev->type == SCTPDK_FACADE_EV_ASSOC_CHANGE && m != NULL) {
		on_assoc_change(fep, m, ev);
		return;
	}
	struct rte_mbuf *own = ev->type == SCTPDK_FACADE_EV_DATA           ? ev->u.data.msg
			       : ev->type == SCTPDK_FACADE_EV_REMOTE_ERROR ? ev->u.remote_error.tlv
			       : ev->type == SCTPDK_FACADE_EV_SEND_FAILED  ? ev->u.send_failed.msg
									   : NULL;
	if (m == NULL || m->sock == FC_NONE) {
		rte_pktmbuf_free(own);
		__atomic_add_fetch(&f->stats.dlv_dropped, 1, __ATOMIC_RELAXED);
		return;
	}
	struct fc_sock *s = &f->socks[m->sock];
	uint32_t slot = m->slot;
	struct fc_assoc *e = &s->assocs[slot];
	int32_t fid = e->id;
	switch (ev->type) {
	case SCTPDK_FACADE_EV_DATA: {
		struct fc_dlv d = {.m = own,
				   .len = rte_pktmbuf_pkt_len(own),
				   .kind = FC_DLV_DATA,
				   .sid = ev->u.data.sid,
				   .ssn = ev->u.data.ssn,
				   .flags = ev->u.data.flags,
				   .ppid = ev->u.data.ppid,
				   .tsn = ev->u.data.tsn,
				   .assoc = fid,
				   .slot = slot};
		e->last_active_us = f->lc[fep->lcore].now_us;
		dlv_push(f, s, &d);
		return;
	}
	case SCTPDK_FACADE_EV_SHUTDOWN: {
		rte_spinlock_lock(&s->alock);
		if (e->state == FA_UP || e->state == FA_SETUP)
			e->state = FA_PEER_SHUT;
		rte_spinlock_unlock(&s->alock);
		if (s->ev.sctp_shutdown_event) {
			struct sctp_shutdown_event n = {.sse_type = SCTP_SHUTDOWN_EVENT,
							.sse_length = sizeof(n),
							.sse_assoc_id = fid};
			notify(f, s, slot, fid, &n, sizeof(n), NULL);
		}
		fc_signal(s);
		return;
	}
	case SCTPDK_FACADE_EV_PEER_ADDR:
		if (s->ev.sctp_address_event) {
			struct sctp_paddr_change n;
			memset(&n, 0, sizeof(n));
			n.spc_type = SCTP_PEER_ADDR_CHANGE;
			n.spc_length = sizeof(n);
			fc_sockaddr_from(s->domain, &ev->u.paddr.addr, e->peer_port, &n.spc_aaddr);
			n.spc_state = ev->u.paddr.state;
			n.spc_error = ev->u.paddr.error;
			n.spc_assoc_id = fid;
			notify(f, s, slot, fid, &n, sizeof(n), NULL);
		}
		return;
	case SCTPDK_FACADE_EV_REMOTE_ERROR:
		if (s->ev.sctp_peer_error_event) {
			struct sctp_remote_error n;
			memset(&n, 0, sizeof(n));
			n.sre_type = SCTP_REMOTE_ERROR;
			n.sre_error = htons(ev->u.remote_error.cause);
			n.sre_assoc_id = fid;
			notify(f, s, slot, fid, &n, sizeof(n), own);
		} else {
			rte_pktmbuf_free(own);
		}
		return;
	case SCTPDK_FACADE_EV_ADAPTATION:
		if (s->ev.sctp_adaption_layer_event) {
			struct sctp_adaption_event n;
			memset(&n, 0, sizeof(n));
			n.sai_type = SCTP_ADAPTION_INDICATION;
			n.sai_length = sizeof(n);
			n.sai_adaptation_bits = ev->u.adaptation.bits;
			n.sse_assoc_id = fid;
			notify(f, s, slot, fid, &n, sizeof(n), NULL);
		}
		return;
	case SCTPDK_FACADE_EV_SEND_FAILED:
		if (s->ev.sctp_send_failure_event) {
			struct sctp_send_failed n;
			memset(&n, 0, sizeof(n));
			n.ssf_type = SCTP_SEND_FAILED;
			n.ssf_flags = ev->u.send_failed.flags;
			n.ssf_error = ev->u.send_failed.error;
			n.ssf_info.sinfo_stream = ev->u.send_failed.sid;
			n.ssf_info.sinfo_ppid = ev->u.send_failed.ppid;
			n.ssf_info.sinfo_context = ev->u.send_failed.context;
			n.ssf_info.sinfo_assoc_id = fid;
			n.ssf_assoc_id = fid;
			notify(f, s, slot, fid, &n, sizeof(n), own);
		} else {
			rte_pktmbuf_free(own);
		}
		return;
	case SCTPDK_FACADE_EV_PDAPI:
		if (s->ev.sctp_partial_delivery_event) {
			struct sctp_rcv_pdapi_event n;
			memset(&n, 0, sizeof(n));
			n.pdapi_type = SCTP_PARTIAL_DELIVERY_EVENT;
			n.pdapi_length = sizeof(n);
			n.pdapi_indication = SCTP_PARTIAL_DELIVERY_ABORTED;
			n.pdapi_assoc_id = fid;
			notify(f, s, slot, fid, &n, sizeof(n), NULL);
		}
		return;
	default:
		rte_pktmbuf_free(own);
		return;
	}
}

int
sctpdk_facade_rx_full(const struct sctpdk_facade_ep *fep, uint32_t assoc_id)
{
	const struct fc_map *m = map_find(fep, assoc_id);
	if (m == NULL || m->sock == FC_NONE)
		return 0;
	const struct fc_sock *s = &fep->f->socks[m->sock];
	return !rte_ring_empty(s->ovf) || rte_ring_free_count(s->dlv) == 0;
}

unsigned
sctpdk_facade_rx_room(const struct sctpdk_facade_ep *fep, uint32_t assoc_id)
{
	const struct fc_map *m = map_find(fep, assoc_id);
	if (m == NULL || m->sock == FC_NONE)
		return 0;
	const struct fc_sock *s = &fep->f->socks[m->sock];
	if (!rte_ring_empty(s->ovf))
		return 0;
	return rte_ring_free_count(s->dlv);
}
