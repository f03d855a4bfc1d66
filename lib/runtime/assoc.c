/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Association table: the verification-tag hash (lock-free readers and
 * writers, key slots reclaimed through RCU), the fixed array of
 * association slots with their MPSC inbound rings, and slot reuse after a
 * grace period.
 */
#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_jhash.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_error.h>

#include "rt_priv.h"

static int
make_ring(struct sctpdk_stack *st, struct sctpdk_rt_assoc *a, const char *what, unsigned i,
	  uint32_t size)
{
	char name[RTE_RING_NAMESIZE];
	snprintf(name, sizeof(name), "%s_%s%u", st->tag, what, i);
	a->ring = rte_ring_create(name, size, SOCKET_ID_ANY, RING_F_SC_DEQ);
	if (a->ring == NULL) {
		RT_LOG(ERR, "ring %s: %s", name, rte_strerror(rte_errno));
		return SCTPDK_ERR_NOMEM;
	}
	rte_seqlock_init(&a->snap_lock);
	return 0;
}

/* ---- (endpoint, engine id) index of each owner lcore ------------------ */

static inline uint32_t
id_home(const struct sctpdk_rt_lcore *lc, const struct sctpdk_rt_ep *ep, uint32_t id)
{
	uint64_t k = ((uint64_t)(uintptr_t)ep << 20) ^ id;
	return (uint32_t)((k * 0x9e3779b97f4a7c15ull) >> 32) & lc->ids_mask;
}

static void
id_insert(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_assoc *a)
{
	uint32_t i = id_home(lc, a->ep, a->id);
	while (lc->ids[i] != NULL)
		i = (i + 1) & lc->ids_mask;
	lc->ids[i] = a;
}

static void
id_remove(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_assoc *a)
{
	uint32_t m = lc->ids_mask, i = id_home(lc, a->ep, a->id);
	while (lc->ids[i] != a) {
		if (lc->ids[i] == NULL)
			return;
		i = (i + 1) & m;
	}
	/* backward shift: move later entries of the run into the hole when
	 * their home is not between the hole and them */
	for (uint32_t j = (i + 1) & m; lc->ids[j] != NULL; j = (j + 1) & m) {
		uint32_t h = id_home(lc, lc->ids[j]->ep, lc->ids[j]->id);
		if (((j - h) & m) >= ((j - i) & m)) {
			lc->ids[i] = lc->ids[j];
			i = j;
		}
	}
	lc->ids[i] = NULL;
}

