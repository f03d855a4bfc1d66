/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threaded stress of the socket API on running stacks: stack A (lcore 1)
 * with 4 UDP-style client sockets on 4 endpoints, stack B (lcores 2, 3)
 * with 4 UDP-style server sockets on 4 endpoints spread over both lcores;
 * every client associates with every server (16 associations). 8
 * application threads: 4 senders (one per client socket, blocking sendmsg,
 * round robin over the 4 servers), 2 blocking readers and 2 sctpdk_poll
 * readers (one per server socket). Each (client, server) flow is one
 * stream: every message must arrive exactly once and in order. A watchdog
 * closes the sockets (waking blocked readers with EBADF) if it stalls.
 *
 * Messages: SCTPDK_STRESS_MSGS (default 200000; the ASan tree runs fewer,
 * the count is printed).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sctpdk/sctpdk_socket.h>

#include "sctpdk_test.h"

#include "rt_fixture.h"

#define NC 4 /* client sockets / sender threads */
#define NS 4 /* server sockets / reader threads */
#define SA(x) ((struct sockaddr *)&(x))

struct stress {
	int cli[NC], srv[NS];
	struct sockaddr_in srv_addr[NS];
	unsigned per_flow;
	/* per server: next expected seq per client (by client port) */
	unsigned next[NS][NC];
	unsigned long got[NS];
	unsigned bad[NS];
	unsigned send_fail[NC];
	int first_errno[NC];
	volatile int stop;
};

