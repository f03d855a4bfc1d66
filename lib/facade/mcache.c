/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mbuf caches of application threads.
 *
 * Application threads are not EAL lcores, so DPDK gives them no mempool
 * cache: every mbuf a sendmsg allocates and every one a recvmsg frees would
 * be one operation on the pool's shared ring (a contended compare-and-swap
 * on a cache line every stack lcore also writes). Each application thread
 * instead gets a private rte_mempool_cache per pool it uses (user-owned
 * caches, rte_mempool_cache_create): the ring is touched once per
 * FC_MCACHE_SIZE mbufs, and mbufs this thread freed are the ones it
 * allocates next, still in its CPU's cache.
 *
 * Mbufs sitting in a thread's cache are "in use" for the pool's count, so
 * every cache is flushed back: when the thread exits (a pthread key
 * destructor), and by fc_mcache_flush_all() when a stack stops or leaves
 * the facade (its pool may go away). The caches of all threads are on one
 * process-wide list under a mutex, like the descriptor namespace; the
 * fast path takes no lock. fc_mcache_flush_all() must not run while
 * application threads are inside socket calls (stopping a stack under
 * running calls was never supported).
 */
#include <pthread.h>
#include <stdlib.h>

#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_ring_rts.h>

#include "facade_int.h"

#define FC_MCACHE_SIZE  64
#define FC_MCACHE_BIG   8
#define FC_MCACHE_POOLS 4

struct fc_mcache {
	struct fc_mcache *next;
	int dead; /* flushed by flush_all: start over on the next use */
	unsigned n;
	struct {
		struct rte_mempool *mp;
		struct rte_mempool_cache *c;
	} e[FC_MCACHE_POOLS];
};

static pthread_mutex_t mc_mtx = PTHREAD_MUTEX_INITIALIZER;
static struct fc_mcache *mc_head;
static pthread_key_t mc_key;
static pthread_once_t mc_once = PTHREAD_ONCE_INIT;
static __thread struct fc_mcache *mc_self;

static void
mc_flush(struct fc_mcache *m)
{
	for (unsigned i = 0; i < m->n; i++) {
		rte_mempool_cache_flush(m->e[i].c, m->e[i].mp);
		rte_mempool_cache_free(m->e[i].c);
	}
	m->n = 0;
}

static void
mc_exit(void *arg)
{
	struct fc_mcache *m = arg;
	pthread_mutex_lock(&mc_mtx);
	for (struct fc_mcache **pp = &mc_head; *pp != NULL; pp = &(*pp)->next)
		if (*pp == m) {
			*pp = m->next;
			break;
		}
	mc_flush(m);
	pthread_mutex_unlock(&mc_mtx);
	free(m);
}

static void
mc_init_key(void)
{
	(void)pthread_key_create(&mc_key, mc_exit);
}

/* This thread's cache of pool mp, NULL on an lcore (DPDK's own cache
 * serves it) or when none can be had. */
static struct rte_mempool_cache *
mc_get(struct rte_mempool *mp)
{
	if (rte_lcore_id() != LCORE_ID_ANY)
		return NULL;
	struct fc_mcache *m = mc_self;
	if (m == NULL) {
		pthread_once(&mc_once, mc_init_key);
		m = calloc(1, sizeof(*m));
		if (m == NULL)
			return NULL;
		pthread_mutex_lock(&mc_mtx);
		m->next = mc_head;
		mc_head = m;
		pthread_mutex_unlock(&mc_mtx);
		(void)pthread_setspecific(mc_key, m);
		mc_self = m;
	}
	if (__atomic_load_n(&m->dead, __ATOMIC_ACQUIRE)) {
		/* flush_all emptied and freed the caches */
		m->n = 0;
		__atomic_store_n(&m->dead, 0, __ATOMIC_RELEASE);
	}
	for (unsigned i = 0; i < m->n; i++)
		if (m->e[i].mp == mp)
			return m->e[i].c;
	if (m->n == FC_MCACHE_POOLS)
		return NULL;
	/* big buffers (16 KiB): a few per thread, or the threads' caches
	 * would hold most of a small pool */
	struct rte_mempool_cache *c = rte_mempool_cache_create(
	    mp->elt_size > 8192 ? FC_MCACHE_BIG : FC_MCACHE_SIZE, SOCKET_ID_ANY);
	if (c == NULL)
		return NULL;
	pthread_mutex_lock(&mc_mtx);
	m->e[m->n].mp = mp;
	m->e[m->n].c = c;
	m->n++;
	pthread_mutex_unlock(&mc_mtx);
	return c;
}

