/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mcache.c: pools shared by application threads and lcores. An RTS ring
 * only where the ring has room to spare for its consumers' overlap (a put
 * into a full ring is ignored by the mempool and loses its mbufs), else
 * the classic ring; the consumers' head-tail distance bounded by that room.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_ring_rts.h>

#include "sctpdk_facade.h"
#include "sctpdk_test.h"

static const char *
ops_name(const struct rte_mempool *mp)
{
	return rte_mempool_get_ops(mp->ops_index)->name;
}

/* n mbufs with lcore caches of `cache`: which ring, and the bound */
static void
check_pool(const char *name, unsigned n, unsigned cache, int want_rts)
{
	struct rte_mempool *mp = sctpdk_facade_pool_create(name, n, cache, 256, SOCKET_ID_ANY);
	CU_ASSERT_FATAL(mp != NULL);
	CU_ASSERT_EQUAL(mp->size, n);
	struct rte_ring *r = mp->pool_data;
	CU_ASSERT_STRING_EQUAL(ops_name(mp), want_rts ? "ring_mt_rts" : "ring_mp_mc");
	CU_ASSERT(r->capacity >= n);
	if (want_rts) {
		uint32_t spare = r->capacity - n;
		/* distance limit + one dequeue (cache refill or bulk) fit */
		CU_ASSERT(rte_ring_get_cons_htd_max(r) + 2 * cache + 64 <= spare);
		CU_ASSERT(rte_ring_get_cons_htd_max(r) >= 32);
	}
	/* every mbuf can be taken and given back */
	struct rte_mbuf *m[64];
	unsigned got = 0;
	while (got < n) {
		unsigned k = n - got < 64 ? n - got : 64;
		if (rte_pktmbuf_alloc_bulk(mp, m, k) != 0)
			break;
		got += k;
		for (unsigned i = 0; i < k; i++)
			rte_pktmbuf_free(m[i]);
	}
	CU_ASSERT_EQUAL(got, n);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), n);
	rte_mempool_free(mp);
}

static void
test_pool_ring_choice(void)
{
	/* 2^k - 1: the ring holds exactly the pool, no room: classic ring */
	check_pool("mct_full256", 2047, 256, 0);
	check_pool("mct_full0", 511, 0, 0);
	/* room for a refill of 2 x 256 + 64 and a distance of 32 */
	check_pool("mct_rts256", 2047 - 640, 256, 1);
	check_pool("mct_edge256", 2047 - 607, 256, 0); /* one short */
	check_pool("mct_rts0", 511 - 96, 0, 1);
	check_pool("mct_edge0", 511 - 95, 0, 0);
	/* the runtime's defaults (doc/runtime.md) */
	check_pool("mct_dflt", 7167, 256, 1);
	check_pool("mct_dflt_big", 383, 0, 1);
}

/* Threads without an lcore (application threads) with caches of their
 * own take mbufs a few at a time up to a few hundred and give them back:
 * cache refills and flushes of 96 on the pool's ring, 16 threads on the
 * machine's CPUs, so consumers get preempted inside a dequeue. */
struct churn {
	struct rte_mempool *mp;
	volatile int stop;
};

static void *
churn_thread(void *arg)
{
	struct churn *ch = arg;
	struct rte_mempool_cache *c = rte_mempool_cache_create(64, SOCKET_ID_ANY);
	if (c == NULL)
		return NULL;
	void *o[512];
	unsigned seed = (unsigned)(uintptr_t)&o;
	while (!ch->stop) {
		unsigned tot = 0, want = 64 + (unsigned)rand_r(&seed) % 400;
		while (tot < want) {
			unsigned k = 1 + (unsigned)rand_r(&seed) % 8;
			if (rte_mempool_generic_get(ch->mp, o + tot, k, c) != 0)
				break;
			tot += k;
		}
		for (unsigned i = 0; i < tot; i++)
			rte_mempool_generic_put(ch->mp, o + i, 1, c);
	}
	rte_mempool_cache_flush(c, ch->mp);
	rte_mempool_cache_free(c);
	return NULL;
}

/* mbufs missing from mp after the churn */
static unsigned
churn_loss(struct rte_mempool *mp, int ms)
{
	struct churn ch = {.mp = mp};
	pthread_t th[16];
	unsigned n = 0;
	for (; n < 16; n++)
		if (pthread_create(&th[n], NULL, churn_thread, &ch) != 0)
			break;
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
	ch.stop = 1;
	for (unsigned i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	CU_ASSERT_EQUAL(n, 16);
	return mp->size - rte_mempool_avail_count(mp);
}

#ifdef __SANITIZE_ADDRESS__
#define CHURN_MS 500
#else
#define CHURN_MS 1500
#endif

static void
test_pool_loses_nothing(void)
{
	/* the bare RTS ring holding exactly the pool: printed for reference
	 * (it loses mbufs when a consumer is preempted at the wrong moment;
	 * how often depends on the machine, so it is not asserted) */
	struct rte_mempool *raw = rte_pktmbuf_pool_create_by_ops(
	    "mct_raw_rts", 16383, 64, 0, 256, SOCKET_ID_ANY, "ring_mt_rts");
	CU_ASSERT_FATAL(raw != NULL);
	unsigned lost_raw = churn_loss(raw, CHURN_MS);
	rte_mempool_free(raw);
	/* the same churn on a pool from sctpdk_facade_pool_create */
	struct rte_mempool *mp = sctpdk_facade_pool_create("mct_churn", 16383 - 1024, 64, 256,
							   SOCKET_ID_ANY);
	CU_ASSERT_FATAL(mp != NULL);
	CU_ASSERT_STRING_EQUAL(ops_name(mp), "ring_mt_rts");
	unsigned lost = churn_loss(mp, CHURN_MS);
	printf("\n    pool churn, %d ms x 16 threads: bare RTS ring of 16383 lost %u mbufs, "
	       "sctpdk_facade_pool_create's lost %u\n",
	       CHURN_MS, lost_raw, lost);
	CU_ASSERT_EQUAL(lost, 0);
	rte_mempool_free(mp);
}

SCTPDK_TEST_SUITE(facade_mcache, sctpdk_test_eal_init, NULL, SCTPDK_TEST(test_pool_ring_choice),
		  SCTPDK_TEST(test_pool_loses_nothing))
