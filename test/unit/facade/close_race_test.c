/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Close against slot reuse (doc/facade.md, "Socket slots"): application
 * threads create, connect, send on and close sockets as fast as they can
 * while others create sockets, so that closed slots are reused at once,
 * and one thread keeps sending on a socket another one closes (commands
 * that reach the lcore after the socket was released).
 *
 * A hook runs on the lcore right after it published the result of each
 * DETACH (the moment close() may return) and, every other time, stays
 * there 200 us, so the closing thread has time to drop its reference and
 * a new socket to take the slot. The lcore still works on the socket at
 * that point, so the slot must still be that CLOSING socket: the hook
 * counts every time it is not (freed or reused under the lcore).
 *
 * At the end: every close returned 0, nothing was freed under the lcore,
 * every slot is free again, skipped notify entries are bounded by what
 * can make them, and the mbuf pool is whole once the lcore stopped.
 */
#include <inttypes.h>
#include <sched.h>

#include <rte_mempool.h>

#include "close_race_workers.h"
#include "facade_int.h"
#include "util.h"

#define TCP_PORT 7100
#define UDP_PORT 7101

#ifdef __SANITIZE_ADDRESS__
#define RUN_MS 1000
#else
#define RUN_MS 2000
#endif

struct race {
	struct cr_race c; /* first: the shared threads take a struct race too */
	struct sctpdk_facade *f;
	/* lcore hook */
	unsigned long detaches, delayed, freed_under_lcore;
	/* send against close */
	volatile int victim; /* descriptor the racer sends on, -1 none */
	int closing;         /* the closer started closing victim */
	unsigned long late_sends, victims;
};

static void
on_ctl_done(void *arg, int sd, unsigned type)
{
	struct race *r = arg;
	if (type != FC_CMD_DETACH)
		return;
	if (__atomic_fetch_add(&r->detaches, 1, __ATOMIC_RELAXED) % 2 == 0) {
		__atomic_add_fetch(&r->delayed, 1, __ATOMIC_RELAXED);
		cr_sleep_us(200);
	}
	if (fc_state(&r->f->socks[sd]) != FS_CLOSING)
		__atomic_add_fetch(&r->freed_under_lcore, 1, __ATOMIC_RELAXED);
}

/* Keeps sending on a socket until the closer claimed it (victim -2)
 * and closed it (victim -1); at the end it closes an unclaimed one. */