int
sctpdk_rt_table_create(struct sctpdk_stack *st)
{
	char name[RTE_HASH_NAMESIZE];
	unsigned n_lc = st->cfg.n_lcores;

	size_t sz = rte_rcu_qsbr_get_memsize(n_lc);
	st->rcu = rte_zmalloc(NULL, sz, RTE_CACHE_LINE_SIZE);
	if (st->rcu == NULL || rte_rcu_qsbr_init(st->rcu, n_lc) != 0)
		return SCTPDK_ERR_NOMEM;

	snprintf(name, sizeof(name), "%s_vtag", st->tag);
	struct rte_hash_parameters hp = {
	    .name = name,
	    .entries = st->cfg.max_assocs < 8 ? 8 : st->cfg.max_assocs,
	    .key_len = sizeof(struct sctpdk_rt_key),
	    .hash_func = rte_jhash,
	    .socket_id = (int)rte_socket_id(),
	    .extra_flag =
		RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF | RTE_HASH_EXTRA_FLAGS_MULTI_WRITER_ADD,
	};
	st->vtags = rte_hash_create(&hp);
	if (st->vtags == NULL) {
		RT_LOG(ERR, "hash %s: %s", name, rte_strerror(rte_errno));
		return rte_errno == EEXIST ? SCTPDK_ERR_EXISTS : SCTPDK_ERR_NOMEM;
	}
	struct rte_hash_rcu_config rc = {.v = st->rcu, .mode = RTE_HASH_QSBR_MODE_DQ};
	if (rte_hash_rcu_qsbr_add(st->vtags, &rc) != 0)
		return SCTPDK_ERR_NOMEM;

	/* at most half full: every association could sit on one lcore */
	uint32_t n_ids = rte_align32pow2(2 * st->cfg.max_assocs);
	for (unsigned i = 0; i < n_lc; i++) {
		st->lc[i].ids = rte_zmalloc(NULL, sizeof(void *) * n_ids, RTE_CACHE_LINE_SIZE);
		if (st->lc[i].ids == NULL)
			return SCTPDK_ERR_NOMEM;
		st->lc[i].ids_mask = n_ids - 1;
	}
	st->n_slots = st->cfg.max_assocs;
	st->assocs = rte_zmalloc(NULL, sizeof(*st->assocs) * st->n_slots, RTE_CACHE_LINE_SIZE);
	if (st->assocs == NULL)
		return SCTPDK_ERR_NOMEM;
	snprintf(name, sizeof(name), "%s_free", st->tag);
	st->free_slots = rte_ring_create(name, rte_align32pow2(st->n_slots + 1), SOCKET_ID_ANY, 0);
	if (st->free_slots == NULL)
		return SCTPDK_ERR_NOMEM;
	for (uint32_t i = 0; i < st->n_slots; i++) {
		struct sctpdk_rt_assoc *a = &st->assocs[i];
		a->slot = i;
		int rc2 = make_ring(st, a, "a", i, st->cfg.assoc_ring_size);
		if (rc2 != 0)
			return rc2;
		rte_ring_enqueue(st->free_slots, a);
	}
	for (unsigned e = 0; e < st->n_eps; e++) {
		struct sctpdk_rt_assoc *in = &st->eps[e].inbox;
		in->is_inbox = 1;
		in->ep = &st->eps[e];
		in->owner = st->eps[e].cfg.owner;
		in->live = 1;
		int rc2 = make_ring(st, in, "ep", e, st->cfg.ep_ring_size);
		if (rc2 != 0)
			return rc2;
	}
	return 0;
}

static void
drain_ring(struct rte_ring *r)
{
	void *m;
	while (r != NULL && rte_ring_sc_dequeue(r, &m) == 0)
		rte_pktmbuf_free(m);
}

void
sctpdk_rt_table_free(struct sctpdk_stack *st)
{
	if (st->assocs != NULL) {
		for (uint32_t i = 0; i < st->n_slots; i++) {
			struct sctpdk_rt_assoc *a = &st->assocs[i];
			drain_ring(a->ring);
			rte_ring_free(a->ring);
		}
		rte_free(st->assocs);
		st->assocs = NULL;
	}
	for (unsigned e = 0; e < st->n_eps; e++) {
		drain_ring(st->eps[e].inbox.ring);
		rte_ring_free(st->eps[e].inbox.ring);
		st->eps[e].inbox.ring = NULL;
	}
	rte_ring_free(st->free_slots);
	st->free_slots = NULL;
	for (unsigned i = 0; st->lc != NULL && i < st->cfg.n_lcores; i++) {
		rte_free(st->lc[i].ids);
		st->lc[i].ids = NULL;
	}
	rte_hash_free(st->vtags);
	st->vtags = NULL;
	rte_free(st->rcu);
	st->rcu = NULL;
}

struct sctpdk_rt_assoc *
sctpdk_rt_table_lookup(struct sctpdk_stack *st, uint32_t vtag_be, uint16_t lport_be)
{
	struct sctpdk_rt_key k = {.vtag = vtag_be, .lport = lport_be, .zero = 0};
	void *data;
	if (rte_hash_lookup_data(st->vtags, &k, &data) < 0)
		return NULL;
	return data;
}

