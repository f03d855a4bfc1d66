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
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <rte_mempool.h>

#include "facade_int.h"
#include "util.h"

#define TCP_PORT  7100
#define UDP_PORT  7101
#define N_CONNECT 2 /* TCP-style connect / send / close loops */

#ifdef __SANITIZE_ADDRESS__
#define RUN_MS 1000
#else
#define RUN_MS 2000
#endif

struct race {
	struct sctpdk_facade *f;
	volatile int stop;
	int tcp_lsn, udp_lsn;
	/* lcore hook */
	unsigned long detaches, delayed, freed_under_lcore;
	/* application threads */
	unsigned long cycles, closes, close_failed, other_failed;
	int first_errno;
	/* send against close */
	volatile int victim; /* descriptor the racer sends on, -1 none */
	int closing;         /* the closer started closing victim */
	unsigned long late_sends, victims;
};

static void
sleep_us(long us)
{
	struct timespec ts = {0, us * 1000};
	nanosleep(&ts, NULL);
}

static void
on_ctl_done(void *arg, int sd, unsigned type)
{
	struct race *r = arg;
	if (type != FC_CMD_DETACH)
		return;
	if (__atomic_fetch_add(&r->detaches, 1, __ATOMIC_RELAXED) % 2 == 0) {
		__atomic_add_fetch(&r->delayed, 1, __ATOMIC_RELAXED);
		sleep_us(200);
	}
	if (fc_state(&r->f->socks[sd]) != FS_CLOSING)
		__atomic_add_fetch(&r->freed_under_lcore, 1, __ATOMIC_RELAXED);
}

static void
failed(struct race *r, int is_close)
{
	int e = errno;
	__atomic_add_fetch(is_close ? &r->close_failed : &r->other_failed, 1, __ATOMIC_RELAXED);
	int zero = 0;
	__atomic_compare_exchange_n(&r->first_errno, &zero, e, 0, __ATOMIC_RELAXED,
				    __ATOMIC_RELAXED);
}

static void
do_close(struct race *r, int sd)
{
	if (sctpdk_close(sd) != 0)
		failed(r, 1);
	__atomic_add_fetch(&r->closes, 1, __ATOMIC_RELAXED);
}

