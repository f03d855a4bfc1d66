/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Close against slot reuse over running stacks (doc/facade.md, "Socket
 * slots"); test/unit/facade/close_race_test.c is the same over the
 * loopback double, with a hook that widens the window.
 *
 * Stack A (lcore 1) holds the clients, stack B (lcores 2 and 3) a
 * TCP-style listener on run-time port 7300 and a UDP-style one on 7301.
 * For a bounded time: 2 threads socket / connect / send / close (TCP-style,
 * ephemeral ports, so run-time endpoints come and go on A), 1 thread
 * accepts and closes, 1 thread socket / sendto / close (UDP-style implicit
 * setup), 1 thread socket / close without connecting, 1 receiver draining
 * the UDP-style listener. Then: every close returned 0, every socket slot
 * is free, both stacks end with no association, and both mbuf pools are
 * whole after the stop.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include <sctpdk/sctpdk_socket.h>

#include "facade_int.h"
#include "rt_fixture.h"
#include "sctpdk_test.h"

#define SA(x)    ((struct sockaddr *)&(x))
#define TCP_PORT 7300
#define UDP_PORT 7301

#ifdef __SANITIZE_ADDRESS__
#define RUN_MS 700
#else
#define RUN_MS 1500
#endif

struct crace {
	volatile int stop;
	int tcp_lsn, udp_lsn;
	unsigned long cycles, connects, refused, closes, close_failed, other_failed;
	int first_errno;
};

static struct sockaddr_in
sin_of(const char *ip, uint16_t port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

static void
sleep_us(long us)
{
	struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
	nanosleep(&ts, NULL);
}

static void
failed(struct crace *r, int is_close)
{
	int e = errno;
	__atomic_add_fetch(is_close ? &r->close_failed : &r->other_failed, 1, __ATOMIC_RELAXED);
	int zero = 0;
	__atomic_compare_exchange_n(&r->first_errno, &zero, e, 0, __ATOMIC_RELAXED,
				    __ATOMIC_RELAXED);
}

static void
do_close(struct crace *r, int sd)
{
	if (sctpdk_close(sd) != 0)
		failed(r, 1);
	__atomic_add_fetch(&r->closes, 1, __ATOMIC_RELAXED);
}

static void *
connector(void *arg)
{
	struct crace *r = arg;
	struct sockaddr_in a = sin_of("198.18.0.2", TCP_PORT);
	while (!r->stop) {
		int sd = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
		if (sd < 0) {
			failed(r, 0);
			sleep_us(1000);
			continue;
		}
		if (sctpdk_connect(sd, SA(a), sizeof(a)) == 0) {
			__atomic_add_fetch(&r->connects, 1, __ATOMIC_RELAXED);
			if (sctpdk_send(sd, "ping", 4, 0) != 4 && errno != EPIPE &&
			    errno != ECONNRESET && errno != ESHUTDOWN)
				failed(r, 0);
		} else if (errno == ECONNREFUSED || errno == ECONNRESET) {
			/* the acceptor is behind: the listener's backlog is full
			 * (the facade aborts what the stack already set up) */
			__atomic_add_fetch(&r->refused, 1, __ATOMIC_RELAXED);
		} else {
			failed(r, 0);
		}
		do_close(r, sd);
		__atomic_add_fetch(&r->cycles, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void *
acceptor(void *arg)
{
	struct crace *r = arg;
	while (!r->stop) {
		int sd = sctpdk_accept(r->tcp_lsn, NULL, NULL);
		if (sd < 0) {
			if (errno != EAGAIN)
				failed(r, 0);
			sleep_us(100);
			continue;
		}
		do_close(r, sd);
	}
	return NULL;
}

static void *
udp_sender(void *arg)
{
	struct crace *r = arg;
	struct sockaddr_in a = sin_of("198.18.0.2", UDP_PORT);
	while (!r->stop) {
		int sd = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		if (sd < 0) {
			failed(r, 0);
			sleep_us(1000);
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
	struct crace *r = arg;
	char buf[64];
	while (!r->stop)
		if (sctpdk_recv(r->udp_lsn, buf, sizeof(buf), MSG_DONTWAIT) < 0)
			sleep_us(100);
	return NULL;
}

static void *
churner(void *arg)
{
	struct crace *r = arg;
	unsigned i = 0;
	while (!r->stop) {
		int sd = sctpdk_socket(AF_INET, (i++ & 1) ? SOCK_STREAM : SOCK_SEQPACKET,
				       IPPROTO_SCTP);
		if (sd < 0) {
			failed(r, 0);
			sleep_us(1000);
			continue;
		}
		do_close(r, sd);
		__atomic_add_fetch(&r->cycles, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void
test_close_vs_slot_reuse(void)
{
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(rt_two_setup(&t, "fcr", NULL), 0);
	t.cfg_a.engine = NULL; /* the protocol core */
	t.cfg_b.engine = NULL;
	CU_ASSERT_EQUAL_FATAL(rt_two_start(&t), 0);
	struct crace *r = calloc(1, sizeof(*r));
	CU_ASSERT_FATAL(r != NULL);

	struct sockaddr_in ta = sin_of("198.18.0.2", TCP_PORT);
	r->tcp_lsn = sctpdk_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CU_ASSERT_FATAL(r->tcp_lsn >= 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_bind(r->tcp_lsn, SA(ta), sizeof(ta)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(r->tcp_lsn, 16), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_fcntl(r->tcp_lsn, F_SETFL, O_NONBLOCK), 0);
	struct sockaddr_in ua = sin_of("198.18.0.2", UDP_PORT);
	r->udp_lsn = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	CU_ASSERT_FATAL(r->udp_lsn >= 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_bind(r->udp_lsn, SA(ua), sizeof(ua)), 0);
	CU_ASSERT_EQUAL_FATAL(sctpdk_listen(r->udp_lsn, 1), 0);

	void *(*fn[])(void *) = {acceptor, udp_receiver, connector, connector, udp_sender, churner};
	enum { N = sizeof(fn) / sizeof(fn[0]) };
	pthread_t th[N];
	for (unsigned i = 0; i < N; i++)
		CU_ASSERT_FATAL(pthread_create(&th[i], NULL, fn[i], r) == 0);
	sleep_us(RUN_MS * 1000L);
	r->stop = 1;
	for (unsigned i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	do_close(r, r->tcp_lsn);
	do_close(r, r->udp_lsn);

	/* graceful shutdowns finish on the lcores; the lcores let go of the
	 * last sockets */
	struct sctpdk_facade *f = __atomic_load_n(&sctpdk_facade_active_, __ATOMIC_ACQUIRE);
	CU_ASSERT_FATAL(f != NULL);
	struct sctpdk_facade_stats st;
	struct sctpdk_stack_stats sa, sb;
	for (int i = 0; i < 500; i++) {
		sctpdk_facade_stats_get(f, &st);
		sctpdk_stack_stats_get(t.a, &sa);
		sctpdk_stack_stats_get(t.b, &sb);
		if (st.sockets == 0 && sa.assocs == 0 && sb.assocs == 0)
			break;
		sleep_us(10000);
	}
	printf("\n    close race (stacks): %lu cycles, %lu connected, %lu refused, %lu closes, "
	       "%lu close / %lu other failures (first errno %d), %" PRIu64 " stale notify "
	       "entries, %" PRIu64 " slots in use, %u + %u associations left\n",
	       r->cycles, r->connects, r->refused, r->closes, r->close_failed, r->other_failed,
	       r->first_errno, st.notify_stale, st.sockets, sa.assocs, sb.assocs);
	CU_ASSERT_EQUAL(r->close_failed, 0);
	CU_ASSERT_EQUAL(r->other_failed, 0);
	CU_ASSERT(r->connects >= 10);
	CU_ASSERT_EQUAL(st.sockets, 0);
	CU_ASSERT_EQUAL(sa.assocs, 0);
	CU_ASSERT_EQUAL(sb.assocs, 0);

	sctpdk_stack_stop(t.a);
	sctpdk_stack_stop(t.b);
	void *fr;
	while (rte_ring_dequeue(t.link.ab, &fr) == 0 || rte_ring_dequeue(t.link.ba, &fr) == 0)
		rte_pktmbuf_free(fr);
	struct rte_mempool *pa = sctpdk_stack_pool(t.a), *pb = sctpdk_stack_pool(t.b);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(pa), pa->size);
	CU_ASSERT_EQUAL(rte_mempool_avail_count(pb), pb->size);
	free(r);
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_facade_close_race, rt_fixture_eal, NULL,
		  SCTPDK_TEST(test_close_vs_slot_reuse))