struct sctpdk_rt_assoc *
sctpdk_rt_assoc_add(struct sctpdk_rt_ep *ep, uint32_t assoc_id, uint32_t local_vtag, unsigned owner,
		    void *priv, int *err)
{
	struct sctpdk_stack *st = ep->st;
	struct sctpdk_rt_assoc *a;
	int dummy;
	if (err == NULL)
		err = &dummy;
	if (owner >= st->cfg.n_lcores) {
		*err = SCTPDK_ERR_INVAL;
		return NULL;
	}
	if (rte_ring_dequeue(st->free_slots, (void **)&a) != 0) {
		*err = SCTPDK_ERR_AGAIN;
		return NULL;
	}
	struct sctpdk_rt_key k = {.vtag = rte_cpu_to_be_32(local_vtag),
				  .lport = rte_cpu_to_be_16(ep->cfg.local_port)};
	if (sctpdk_rt_table_lookup(st, k.vtag, k.lport) != NULL) {
		rte_ring_enqueue(st->free_slots, a);
		*err = SCTPDK_ERR_EXISTS;
		return NULL;
	}
	a->ep = ep;
	a->id = assoc_id;
	a->vtag = local_vtag;
	a->owner = owner;
	a->priv = priv;
	a->rx_packets = 0;
	a->handoffs = 0;
	__atomic_store_n(&a->snap_dirty, 0, __ATOMIC_RELAXED);
	a->is_inbox = 0;
	__atomic_store_n(&a->ready, 0, __ATOMIC_RELAXED);
	memset(&a->snap, 0, sizeof(a->snap));
	__atomic_store_n(&a->live, 1, __ATOMIC_RELEASE);
	/* the hash publishes the slot with release ordering */
	int rc = rte_hash_add_key_data(st->vtags, &k, a);
	if (rc < 0) {
		__atomic_store_n(&a->live, 0, __ATOMIC_RELEASE);
		rte_ring_enqueue(st->free_slots, a);
		*err = rc == -ENOSPC ? SCTPDK_ERR_AGAIN : SCTPDK_ERR_NOMEM;
		return NULL;
	}
	id_insert(&st->lc[owner], a);
	sctpdk_rt_snapshot(a);
	*err = 0;
	return a;
}

void
sctpdk_rt_assoc_del(struct sctpdk_rt_assoc *a)
{
	struct sctpdk_stack *st = a->ep->st;
	struct sctpdk_rt_key k = {.vtag = rte_cpu_to_be_32(a->vtag),
				  .lport = rte_cpu_to_be_16(a->ep->cfg.local_port)};
	if (!a->live)
		return;
	id_remove(&st->lc[a->owner], a);
	rte_hash_del_key(st->vtags, &k);
	__atomic_store_n(&a->live, 0, __ATOMIC_RELEASE);
	a->del_token = rte_rcu_qsbr_start(st->rcu);
	int self = sctpdk_rt_lcore_index(st);
	if (self < 0) {
		/* control thread, lcores stopped: reuse at once */
		void *m;
		while (rte_ring_sc_dequeue(a->ring, &m) == 0)
			rte_pktmbuf_free(m);
		__atomic_store_n(&a->ready, 0, __ATOMIC_RELAXED);
		rte_ring_enqueue(st->free_slots, a);
		return;
	}
	struct sctpdk_rt_lcore *lc = &st->lc[self];
	if (lc->n_pending == RT_PENDING_MAX)
		sctpdk_rt_pending_run(lc, 1);
	lc->pending[lc->n_pending++] = a;
}

/*
 * Give back the slots whose grace period has passed: no RX lcore can
 * still hold them from a lookup, so after draining what is in the ring
 * (and once the owner no longer has them on its ready ring) they are free.
 * force: wait for the grace period (pending list full).
 */
