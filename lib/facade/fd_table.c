/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Descriptor table: the facade object (in a named memzone, so a secondary
 * process can find it), the socket slots (rte_zmalloc'd shared memory),
 * slot allocation, references and the conversions every module needs.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>

#include <sctpdk/sctpdk_error.h>

#include "facade_int.h"
#include "sctpdk_park.h"

/* The process's active descriptor table: the one deliberate piece of
 * process state, because socket descriptors form one process-wide
 * namespace (as kernel file descriptors do). */
struct sctpdk_facade *sctpdk_facade_active_;
/* Set on threads running sctpdk_facade_lcore_poll (stack lcores). */
__thread int sctpdk_facade_on_lcore_;

void
sctpdk_facade_config_default(struct sctpdk_facade_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	strcpy(cfg->name, "sctpdk_facade");
	cfg->max_sockets = 256;
	cfg->max_assocs = 128;
	cfg->cmd_ring_size = 256;
	cfg->dlv_ring_size = 1024;
	cfg->n_lcores = 1;
	cfg->pmtu = 1500;
}

static int
pow2(uint32_t v)
{
	return v != 0 && (v & (v - 1)) == 0;
}

/* Rings written or read by application threads use the RTS (relaxed
 * tail sync) mode on that side: application threads can be preempted in
 * the middle of an enqueue, and the classic multi-producer mode would make
 * every other producer spin until the preempted one runs again. */
#define RING_CMD  (RING_F_MP_RTS_ENQ | RING_F_SC_DEQ)
#define RING_DLV  (RING_F_SP_ENQ | RING_F_SC_DEQ)
#define RING_ACCQ (RING_F_SP_ENQ | RING_F_MC_RTS_DEQ)

static struct rte_ring *
ring_new(unsigned esize, unsigned count, unsigned flags)
{
	ssize_t sz = rte_ring_get_memsize_elem(esize, count);
	if (sz < 0)
		return NULL;
	struct rte_ring *r = rte_zmalloc("sctpdk_fc_ring", (size_t)sz, RTE_CACHE_LINE_SIZE);
	if (r == NULL)
		return NULL;
	if (rte_ring_init(r, "fc", count, flags) != 0) {
		rte_free(r);
		return NULL;
	}
	return r;
}

int
sctpdk_facade_add_addrs(struct sctpdk_facade *f, const struct sctpdk_addr *a, unsigned n)
{
	uint16_t have = f->cfg.n_local_addrs;
	for (unsigned i = 0; i < n; i++) {
		int dup = 0;
		for (unsigned k = 0; k < have; k++)
			dup |= sctpdk_addr_eq(&f->cfg.local_addrs[k], &a[i]);
		if (dup)
			continue;
		if (have == SCTPDK_FACADE_MAX_ADDRS)
			return SCTPDK_ERR_NOMEM;
		f->cfg.local_addrs[have++] = a[i];
	}
	__atomic_store_n(&f->cfg.n_local_addrs, have, __ATOMIC_RELEASE);
	return 0;
}

struct sctpdk_facade *
sctpdk_facade_create(const struct sctpdk_facade_config *cfg, int *err)
{
	int e = SCTPDK_ERR_INVAL;
	struct sctpdk_facade *f = NULL;
	const struct rte_memzone *mz = NULL;

	if (cfg == NULL || cfg->pool == NULL || cfg->n_lcores == 0 ||
	    cfg->n_lcores > SCTPDK_FACADE_MAX_LCORES || cfg->max_sockets == 0 ||
	    cfg->max_sockets > 65536 || cfg->max_assocs == 0 || !pow2(cfg->cmd_ring_size) ||
	    !pow2(cfg->dlv_ring_size) || cfg->ops.ep_open == NULL || cfg->ops.associate == NULL ||
	    cfg->ops.send == NULL || cfg->ops.ep_close == NULL || cfg->ops.shutdown == NULL ||
	    cfg->ops.abort == NULL)
		goto fail;
	if (__atomic_load_n(&sctpdk_facade_active_, __ATOMIC_ACQUIRE) != NULL) {
		e = SCTPDK_ERR_EXISTS;
		goto fail;
	}
	e = SCTPDK_ERR_NOMEM;
	mz = rte_memzone_reserve(cfg->name, sizeof(*f), SOCKET_ID_ANY, 0);
	if (mz == NULL) {
		e = rte_errno == EEXIST ? SCTPDK_ERR_EXISTS : SCTPDK_ERR_NOMEM;
		goto fail;
	}
	f = mz->addr;
	memset(f, 0, sizeof(*f));
	f->mz = mz;
	f->cfg = *cfg;
	rte_spinlock_init(&f->tlock);
	f->next_assoc_id = 1;
	f->socks = rte_zmalloc("sctpdk_fc_socks", sizeof(struct fc_sock) * cfg->max_sockets,
			       RTE_CACHE_LINE_SIZE);
	if (f->socks == NULL)
		goto fail;
	uint32_t n = 1;
	while (n <= cfg->max_sockets)
		n <<= 1;
	for (unsigned i = 0; i < cfg->n_lcores; i++) {
		f->lc[i].notify = ring_new(sizeof(uint32_t), n, RING_CMD);
		f->lc[i].retry_head = FC_NONE;
		f->lc[i].sig_head = FC_NONE;
		if (f->lc[i].notify == NULL)
			goto fail;
	}
	for (uint32_t i = 0; i < cfg->max_sockets; i++) {
		f->socks[i].idx = i;
		f->socks[i].efd = -1;
		f->socks[i].f = f;
	}
	/* Ports 0 is never handed out. */
	f->port_map[0] |= 1;
	struct sctpdk_facade *expect = NULL;
	if (!__atomic_compare_exchange_n(&sctpdk_facade_active_, &expect, f, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		e = SCTPDK_ERR_EXISTS;
		goto fail;
	}
	if (err != NULL)
		*err = 0;
	return f;
fail:
	if (f != NULL) {
		for (unsigned i = 0; i < SCTPDK_FACADE_MAX_LCORES; i++)
			rte_free(f->lc[i].notify);
		rte_free(f->socks);
	}
	if (mz != NULL)
		rte_memzone_free(mz);
	if (err != NULL)
		*err = e;
	return NULL;
}

static void
slot_teardown(struct fc_sock *s)
{
	struct fc_dlv d;
	struct fc_cmd c;
	if (s->dlv != NULL)
		while (rte_ring_sc_dequeue_elem(s->dlv, &d, sizeof(d)) == 0)
			fc_dlv_free(&d);
	if (s->ovf != NULL)
		while (rte_ring_sc_dequeue_elem(s->ovf, &d, sizeof(d)) == 0)
			fc_dlv_free(&d);
	if (s->cmd != NULL)
		while (rte_ring_sc_dequeue_elem(s->cmd, &c, sizeof(c)) == 0)
			rte_pktmbuf_free(c.m);
	if (s->rx_has) {
		fc_dlv_free(&s->rx_cur);
		s->rx_has = 0;
	}
	if (s->has_stalled) {
		rte_pktmbuf_free(s->stalled.m);
		s->has_stalled = 0;
	}
	if (s->efd >= 0) {
		close(s->efd);
		s->efd = -1;
	}
}

void
sctpdk_facade_free(struct sctpdk_facade *f)
{
	if (f == NULL)
		return;
	struct sctpdk_facade *expect = f;
	__atomic_compare_exchange_n(&sctpdk_facade_active_, &expect, NULL, 0, __ATOMIC_ACQ_REL,
				    __ATOMIC_ACQUIRE);
	/* Endpoints: each is referenced by its sockets; close each once. */
	for (uint32_t i = 0; i < f->cfg.max_sockets; i++) {
		struct sctpdk_facade_ep *fep = f->socks[i].fep;
		if (fep == NULL)
			continue;
		for (uint32_t j = i; j < f->cfg.max_sockets; j++)
			if (f->socks[j].fep == fep)
				f->socks[j].fep = NULL;
		if (fep->sep != NULL)
			f->cfg.ops.ep_close(f->cfg.ops.ctx, fep->sep);
		rte_free(fep->map);
		rte_free(fep);
	}
	for (uint32_t i = 0; i < f->cfg.max_sockets; i++) {
		struct fc_sock *s = &f->socks[i];
		slot_teardown(s);
		rte_free(s->cmd);
		rte_free(s->dlv);
		rte_free(s->ovf);
		rte_free(s->accq);
		rte_free(s->assocs);
		if (fc_state(s) != FS_FREE) {
			pthread_mutex_destroy(&s->ctl_mtx);
			pthread_mutex_destroy(&s->rx_mtx);
		}
	}
	/* Endpoints whose sockets are all closed (associations finishing). */
	for (unsigned i = 0; i < SCTPDK_FACADE_MAX_LCORES; i++) {
		struct sctpdk_facade_ep *o = f->lc[i].orphans;
		while (o != NULL) {
			struct sctpdk_facade_ep *next = o->next_orphan;
			if (o->sep != NULL)
				f->cfg.ops.ep_close(f->cfg.ops.ctx, o->sep);
			rte_free(o->map);
			rte_free(o);
			o = next;
		}
		rte_free(f->lc[i].notify);
	}
	rte_free(f->socks);
	rte_memzone_free(f->mz);
}

void
sctpdk_facade_stats_get(const struct sctpdk_facade *f, struct sctpdk_facade_stats *st)
{
	st->commands = __atomic_load_n(&f->stats.commands, __ATOMIC_RELAXED);
	st->events = __atomic_load_n(&f->stats.events, __ATOMIC_RELAXED);
	st->wakeups = __atomic_load_n(&f->stats.wakeups, __ATOMIC_RELAXED);
	st->dlv_overflow = __atomic_load_n(&f->stats.dlv_overflow, __ATOMIC_RELAXED);
	st->dlv_dropped = __atomic_load_n(&f->stats.dlv_dropped, __ATOMIC_RELAXED);
	st->send_retries = __atomic_load_n(&f->stats.send_retries, __ATOMIC_RELAXED);
	st->send_big = __atomic_load_n(&f->stats.send_big, __ATOMIC_RELAXED);
	st->send_big_dry = __atomic_load_n(&f->stats.send_big_dry, __ATOMIC_RELAXED);
	st->notify_stale = __atomic_load_n(&f->stats.notify_stale, __ATOMIC_RELAXED);
	st->sockets = 0;
	for (uint32_t i = 0; i < f->cfg.max_sockets; i++)
		st->sockets += fc_state(&f->socks[i]) != FS_FREE;
}

/* ---- slot life ----------------------------------------------------------
 *
 * A slot is a socket object in shared memory, reused by later sockets.
 * Its life word (struct fc_sock.life) holds the state, the references
 * and the released bit, and changes only by compare-and-swap, so that
 * "last reference of a released, closing socket" is decided in one step:
 *
 *   FREE --alloc--> INIT --reset--> EMBRYO --> OPEN --close--> CLOSING
 *     ^                                |                          |
 *     +--- fc_slot_free <-- INIT <-----+ (embryo dropped)         |
 *     +--- fc_slot_free <-- INIT <--- last fc_put once released --+
 *
 * Actors and their rules:
 *  - Application calls take a reference with fc_get(), which succeeds
 *    only on an OPEN slot (state checked and reference added in one CAS),
 *    and drop it with fc_put().
 *  - sctpdk_close() moves OPEN -> CLOSING (new fc_get()s fail), runs the
 *    DETACH control command on the owning lcore (or, without an endpoint,
 *    sets the released bit itself) while holding its reference, and then
 *    drops it.
 *  - The owning lcore, for each notify entry, first clears lc_pending (a
 *    command posted from then on, by whichever socket has the slot by
 *    then, announces it again: no kick is lost), then takes a reference
 *    with fc_lcore_hold() before it reads anything else of the slot: it
 *    succeeds only on an OPEN or CLOSING slot not yet released. It keeps
 *    the reference until its last touch of the slot in that poll (after
 *    the control result, the signal, the ring checks and the kick) and
 *    stops running commands once DETACH released the socket. A failed
 *    hold is a stale entry (the socket was released, or the slot freed or
 *    reused since the command was posted): skipped, counted (notify_stale).
 *  - The released bit is set only by a holder of a reference (the lcore in
 *    DETACH, close() without an endpoint), so it is never the last one.
 *    Whoever drops the last reference of a CLOSING, released slot moves
 *    it to INIT in the same CAS and frees it: exactly one thread, and only
 *    when no application call and no lcore works on it. After the
 *    release, no other lcore code reaches the socket: DETACH removed it
 *    from the endpoint map, the retry and signal lists, and freed the
 *    embryos of its accept queue.
 *  - fc_slot_alloc() takes only a FREE slot (CAS FREE -> INIT; FREE means
 *    no references) whose lc_pending is 0, and resets everything but the
 *    slot index, the life word and lc_pending: a racing fc_get() or lcore
 *    hold sees INIT and fails without touching the slot. Every kick comes
 *    from a holder of a reference (or from the lcore for a socket it has
 *    not released), so once a slot is FREE no kick of its old socket can
 *    come: lc_pending 0 then means no entry of the old socket is left on
 *    any notify ring, and a new socket never inherits one (its owner lcore
 *    may differ and is still being chosen). A slot whose entry is still
 *    queued waits for the lcore to skip it (one poll; sctpdk_socket() and
 *    peeloff, finding no other slot, wait for that poll:
 *    fc_slot_alloc_wait). The slot is on a notify ring at most once.
 *  - Embryos (accepted associations in a listener's queue) are created by
 *    the lcore with fc_slot_alloc(..., FS_EMBRYO); no application call can
 *    reference them (not OPEN) and the lcore posts no command for them.
 *    sctpdk_accept() moves EMBRYO -> OPEN; the listener's DETACH drops the
 *    ones left (EMBRYO -> INIT, fc_slot_free). The accept queue is
 *    multi-consumer (accept on several threads, DETACH): every dequeue of
 *    it uses the ring's own mode.
 */

int
fc_life_move(struct fc_sock *s, int from, int to)
{
	uint64_t w = __atomic_load_n(&s->life, __ATOMIC_SEQ_CST);
	for (;;) {
		if (FC_LF_STATE(w) != from)
			return 0;
		uint64_t n = (w & ~(UINT64_C(0xff) << 32)) | ((uint64_t)to << 32);
		if (__atomic_compare_exchange_n(&s->life, &w, n, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return 1;
	}
}

void
fc_release(struct fc_sock *s)
{
	__atomic_fetch_or(&s->life, FC_LF_REL, __ATOMIC_SEQ_CST);
}

/* Add a reference when the state is want (or also CLOSING: also_closing)
 * and the socket is not released. */
static int
life_hold(struct fc_sock *s, int also_closing)
{
	uint64_t w = __atomic_load_n(&s->life, __ATOMIC_SEQ_CST);
	for (;;) {
		int st = FC_LF_STATE(w);
		if ((st != FS_OPEN && !(also_closing && st == FS_CLOSING)) || (w & FC_LF_REL))
			return 0;
		if (__atomic_compare_exchange_n(&s->life, &w, w + 1, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return 1;
	}
}

struct fc_sock *
fc_get(int sd)
{
	struct sctpdk_facade *f = __atomic_load_n(&sctpdk_facade_active_, __ATOMIC_ACQUIRE);
	if (sctpdk_facade_on_lcore_) {
		errno = EDEADLK;
		return NULL;
	}
	if (f == NULL || sd < 0 || (uint32_t)sd >= f->cfg.max_sockets) {
		errno = EBADF;
		return NULL;
	}
	struct fc_sock *s = &f->socks[sd];
	if (!life_hold(s, 0)) {
		errno = EBADF;
		return NULL;
	}
	return s;
}

int
fc_lcore_hold(struct fc_sock *s)
{
	return life_hold(s, 1);
}

void
fc_put(struct fc_sock *s)
{
	uint64_t w = __atomic_load_n(&s->life, __ATOMIC_SEQ_CST);
	for (;;) {
		uint64_t n = w - 1;
		int last = FC_LF_REFS(n) == 0 && FC_LF_STATE(n) == FS_CLOSING && (n & FC_LF_REL);
		if (last)
			n = FC_LF(FS_INIT, 0, 0);
		if (__atomic_compare_exchange_n(&s->life, &w, n, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			if (last)
				fc_slot_free(s);
			return;
		}
	}
}

static int
slot_rings(struct sctpdk_facade *f, struct fc_sock *s)
{
	if (s->cmd == NULL)
		s->cmd = ring_new(sizeof(struct fc_cmd), f->cfg.cmd_ring_size, RING_CMD);
	if (s->dlv == NULL)
		s->dlv = ring_new(sizeof(struct fc_dlv), f->cfg.dlv_ring_size, RING_DLV);
	if (s->ovf == NULL)
		s->ovf = ring_new(sizeof(struct fc_dlv), f->cfg.dlv_ring_size, RING_DLV);
	if (s->accq == NULL) {
		uint32_t n = 1;
		while (n <= f->cfg.max_sockets)
			n <<= 1;
		s->accq = ring_new(sizeof(uint32_t), n, RING_ACCQ);
	}
	if (s->assocs == NULL) {
		s->assocs =
		    rte_zmalloc("sctpdk_fc_assocs", sizeof(struct fc_assoc) * f->cfg.max_assocs,
				RTE_CACHE_LINE_SIZE);
		s->assoc_cap = f->cfg.max_assocs;
	}
	return s->cmd && s->dlv && s->ovf && s->accq && s->assocs ? 0 : -1;
}

static void
sock_defaults(struct fc_sock *s, int style)
{
	s->initmsg.sinit_num_ostreams = 10;
	s->initmsg.sinit_max_instreams = 10;
	s->initmsg.sinit_max_attempts = 8;
	s->initmsg.sinit_max_init_timeo = 60000;
	s->rto.srto_initial = 1000;
	s->rto.srto_max = 60000;
	s->rto.srto_min = 1000;
	s->ap.sasoc_asocmaxrxt = 10;
	s->ap.sasoc_cookie_life = 60000;
	s->ap.sasoc_local_rwnd = 256 * 1024;
	s->hb_interval_ms = 30000;
	s->path_max_retrans = 5;
	s->sndbuf = 256 * 1024;
	s->rcvbuf = 256 * 1024;
	memset(&s->ev, 0, sizeof(s->ev));
	if (style == FC_UDP) { /* section 7.3 defaults */
		s->ev.sctp_data_io_event = 1;
		s->ev.sctp_association_event = 1;
	}
}

static struct fc_sock *
slot_alloc(struct sctpdk_facade *f, int style, int domain, int st, unsigned *pending)
{
	struct fc_sock *s = NULL;
	*pending = 0;
	rte_spinlock_lock(&f->tlock);
	for (uint32_t i = 0; i < f->cfg.max_sockets && s == NULL; i++) {
		struct fc_sock *c = &f->socks[i];
		uint64_t w = FC_LF(FS_FREE, 0, 0);
		if (!__atomic_compare_exchange_n(&c->life, &w, FC_LF(FS_INIT, 0, 0), 0,
						 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			continue;
		/* A notify entry of the previous socket still waits on an
		 * lcore ring: leave the slot until the lcore skipped it (the
		 * new socket's owner may differ). No kick can come any more
		 * (nobody holds a reference), so this check is final. */
		if (__atomic_load_n(&c->lc_pending, __ATOMIC_SEQ_CST) != 0) {
			__atomic_store_n(&c->life, FC_LF(FS_FREE, 0, 0), __ATOMIC_SEQ_CST);
			(*pending)++;
			continue;
		}
		s = c;
	}
	rte_spinlock_unlock(&f->tlock);
	if (s == NULL)
		return NULL;
	if (slot_rings(f, s) != 0) {
		__atomic_store_n(&s->life, FC_LF(FS_FREE, 0, 0), __ATOMIC_SEQ_CST);
		return NULL;
	}
	/* Reset everything after the identity fields (idx, lc_pending, life),
	 * keeping the rings. */
	struct rte_ring *cmd = s->cmd, *dlv = s->dlv, *ovf = s->ovf, *accq = s->accq;
	struct fc_assoc *assocs = s->assocs;
	uint32_t cap = s->assoc_cap;
	memset((char *)s + offsetof(struct fc_sock, style), 0,
	       sizeof(*s) - offsetof(struct fc_sock, style));
	s->f = f;
	s->cmd = cmd;
	s->dlv = dlv;
	s->ovf = ovf;
	s->accq = accq;
	s->assocs = assocs;
	s->assoc_cap = cap;
	memset(assocs, 0, sizeof(*assocs) * cap);
	s->efd = -1;
	s->style = style;
	s->domain = domain;
	s->parent = FC_NONE;
	s->lc_next = FC_NONE;
	s->sig_next = FC_NONE;
	s->owner = __atomic_fetch_add(&f->rr, 1, __ATOMIC_RELAXED) % f->cfg.n_lcores;
	pthread_mutexattr_t ma;
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&s->ctl_mtx, &ma);
	pthread_mutex_init(&s->rx_mtx, &ma);
	pthread_mutexattr_destroy(&ma);
	rte_spinlock_init(&s->alock);
	sock_defaults(s, style);
	__atomic_store_n(&s->life, FC_LF(st, 0, 0), __ATOMIC_SEQ_CST);
	return s;
}

struct fc_sock *
fc_slot_alloc(struct sctpdk_facade *f, int style, int domain, int st)
{
	unsigned pending;
	return slot_alloc(f, style, domain, st, &pending);
}

/*
 * For application threads: when every free slot was passed over only
 * because a notify entry of its previous socket is still queued, the
 * lcore that holds the entry skips it (and clears lc_pending) at its next
 * poll, so wait for that rather than fail with EMFILE. The wait only
 * re-runs the ordinary allocation: it takes nothing from the ordering
 * argument above (a slot is still handed out only once FREE with
 * lc_pending 0). Bounded: a stopped stack's lcore never polls.
 */
struct fc_sock *
fc_slot_alloc_wait(struct sctpdk_facade *f, int style, int domain, int st)
{
	unsigned pending;
	struct fc_sock *s = slot_alloc(f, style, domain, st, &pending);
	if (s != NULL || pending == 0 || sctpdk_facade_on_lcore_)
		return s;
	int64_t end = sctpdk_park_now_ns() + (int64_t)FC_SLOT_WAIT_MS * 1000000;
	long sleep_us = 20;
	while (s == NULL && pending != 0 && sctpdk_park_now_ns() < end) {
		struct timespec ts = {0, sleep_us * 1000};
		nanosleep(&ts, NULL);
		if (sleep_us < 1000)
			sleep_us *= 2;
		s = slot_alloc(f, style, domain, st, &pending);
	}
	return s;
}

void
fc_slot_free(struct fc_sock *s)
{
	struct sctpdk_facade *f = s->f;
	slot_teardown(s);
	uint32_t e;
	/* the accept queue's consumer side is multi-consumer (RTS): a
	 * single-consumer dequeue would not move its RTS head */
	while (s->accq != NULL && rte_ring_dequeue_elem(s->accq, &e, sizeof(e)) == 0)
		;
	pthread_mutex_destroy(&s->ctl_mtx);
	pthread_mutex_destroy(&s->rx_mtx);
	rte_spinlock_lock(&f->tlock);
	if (s->bound && s->port != 0 && !s->peeled && s->parent == FC_NONE)
		f->port_map[s->port / 8] &= (uint8_t) ~(1u << (s->port % 8));
	s->bound = 0;
	__atomic_store_n(&s->life, FC_LF(FS_FREE, 0, 0), __ATOMIC_SEQ_CST);
	rte_spinlock_unlock(&f->tlock);
}

void
fc_inherit(struct fc_sock *dst, const struct fc_sock *src)
{
	dst->initmsg = src->initmsg;
	dst->rto = src->rto;
	dst->ap = src->ap;
	dst->hb_interval_ms = src->hb_interval_ms;
	dst->path_max_retrans = src->path_max_retrans;
	dst->dflt_send = src->dflt_send;
	dst->ev = src->ev;
	dst->linger = src->linger;
	dst->nodelay = src->nodelay;
	dst->sndbuf = src->sndbuf;
	dst->rcvbuf = src->rcvbuf;
	dst->disable_frag = src->disable_frag;
	dst->adapt_set = src->adapt_set;
	dst->adapt_ind = src->adapt_ind;
	dst->autoclose = src->autoclose;
	dst->dflt_set = src->dflt_set;
	dst->n_strm_to = src->n_strm_to;
	memcpy(dst->strm_to, src->strm_to, sizeof(dst->strm_to));
	dst->nonblock = src->nonblock;
	dst->bound = src->bound;
	dst->port = src->port;
	dst->n_laddrs = src->n_laddrs;
	dst->wildcard = src->wildcard;
	memcpy(dst->laddrs, src->laddrs, sizeof(dst->laddrs));
	dst->ep_open = 1;
}

int32_t
fc_new_assoc_id(struct sctpdk_facade *f)
{
	int32_t id;
	do {
		id = __atomic_fetch_add(&f->next_assoc_id, 1, __ATOMIC_RELAXED) & 0x7fffffff;
	} while (id == 0);
	return id;
}

void
fc_dlv_free(struct fc_dlv *d)
{
	fc_mbuf_free(d->m);
	d->m = NULL;
}

int
fc_sockaddr_to(const struct sockaddr *sa, socklen_t len, int domain, struct sctpdk_addr *a,
	       uint16_t *port)
{
	memset(a, 0, sizeof(*a));
	if (sa == NULL || len < (socklen_t)sizeof(sa_family_t))
		return EINVAL;
	if (sa->sa_family == AF_INET) {
		if (len < (socklen_t)sizeof(struct sockaddr_in))
			return EINVAL;
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		a->family = SCTPDK_AF_INET;
		a->u.v4 = in->sin_addr.s_addr;
		*port = ntohs(in->sin_port);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		if (len < (socklen_t)sizeof(struct sockaddr_in6))
			return EINVAL;
		if (domain == AF_INET)
			return EAFNOSUPPORT;
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		*port = ntohs(in6->sin6_port);
		if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
			a->family = SCTPDK_AF_INET;
			memcpy(&a->u.v4, &in6->sin6_addr.s6_addr[12], 4);
		} else {
			a->family = SCTPDK_AF_INET6;
			memcpy(a->u.v6, in6->sin6_addr.s6_addr, 16);
		}
		return 0;
	}
	return EAFNOSUPPORT;
}

socklen_t
fc_sockaddr_from(int domain, const struct sctpdk_addr *a, uint16_t port,
		 struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (domain == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		if (a->family == SCTPDK_AF_INET6) {
			memcpy(in6->sin6_addr.s6_addr, a->u.v6, 16);
		} else if (a->family == SCTPDK_AF_INET) {
			in6->sin6_addr.s6_addr[10] = 0xff;
			in6->sin6_addr.s6_addr[11] = 0xff;
			memcpy(&in6->sin6_addr.s6_addr[12], &a->u.v4, 4);
		}
		return sizeof(*in6);
	}
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	in->sin_family = AF_INET;
	in->sin_port = htons(port);
	in->sin_addr.s_addr = a->family == SCTPDK_AF_INET ? a->u.v4 : 0;
	return sizeof(*in);
}

int
fc_errno_of(int err)
{
	switch (err) {
	case 0:
		return 0;
	case SCTPDK_ERR_INVAL:
		return EINVAL;
	case SCTPDK_ERR_NOMEM:
		return ENOMEM;
	case SCTPDK_ERR_AGAIN:
		return EAGAIN;
	case SCTPDK_ERR_NOTFOUND:
		return EINVAL;
	case SCTPDK_ERR_STATE:
		return EINVAL;
	case SCTPDK_ERR_MSGSIZE:
		return EMSGSIZE;
	case SCTPDK_ERR_UNSUPP:
		return EOPNOTSUPP;
	case SCTPDK_ERR_EXISTS:
		return EADDRINUSE;
	case SCTPDK_ERR_SHUTDOWN:
		return ESHUTDOWN;
	default:
		return -err >= 100 ? ECONNABORTED : EIO;
	}
}