/* socket / connect / send / close against the TCP-style listener */
static void *
connector(void *arg)
{
	struct race *r = arg;
	struct sockaddr_in a = fc_sin("10.0.0.1", TCP_PORT);
	while (!r->stop) {
		int sd = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
		if (sd < 0) {
			failed(r, 0);
			continue;
		}
		/* the acceptor may be behind (backlog full): refused, or
		 * aborted right after the setup */
		if (sctpdk_connect(sd, SA(a), sizeof(a)) == 0) {
			if (sctpdk_send(sd, "ping", 4, 0) != 4 && errno != EPIPE &&
			    errno != ECONNRESET && errno != ESHUTDOWN)
				failed(r, 0);
		} else if (errno != ECONNREFUSED && errno != ECONNRESET) {
			failed(r, 0);
		}
		do_close(r, sd);
		__atomic_add_fetch(&r->cycles, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/* accepts and closes what the connectors set up */
static void *
acceptor(void *arg)
{
	struct race *r = arg;
	while (!r->stop) {
		int sd = sctpdk_accept(r->tcp_lsn, NULL, NULL);
		if (sd < 0) {
			if (errno != EAGAIN)
				failed(r, 0);
			sleep_us(50);
			continue;
		}
		do_close(r, sd);
	}
	return NULL;
}

/* UDP-style: socket / sendto (implicit setup) / close, and a receiver
 * draining the listening socket */
static void *
udp_sender(void *arg)
{
	struct race *r = arg;
	struct sockaddr_in a = fc_sin("10.0.0.2", UDP_PORT);
	while (!r->stop) {
		int sd = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		if (sd < 0) {
			failed(r, 0);
			continue;
		}
		if (sctpdk_sendto(sd, "udp", 3, 0, SA(a), sizeof(a)) != 3)
			failed(r, 0);
		do_close(r, sd);
		__atomic_add_fetch(&r->cycles, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void *
udp_receiver(void *arg)
{
	struct race *r = arg;
	char buf[64];
	while (!r->stop)
		if (sctpdk_recv(r->udp_lsn, buf, sizeof(buf), MSG_DONTWAIT) < 0)
			sleep_us(50);
	return NULL;
}

/* sockets that are created (sometimes bound) and closed, never connected */
static void *
churner(void *arg)
{
	struct race *r = arg;
	unsigned i = 0;
	while (!r->stop) {
		int sd = sctpdk_socket(AF_INET, (i & 1) ? SOCK_STREAM : SOCK_SEQPACKET,
				       IPPROTO_SCTP);
		if (sd < 0) {
			failed(r, 0);
			continue;
		}
		struct sockaddr_in a = fc_sin("10.0.0.1", 0);
		if ((i++ & 2) && sctpdk_bind(sd, SA(a), sizeof(a)) != 0)
			failed(r, 0);
		do_close(r, sd);
		__atomic_add_fetch(&r->cycles, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/* Keeps sending on a socket until the closer claimed it (victim -2)
 * and closed it (victim -1); at the end it closes an unclaimed one. */
static void *
racer(void *arg)
{
	struct race *r = arg;
	struct sockaddr_in a = fc_sin("10.0.0.2", UDP_PORT);
	while (!r->stop) {
		int sd = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		if (sd < 0) {
			failed(r, 0);
			continue;
		}
		if (sctpdk_sendto(sd, "r", 1, 0, SA(a), sizeof(a)) != 1)
			failed(r, 0);
		__atomic_store_n(&r->closing, 0, __ATOMIC_SEQ_CST);
		__atomic_store_n(&r->victim, sd, __ATOMIC_SEQ_CST);
		while (__atomic_load_n(&r->victim, __ATOMIC_SEQ_CST) == sd) {
			if (r->stop) {
				int v = sd;
				if (__atomic_compare_exchange_n(&r->victim, &v, -1, 0,
								__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
					do_close(r, sd);
				break;
			}
			ssize_t n = sctpdk_sendto(sd, "r", 1, MSG_DONTWAIT, SA(a), sizeof(a));
			int closing = __atomic_load_n(&r->closing, __ATOMIC_SEQ_CST);
			if (n == 1 && closing)
				__atomic_add_fetch(&r->late_sends, 1, __ATOMIC_RELAXED);
			/* once closing, the descriptor may even name a new
			 * socket of another thread: any outcome */
			else if (n != 1 && !closing && errno != EAGAIN)
				failed(r, 0);
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
			if (r->stop)
				break;
			sched_yield();
			continue;
		}
		sleep_us(i++ % 3 * 20); /* let some sends through first */
		if (!__atomic_compare_exchange_n(&r->victim, &sd, -2, 0, __ATOMIC_SEQ_CST,
						 __ATOMIC_SEQ_CST))
			continue; /* the racer closed it itself (end of the run) */
		__atomic_store_n(&r->closing, 1, __ATOMIC_SEQ_CST);
		do_close(r, sd);
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

	void *(*fn[])(void *) = {acceptor, udp_receiver, connector, connector,
				 udp_sender, churner,     racer,     closer};
	enum { N = sizeof(fn) / sizeof(fn[0]) };
	pthread_t th[N];
	/* listeners first: connects and sends are not refused for want of
	 * them */
	struct sockaddr_in ta = fc_sin("10.0.0.1", TCP_PORT);
	r->tcp_lsn = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_FATAL(r->tcp_lsn >= 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_bind(r->tcp_lsn, SA(ta), sizeof(ta)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(r->tcp_lsn, 16), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_fcntl(r->tcp_lsn, F_SETFL, O_NONBLOCK), 0);
	r->udp_lsn = fc_udp_sock("10.0.0.2", UDP_PORT);
	CU_ASSERT_FATAL(r->udp_lsn >= 0);
	for (unsigned i = 0; i < N; i++)
		CU_ASSERT_FATAL(pthread_create(&th[i], NULL, fn[i], r) == 0);
	for (unsigned ms = 0; ms < RUN_MS; ms += 10)
		sleep_us(10000);
	r->stop = 1;
	for (unsigned i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	do_close(r, r->tcp_lsn); /* drops the embryos still queued */
	do_close(r, r->udp_lsn);

	/* the lcore lets go of the last sockets */
	struct sctpdk_facade_stats st;
	for (int i = 0; i < 200; i++) {
		sctpdk_facade_stats_get(r->f, &st);
		if (st.sockets == 0)
			break;
		sleep_us(10000);
	}
	printf("\n    close race: %lu cycles, %lu closes (%lu while sending), %lu DETACH "
	       "(%lu delayed), %lu freed under the lcore, %lu late sends, %" PRIu64
	       " stale notify entries, %lu close / %lu other failures (first errno %d)\n",
	       r->cycles, r->closes, r->victims, r->detaches, r->delayed, r->freed_under_lcore,
	       r->late_sends, st.notify_stale, r->close_failed, r->other_failed, r->first_errno);
	CU_ASSERT_EQUAL(r->close_failed, 0);
	CU_ASSERT_EQUAL(r->other_failed, 0);
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