void
sctpdk_rt_pending_run(struct sctpdk_rt_lcore *lc, int force)
{
	struct sctpdk_stack *st = lc->st;
	unsigned keep = 0;
	for (unsigned i = 0; i < lc->n_pending; i++) {
		struct sctpdk_rt_assoc *a = lc->pending[i];
		int done = 0;
		if (rte_rcu_qsbr_check(st->rcu, a->del_token, false) == 1 &&
		    __atomic_load_n(&a->ready, __ATOMIC_ACQUIRE) == 0) {
			void *m;
			while (rte_ring_sc_dequeue(a->ring, &m) == 0) {
				rte_pktmbuf_free(m);
				lc->stats.drop[SCTPDK_RT_DROP_STALE_ASSOC]++;
			}
			if (a->is_inbox) /* a run-time endpoint (run_ep.c) */
				sctpdk_rt_dyn_reclaim(a->ep);
			else
				rte_ring_enqueue(st->free_slots, a);
			done = 1;
		}
		if (!done)
			lc->pending[keep++] = a;
	}
	lc->n_pending = keep;
	if (force && keep == RT_PENDING_MAX) {
		/* grace periods need the other lcores to pass their quiescent
		 * point: report ours and spin until the oldest is reclaimed */
		rte_rcu_qsbr_quiescent(st->rcu, lc->index);
		rte_rcu_qsbr_check(st->rcu, lc->pending[0]->del_token, true);
		sctpdk_rt_pending_run(lc, 0);
	}
}

void *
sctpdk_rt_assoc_priv(const struct sctpdk_rt_assoc *a)
{
	return a->priv;
}

uint32_t
sctpdk_rt_assoc_id(const struct sctpdk_rt_assoc *a)
{
	return a->id;
}

uint32_t
sctpdk_rt_assoc_vtag(const struct sctpdk_rt_assoc *a)
{
	return a->vtag;
}

unsigned
sctpdk_rt_assoc_owner(const struct sctpdk_rt_assoc *a)
{
	return a->owner;
}

static struct sctpdk_rt_assoc *
id_find(const struct sctpdk_rt_lcore *lc, const struct sctpdk_rt_ep *ep, uint32_t assoc_id)
{
	for (uint32_t i = id_home(lc, ep, assoc_id);; i = (i + 1) & lc->ids_mask) {
		struct sctpdk_rt_assoc *a = lc->ids[i];
		if (a == NULL)
			return NULL;
		if (a->ep == ep && a->id == assoc_id)
			return a;
	}
}

/* On a stack lcore: the associations it owns; elsewhere (control thread,
 * lcores stopped): every lcore's. */
struct sctpdk_rt_assoc *
sctpdk_rt_assoc_find(struct sctpdk_rt_ep *ep, uint32_t assoc_id)
{
	struct sctpdk_stack *st = ep->st;
	int self = sctpdk_rt_lcore_index(st);
	if (self >= 0)
		return id_find(&st->lc[self], ep, assoc_id);
	for (unsigned i = 0; i < st->cfg.n_lcores; i++) {
		struct sctpdk_rt_assoc *a = id_find(&st->lc[i], ep, assoc_id);
		if (a != NULL)
			return a;
	}
	return NULL;
}

void
sctpdk_rt_assoc_sent(struct sctpdk_rt_assoc *a, uint32_t bytes)
{
	struct sctpdk_stack *st = a->ep->st;
	a->sent_bytes += bytes;
	int self = sctpdk_rt_lcore_index(st);
	if (self >= 0 && (unsigned)self == a->owner)
		sctpdk_rt_snapshot_later(&st->lc[self], a);
	else
		sctpdk_rt_snapshot(a);
}

/* A snapshot per packet and per send cost ~5% of the lcores' cycles with
 * small messages (a walk of the engine's association state and a 200-byte
 * seqlocked copy each); once per iteration is enough for readers on other
 * threads, and the owner's own reads refresh it first
 * (sctpdk_stack_assoc_info). */
void
sctpdk_rt_snapshot_later(struct sctpdk_rt_lcore *lc, struct sctpdk_rt_assoc *a)
{
	if (a->snap_dirty)
		return;
	if (lc->n_dirty == RT_DIRTY_MAX) {
		sctpdk_rt_snapshot(a);
		return;
	}
	__atomic_store_n(&a->snap_dirty, 1, __ATOMIC_RELAXED);
	lc->dirty[lc->n_dirty++] = a;
}

