/* SPDX-License-Identifier: BSD-3-Clause */
/* sctpdk sockets in the application's own epoll set beside a kernel pipe
 * (sctpdk_fileno): the thread sleeps while idle and wakes for each. */
#include <pthread.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define ROUNDS 20

static void
sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static uint64_t
thread_cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

struct loop {
	int ep;
	int sd;   /* sctpdk socket */
	int pipe; /* read end */
	int sctp_msgs, pipe_bytes, wakeups, empty_waits;
	uint64_t cpu_us;
	volatile int stop;
};

static void *
event_loop(void *arg)
{
	struct loop *L = arg;
	uint64_t c0 = thread_cpu_us();
	while (!L->stop) {
		struct epoll_event ev[4];
		int n = epoll_wait(L->ep, ev, 4, 200);
		if (n <= 0) {
			if (n == 0)
				L->empty_waits++;
			continue;
		}
		__atomic_add_fetch(&L->wakeups, 1, __ATOMIC_SEQ_CST);
		for (int i = 0; i < n; i++) {
			if (ev[i].data.fd == L->pipe) {
				char b[16];
				ssize_t r = read(L->pipe, b, sizeof(b));
				if (r > 0)
					__atomic_add_fetch(&L->pipe_bytes, (int)r, __ATOMIC_SEQ_CST);
			} else {
				/* level-triggered: read until EAGAIN, which clears it */
				char b[64];
				while (sctpdk_recv(L->sd, b, sizeof(b), MSG_DONTWAIT) > 0)
					__atomic_add_fetch(&L->sctp_msgs, 1, __ATOMIC_SEQ_CST);
			}
		}
	}
	L->cpu_us = thread_cpu_us() - c0;
	return NULL;
}

/* Wait (at most 5 s) until the event loop has counted *v >= want. */
static void
wait_count(int *v, int want)
{
	for (int i = 0; i < 5000 && __atomic_load_n(v, __ATOMIC_SEQ_CST) < want; i++)
		sleep_ms(1);
}

static void
test_epoll_sctpdk_and_pipe(void)
{
	int l, c, s;
	CU_ASSERT_EQUAL_FATAL(fc_tcp_pair(11000, &l, &c, &s), 0);
	int pfd[2];
	CU_ASSERT_EQUAL_FATAL(pipe(pfd), 0);
	struct loop L;
	memset(&L, 0, sizeof(L));
	L.ep = epoll_create1(0);
	L.sd = s;
	L.pipe = pfd[0];
	int efd = sctpdk_fileno(s);
	CU_ASSERT_FATAL(efd >= 0);
	struct epoll_event e1 = {.events = EPOLLIN, .data.fd = efd};
	struct epoll_event e2 = {.events = EPOLLIN, .data.fd = pfd[0]};
	CU_ASSERT_EQUAL(epoll_ctl(L.ep, EPOLL_CTL_ADD, efd, &e1), 0);
	CU_ASSERT_EQUAL(epoll_ctl(L.ep, EPOLL_CTL_ADD, pfd[0], &e2), 0);
	pthread_t t;
	pthread_create(&t, NULL, event_loop, &L);
	/* each event only once the loop has handled the one before: two
	 * events pending at once would (rightly) cost a single wake-up, and
	 * on a busy machine the loop can be held off for longer than any
	 * fixed pause */
	for (int i = 0; i < ROUNDS; i++) {
		sleep_ms(10);
		CU_ASSERT_EQUAL(sctpdk_send(c, "m", 1, 0), 1);
		wait_count(&L.sctp_msgs, i + 1);
		sleep_ms(10);
		CU_ASSERT_EQUAL(write(pfd[1], "p", 1), 1);
		wait_count(&L.pipe_bytes, i + 1);
	}
	sleep_ms(50);
	int woke = __atomic_load_n(&L.wakeups, __ATOMIC_SEQ_CST);
	/* idle: 400 ms with nothing to do must cost (almost) no CPU */
	sleep_ms(400);
	L.stop = 1;
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(L.sctp_msgs, ROUNDS);
	CU_ASSERT_EQUAL(L.pipe_bytes, ROUNDS);
	/* woken for each event (no busy loop, no lost wake-up) */
	CU_ASSERT(woke >= 2 * ROUNDS);
	CU_ASSERT(L.wakeups <= 2 * ROUNDS + 2);
	CU_ASSERT(L.empty_waits >= 1);
	CU_ASSERT(L.cpu_us < 100000); /* well under 25% of the 400 ms idle */
	/* after the drain the eventfd is clear: no spurious readiness */
	struct epoll_event ev;
	CU_ASSERT_EQUAL(epoll_wait(L.ep, &ev, 1, 0), 0);
	close(L.ep);
	close(pfd[0]);
	close(pfd[1]);
	sctpdk_close(c);
	sctpdk_close(s);
	sctpdk_close(l);
}

SCTPDK_TEST_SUITE(facade_epoll, fc_suite_init, fc_suite_clean,
		  SCTPDK_TEST(test_epoll_sctpdk_and_pipe))