struct msg {
	uint32_t cli, srv, seq, check;
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

struct targ {
	struct stress *s;
	unsigned i;
};

static void *
sender(void *arg)
{
	struct targ *t = arg;
	struct stress *s = t->s;
	for (unsigned q = 0; q < s->per_flow && !s->stop; q++)
		for (unsigned k = 0; k < NS; k++) {
			struct msg m = {t->i, k, q, t->i * 7919u + k * 104729u + q};
			struct iovec iov = {.iov_base = &m, .iov_len = sizeof(m)};
			struct msghdr h = {.msg_name = &s->srv_addr[k],
					   .msg_namelen = sizeof(s->srv_addr[k]),
					   .msg_iov = &iov,
					   .msg_iovlen = 1};
			if (sctpdk_sendmsg(s->cli[t->i], &h, 0) != (ssize_t)sizeof(m)) {
				if (s->send_fail[t->i]++ == 0)
					s->first_errno[t->i] = errno;
			}
		}
	return NULL;
}

/* one message; 1 taken, 0 notification, -1 error */
static int
take(struct stress *s, unsigned k, int flags)
{
	struct msg m;
	struct iovec iov = {.iov_base = &m, .iov_len = sizeof(m)};
	struct msghdr h = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t n = sctpdk_recvmsg(s->srv[k], &h, flags);
	if (n < 0)
		return -1;
	if (h.msg_flags & MSG_NOTIFICATION)
		return 0;
	if (n != (ssize_t)sizeof(m) || m.srv != k || m.cli >= NC ||
	    m.check != m.cli * 7919u + k * 104729u + m.seq || m.seq != s->next[k][m.cli]) {
		s->bad[k]++;
		if (m.cli < NC)
			s->next[k][m.cli] = m.seq + 1;
	} else {
		s->next[k][m.cli]++;
	}
	s->got[k]++;
	return 1;
}

static void *
reader_blocking(void *arg)
{
	struct targ *t = arg;
	struct stress *s = t->s;
	while (s->got[t->i] < (unsigned long)s->per_flow * NC)
		if (take(s, t->i, 0) < 0)
			break;
	return NULL;
}

static void *
reader_poll(void *arg)
{
	struct targ *t = arg;
	struct stress *s = t->s;
	while (s->got[t->i] < (unsigned long)s->per_flow * NC && !s->stop) {
		struct sctpdk_pollfd p = {.fd = s->srv[t->i], .events = POLLIN};
		int r = sctpdk_poll(&p, 1, 100);
		if (r < 0 || (p.revents & (POLLNVAL | POLLERR)))
			break;
		if (r == 0)
			continue;
		while (take(s, t->i, MSG_DONTWAIT) >= 0)
			;
	}
	return NULL;
}

static double
mono_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_udp_style_16_assocs_8_threads(void)
{
	const char *env = getenv("SCTPDK_STRESS_MSGS");
	unsigned total = env != NULL ? (unsigned)strtoul(env, NULL, 10) : 200000;
	if (total < NC * NS)
		total = NC * NS;
	struct rt_two t;
	CU_ASSERT_EQUAL_FATAL(rt_two_setup(&t, "fgs", NULL), 0);
	t.cfg_a.engine = NULL;
	t.cfg_b.engine = NULL;
	t.cfg_a.n_eps = NC;
	t.cfg_b.n_eps = NS;
	for (unsigned i = 0; i < NC; i++)
		t.cfg_a.eps[i] = (struct sctpdk_rt_ep_cfg){(uint16_t)(5100 + i), 0, 0};
	for (unsigned k = 0; k < NS; k++)
		t.cfg_b.eps[k] = (struct sctpdk_rt_ep_cfg){(uint16_t)(6100 + k), 1, k % 2};
	t.cfg_a.n_mbufs = t.cfg_b.n_mbufs = 16383;
	t.cfg_a.idle_sleep_us = t.cfg_b.idle_sleep_us = 50;
	CU_ASSERT_EQUAL_FATAL(rt_two_start(&t), 0);

	struct stress *s = calloc(1, sizeof(*s));
	s->per_flow = total / (NC * NS);
	printf("\n    stress: %u messages (%u per flow, 16 associations, 8 threads; "
	       "SCTPDK_STRESS_MSGS)\n",
	       s->per_flow * NC * NS, s->per_flow);
	for (unsigned k = 0; k < NS; k++) {
		s->srv_addr[k] = sin_of("198.18.0.2", (uint16_t)(6100 + k));
		s->srv[k] = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		CU_ASSERT_FATAL(s->srv[k] >= 0);
		CU_ASSERT_EQUAL(sctpdk_bind(s->srv[k], SA(s->srv_addr[k]), sizeof(s->srv_addr[k])), 0);
		CU_ASSERT_EQUAL_FATAL(sctpdk_listen(s->srv[k], 1), 0);
	}
	for (unsigned i = 0; i < NC; i++) {
		struct sockaddr_in a = sin_of("198.18.0.1", (uint16_t)(5100 + i));
		s->cli[i] = sctpdk_socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		CU_ASSERT_FATAL(s->cli[i] >= 0);
		CU_ASSERT_EQUAL(sctpdk_bind(s->cli[i], SA(a), sizeof(a)), 0);
		/* bytes bound what waits in the facade; small messages cost an
		 * mbuf each, so keep it at 512 of them per socket */
		int sb = 512 * (int)sizeof(struct msg);
		CU_ASSERT_EQUAL(sctpdk_setsockopt(s->cli[i], SOL_SOCKET, SO_SNDBUF, &sb, sizeof(sb)), 0);
	}
	double t0 = mono_s();
	pthread_t th[NC + NS];
	struct targ ta[NC + NS];
	for (unsigned i = 0; i < NC; i++) {
		ta[i] = (struct targ){s, i};
		pthread_create(&th[i], NULL, sender, &ta[i]);
	}
	for (unsigned k = 0; k < NS; k++) {
		ta[NC + k] = (struct targ){s, k};
		pthread_create(&th[NC + k], NULL, k < 2 ? reader_blocking : reader_poll, &ta[NC + k]);
	}
	/* watchdog: progress at least every 10 s */
	unsigned long last = 0;
	double seen = mono_s();
	int stalled = 0;
	for (;;) {
		unsigned long sum = 0;
		for (unsigned k = 0; k < NS; k++)
			sum += __atomic_load_n(&s->got[k], __ATOMIC_RELAXED);
		if (sum >= (unsigned long)s->per_flow * NC * NS)
			break;
		if (sum != last) {
			last = sum;
			seen = mono_s();
		} else if (mono_s() - seen > 10) {
			stalled = 1;
			break;
		}
		struct timespec ts = {0, 20000000};
		nanosleep(&ts, NULL);
	}
	double dt = mono_s() - t0;
	if (stalled) {
		s->stop = 1;
		for (unsigned k = 0; k < NS; k++)
			sctpdk_close(s->srv[k]);
	}
	for (unsigned i = 0; i < NC + NS; i++)
		pthread_join(th[i], NULL);
	CU_ASSERT_EQUAL(stalled, 0);
	unsigned long got = 0;
	unsigned bad = 0, fail = 0;
	for (unsigned k = 0; k < NS; k++) {
		got += s->got[k];
		bad += s->bad[k];
		for (unsigned i = 0; i < NC; i++)
			CU_ASSERT_EQUAL(s->next[k][i], s->per_flow);
	}
	for (unsigned i = 0; i < NC; i++) {
		fail += s->send_fail[i];
		if (s->send_fail[i] != 0)
			printf("    stress: client %u: %u send failures, first errno %d\n", i,
			       s->send_fail[i], s->first_errno[i]);
	}
	CU_ASSERT_EQUAL(got, (unsigned long)s->per_flow * NC * NS);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(fail, 0);
	printf("    stress: %lu received, %u out of order/duplicate/corrupt, %u send failures, "
	       "%.2f s, %.0f msg/s\n",
	       got, bad, fail, dt, dt > 0 ? (double)got / dt : 0.0);
	/* clean exit: graceful close of every association */
	for (unsigned i = 0; i < NC; i++)
		CU_ASSERT_EQUAL(sctpdk_close(s->cli[i]), 0);
	if (!stalled)
		for (unsigned k = 0; k < NS; k++)
			CU_ASSERT_EQUAL(sctpdk_close(s->srv[k]), 0);
	free(s);
	rt_two_free(&t);
}

SCTPDK_TEST_SUITE(runtime_facade_stress, rt_fixture_eal, NULL,
		  SCTPDK_TEST(test_udp_style_16_assocs_8_threads))