void
sctpdk_rt_snapshot_flush(struct sctpdk_rt_lcore *lc)
{
	/* an association deleted meanwhile is not live; a slot reused since
	 * starts clean (a slot comes back only after this lcore's quiescent
	 * point, which follows a flush) */
	for (unsigned i = 0; i < lc->n_dirty; i++) {
		struct sctpdk_rt_assoc *a = lc->dirty[i];
		if (a->snap_dirty && __atomic_load_n(&a->live, __ATOMIC_ACQUIRE))
			sctpdk_rt_snapshot(a);
		__atomic_store_n(&a->snap_dirty, 0, __ATOMIC_RELAXED);
	}
	lc->n_dirty = 0;
}

void
sctpdk_rt_snapshot(struct sctpdk_rt_assoc *a)
{
	struct sctpdk_stack *st = a->ep->st;
	__atomic_store_n(&a->snap_dirty, 0, __ATOMIC_RELAXED);
	struct sctpdk_rt_assoc_info info;
	memset(&info, 0, sizeof(info));
	info.rt_id = a->slot + 1;
	info.id = a->id;
	info.ep = a->ep->index;
	info.local_vtag = a->vtag;
	info.local_port = a->ep->cfg.local_port;
	info.owner_lcore = st->cfg.lcores[a->owner];
	info.rx_packets = a->rx_packets;
	info.handoffs = a->handoffs;
	info.sent_bytes = a->sent_bytes;
	info.state_name = "";
	if (st->eng->assoc_snapshot != NULL)
		st->eng->assoc_snapshot(a->ep->state, a, &info);
	rte_seqlock_write_lock(&a->snap_lock);
	a->snap = info;
	rte_seqlock_write_unlock(&a->snap_lock);
}

unsigned
sctpdk_stack_assoc_ids(const struct sctpdk_stack *st, uint32_t *ids, unsigned n)
{
	unsigned total = 0;
	for (uint32_t i = 0; i < st->n_slots; i++) {
		if (!__atomic_load_n(&st->assocs[i].live, __ATOMIC_ACQUIRE))
			continue;
		if (total < n)
			ids[total] = i + 1;
		total++;
	}
	return total;
}

int
sctpdk_stack_assoc_info(const struct sctpdk_stack *st, uint32_t rt_id,
			struct sctpdk_rt_assoc_info *info)
{
	if (rt_id == 0 || rt_id > st->n_slots)
		return SCTPDK_ERR_NOTFOUND;
	struct sctpdk_rt_assoc *a = &st->assocs[rt_id - 1];
	uint32_t sn;
	/* the owner reads what it did a moment ago (a deferred snapshot) */
	if (__atomic_load_n(&a->snap_dirty, __ATOMIC_RELAXED) &&
	    __atomic_load_n(&a->live, __ATOMIC_ACQUIRE)) {
		int self = sctpdk_rt_lcore_index(st);
		if (self >= 0 && (unsigned)self == a->owner)
			sctpdk_rt_snapshot(&((struct sctpdk_stack *)st)->assocs[rt_id - 1]);
	}
	do {
		if (!__atomic_load_n(&a->live, __ATOMIC_ACQUIRE))
			return SCTPDK_ERR_NOTFOUND;
		sn = rte_seqlock_read_begin(&a->snap_lock);
		*info = a->snap;
	} while (rte_seqlock_read_retry(&a->snap_lock, sn));
	return 0;
}

/* Addresses travel with a handed-off mbuf in its headroom, where the
 * stripped L2/L3 headers were. */
void
sctpdk_rt_stash_addrs(struct rte_mbuf *m, const struct sctpdk_addr *src,
		      const struct sctpdk_addr *dst)
{
	char *p = rte_pktmbuf_mtod(m, char *) - RT_STASH_LEN;
	memcpy(p, src, sizeof(*src));
	memcpy(p + sizeof(*src), dst, sizeof(*dst));
}

void
sctpdk_rt_unstash_addrs(const struct rte_mbuf *m, struct sctpdk_addr *src, struct sctpdk_addr *dst)
{
	const char *p = rte_pktmbuf_mtod(m, const char *) - RT_STASH_LEN;
	memcpy(src, p, sizeof(*src));
	memcpy(dst, p + sizeof(*src), sizeof(*dst));
}