static void *
racer(void *arg)
{
	struct race *r = arg;
	struct sockaddr_in a = r->c.udp_addr;
	while (!r->c.stop) {
		int sd = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		if (sd < 0) {
			cr_failed(&r->c, 0);
			continue;
		}
		if (sctpdk_sendto(sd, "r", 1, 0, SA(a), sizeof(a)) != 1)
			cr_failed(&r->c, 0);
		__atomic_store_n(&r->closing, 0, __ATOMIC_SEQ_CST);
		__atomic_store_n(&r->victim, sd, __ATOMIC_SEQ_CST);
		while (__atomic_load_n(&r->victim, __ATOMIC_SEQ_CST) == sd) {
			if (r->c.stop) {
				int v = sd;
				if (__atomic_compare_exchange_n(&r->victim, &v, -1, 0,
								__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
					cr_close(&r->c, sd);
				break;
			}
			ssize_t n = sctpdk_sendto(sd, "r", 1, MSG_DONTWAIT, SA(a), sizeof(a));
			int closing = __atomic_load_n(&r->closing, __ATOMIC_SEQ_CST);
			if (n == 1 && closing)
				__atomic_add_fetch(&r->late_sends, 1, __ATOMIC_RELAXED);
			/* once closing, the descriptor may even name a new
			 * socket of another thread: any outcome */
			else if (n != 1 && !closing && errno != EAGAIN)
				cr_failed(&r->c, 0);
		}
		/* the closer finishes its close */
		while (__atomic_load_n(&r->victim, __ATOMIC_SEQ_CST) != -1)
			sched_yield();
	}
	return NULL;
}

static void *
closer(void *arg)
{
	struct race *r = arg;
	unsigned i = 0;
	for (;;) {
		int sd = __atomic_load_n(&r->victim, __ATOMIC_SEQ_CST);
		if (sd < 0) {
			if (r->c.stop)
				break;
			sched_yield();
			continue;
		}
		cr_sleep_us(i++ % 3 * 20); /* let some sends through first */
		if (!__atomic_compare_exchange_n(&r->victim, &sd, -2, 0, __ATOMIC_SEQ_CST,
						 __ATOMIC_SEQ_CST))
			continue; /* the racer closed it itself (end of the run) */
		__atomic_store_n(&r->closing, 1, __ATOMIC_SEQ_CST);
		cr_close(&r->c, sd);
		__atomic_add_fetch(&r->victims, 1, __ATOMIC_RELAXED);
		__atomic_store_n(&r->victim, -1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static void
test_close_vs_slot_reuse(void)
{
	struct race *r = calloc(1, sizeof(*r));
	CU_ASSERT_FATAL(r != NULL);
	r->victim = -1;
	r->c.tcp_addr = fc_sin("10.0.0.1", TCP_PORT);
	r->c.udp_addr = fc_sin("10.0.0.2", UDP_PORT);
	r->c.churn_bind = 1;
	r->c.churn_addr = fc_sin("10.0.0.1", 0);
	r->c.poll_us = 50;
	struct sctpdk_facade_config cfg;
	sctpdk_facade_config_default(&cfg);
	cfg.max_sockets = 64; /* few slots: closed ones are taken again at once */
	cfg.ctl_done_hook = on_ctl_done;
	cfg.ctl_done_hook_arg = r;
	struct lb_stack *lb = lb_start_cfg(&cfg);
	CU_ASSERT_FATAL(lb != NULL);
	r->f = lb_facade(lb);
	struct rte_mempool *mp = cfg.pool;
	sctpdk_facade_mbuf_flush();
	unsigned pool_before = rte_mempool_avail_count(mp);

	/* listeners first: connects and sends are not refused for want of
	 * them; 2 TCP-style connect / send / close loops */
	cr_listen(&r->c);
	void *(*const fn[])(void *) = {cr_acceptor,   cr_udp_receiver, cr_connector, cr_connector,
				       cr_udp_sender, cr_churner,      racer,        closer};
	cr_run(&r->c, fn, sizeof(fn) / sizeof(fn[0]), RUN_MS);

	/* the lcore lets go of the last sockets */
	struct sctpdk_facade_stats st;
	for (int i = 0; i < 200; i++) {
		sctpdk_facade_stats_get(r->f, &st);
		if (st.sockets == 0)
			break;
		cr_sleep_us(10000);
	}
	printf("\n    close race: %lu cycles, %lu closes (%lu while sending), %lu DETACH "
	       "(%lu delayed), %lu freed under the lcore, %lu late sends, %" PRIu64
	       " stale notify entries, %lu close / %lu other failures (first errno %d)\n",
	       r->c.cycles, r->c.closes, r->victims, r->detaches, r->delayed,
	       r->freed_under_lcore, r->late_sends, st.notify_stale, r->c.close_failed,
	       r->c.other_failed, r->c.first_errno);
	CU_ASSERT_EQUAL(r->c.close_failed, 0);
	CU_ASSERT_EQUAL(r->c.other_failed, 0);
	CU_ASSERT_EQUAL(r->freed_under_lcore, 0);
	CU_ASSERT(r->detaches >= 50); /* the window was really exercised */
	CU_ASSERT(r->victims >= 5);
	CU_ASSERT_EQUAL(st.sockets, 0);
	/* a stale entry is a notify entry still pending when DETACH released
	 * the socket (one per socket at most) or one made by a send that
	 * raced the close */
	CU_ASSERT(st.notify_stale <= r->detaches + r->late_sends);

	lb_stop(lb);
	sctpdk_facade_mbuf_flush();
	CU_ASSERT_EQUAL(rte_mempool_avail_count(mp), pool_before);
	free(r);
}

SCTPDK_TEST_SUITE(facade_close_race, NULL, NULL, SCTPDK_TEST(test_close_vs_slot_reuse))