struct rte_mbuf *
fc_mbuf_alloc(struct rte_mempool *mp)
{
	struct rte_mempool_cache *c = mc_get(mp);
	if (c == NULL)
		return rte_pktmbuf_alloc(mp);
	void *obj;
	if (rte_mempool_generic_get(mp, &obj, 1, c) != 0)
		return NULL;
	struct rte_mbuf *m = obj;
	/* the next one this thread will take: start loading it now */
	if (c->len > 0)
		rte_prefetch0(c->objs[c->len - 1]);
	rte_pktmbuf_reset(m);
	return m;
}

void
fc_mbuf_free(struct rte_mbuf *m)
{
	while (m != NULL) {
		struct rte_mbuf *next = m->next;
		struct rte_mbuf *f = rte_pktmbuf_prefree_seg(m);
		if (f != NULL) {
			struct rte_mempool_cache *c = mc_get(f->pool);
			if (c != NULL)
				rte_mempool_generic_put(f->pool, (void **)&f, 1, c);
			else
				rte_mbuf_raw_free(f);
		}
		m = next;
	}
}

void
fc_mcache_flush_all(void)
{
	pthread_mutex_lock(&mc_mtx);
	for (struct fc_mcache *m = mc_head; m != NULL; m = m->next) {
		mc_flush(m);
		__atomic_store_n(&m->dead, 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&mc_mtx);
}

void
sctpdk_facade_mbuf_flush(void)
{
	fc_mcache_flush_all();
}

/*
 * Pools on RTS rings, with room to spare.
 *
 * DPDK's mempool never checks a put: rte_mempool_do_generic_put() ignores
 * the ring enqueue's result ("adding in mempool always success"). A
 * classic ring makes that true, because its ring holds every object of
 * the pool. An RTS ring moves its consumer tail only when the last of the
 * consumers overlapping in time finishes, so the objects a finished
 * consumer took (and may already have put back, e.g. a cache flush of 96)
 * still count as in the ring while another consumer is preempted in the
 * middle of its dequeue: with a ring that has room for exactly the pool,
 * that put finds the ring full and its mbufs are lost. The overlap is at
 * most the consumers' head-tail distance limit (htd_max, checked before a
 * consumer moves the head) plus one dequeue. So an RTS ring is used only
 * when the ring's capacity exceeds the pool by at least one dequeue (a
 * cache refill: up to twice the cache size, or a bulk of 64) plus a
 * distance of 32, and htd_max is lowered to what that room allows.
 */
struct rte_mempool *
sctpdk_facade_pool_create(const char *name, unsigned n, unsigned cache, uint16_t room, int socket)
{
	uint32_t cap = rte_align32pow2(n + 1) - 1;
	uint32_t spare = cap - n;
	uint32_t burst = 2 * cache + 64;
	if (spare < burst + 32)
		return rte_pktmbuf_pool_create_by_ops(name, n, cache, 0, room, socket, "ring_mp_mc");
	struct rte_mempool *mp =
	    rte_pktmbuf_pool_create_by_ops(name, n, cache, 0, room, socket, "ring_mt_rts");
	if (mp == NULL)
		return NULL;
	struct rte_ring *r = mp->pool_data;
	if (rte_ring_get_cons_htd_max(r) > spare - burst)
		rte_ring_set_cons_htd_max(r, spare - burst);
	return mp;
}
