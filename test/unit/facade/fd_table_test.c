/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Socket slots (lib/facade/fd_table.c): a full table whose sockets are all
 * closed while each still has a notify entry queued on the lcore, then
 * reopened at once. A free slot whose entry is still queued is not handed
 * out before the lcore skipped the entry; sctpdk_socket() then waits for
 * the lcore (boundedly) instead of failing with EMFILE.
 *
 * The entries are put there the way a command racing a close leaves them
 * (doc/facade.md: "an entry queued while DETACH ran"), but directly, so the
 * test is deterministic: with the lcore held between two polls, each freed
 * slot is announced on the lcore's notify ring. The lcore is let go 100 ms
 * after the reopening started.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "facade_int.h"
#include "util.h"

#define MAX_SOCKS 16
#define BASE_PORT 12300

struct hold {
	volatile int held; /* the lcore is in hold_lcore() */
	volatile int go;   /* the reopening starts */
};

/* On the lcore, between two polls: stay until the reopening started and
 * 100 ms more. */
static int
hold_lcore(void *arg)
{
	struct hold *h = arg;
	h->held = 1;
	while (!h->go) {
		struct timespec ts = {0, 100000};
		nanosleep(&ts, NULL);
	}
	struct timespec ts = {0, 100000000};
	nanosleep(&ts, NULL);
	return 0;
}

static void *
hold_thread(void *arg)
{
	lb_call_on_lcore(fc_lb, hold_lcore, arg);
	return NULL;
}

static int
slots_init(void)
{
	struct sctpdk_facade_config cfg;
	sctpdk_facade_config_default(&cfg);
	snprintf(cfg.name, sizeof(cfg.name), "sctpdk_facade_slots");
	cfg.max_sockets = MAX_SOCKS;
	fc_lb = lb_start_cfg(&cfg);
	return fc_lb != NULL ? 0 : -1;
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static void
test_reopen_with_queued_entries(void)
{
	struct sctpdk_facade *f = lb_facade(fc_lb);
	int sd[MAX_SOCKS + 1];
	int n = 0;
	/* the whole table: listening sockets (each has an endpoint, so its
	 * close runs DETACH on the lcore) */
	while (n <= MAX_SOCKS && (sd[n] = sctpdk_socket(AF_INET, SOCK_STREAM, 0)) >= 0) {
		struct sockaddr_in a = fc_sin("10.0.0.1", (uint16_t)(BASE_PORT + n));
		CU_ASSERT_EQUAL(sctpdk_bind(sd[n], SA(a), sizeof(a)), 0);
		CU_ASSERT_EQUAL(sctpdk_listen(sd[n], 1), 0);
		n++;
	}
	CU_ASSERT_EQUAL(errno, EMFILE);
	CU_ASSERT_EQUAL_FATAL(n, MAX_SOCKS);
	for (int i = 0; i < n; i++)
		CU_ASSERT_EQUAL(sctpdk_close(sd[i]), 0);
	struct sctpdk_facade_stats s0, s1;
	for (int k = 0; k < 2000; k++) { /* the lcore lets go of the last ones */
		sctpdk_facade_stats_get(f, &s0);
		if (s0.sockets == 0)
			break;
		struct timespec ts = {0, 1000000};
		nanosleep(&ts, NULL);
	}
	CU_ASSERT_EQUAL_FATAL(s0.sockets, 0);
	/* the lcore held between two polls; every free slot announced on
	 * its notify ring, as a command that raced the close leaves it */
	struct hold h = {0, 0};
	pthread_t th;
	CU_ASSERT_FATAL(pthread_create(&th, NULL, hold_thread, &h) == 0);
	while (!h.held) {
		struct timespec ts = {0, 100000};
		nanosleep(&ts, NULL);
	}
	for (int i = 0; i < n; i++)
		fc_kick(&f->socks[i]);
	/* reopen them all at once */
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	h.go = 1;
	int got = 0, first_errno = 0;
	double first_ms = -1;
	for (int i = 0; i < n; i++) {
		sd[i] = sctpdk_socket(AF_INET, SOCK_STREAM, 0);
		if (i == 0)
			first_ms = ms_since(&t0);
		if (sd[i] >= 0)
			got++;
		else if (first_errno == 0)
			first_errno = errno;
	}
	pthread_join(th, NULL);
	printf("\n    %d of %d reopened (first error %d); the first socket() took %.1f ms\n", got,
	       n, first_errno, first_ms);
	CU_ASSERT_EQUAL(got, n);
	CU_ASSERT_EQUAL(first_errno, 0);
	/* the entries were there, and were skipped */
	sctpdk_facade_stats_get(f, &s1);
	CU_ASSERT(s1.notify_stale - s0.notify_stale >= (uint64_t)n);
	/* the new sockets work */
	for (int i = 0; i < n; i++) {
		if (sd[i] < 0)
			continue;
		struct sockaddr_in a = fc_sin("10.0.0.1", (uint16_t)(BASE_PORT + i));
		CU_ASSERT_EQUAL(sctpdk_bind(sd[i], SA(a), sizeof(a)), 0);
		CU_ASSERT_EQUAL(sctpdk_listen(sd[i], 1), 0);
		CU_ASSERT_EQUAL(sctpdk_close(sd[i]), 0);
	}
}

SCTPDK_TEST_SUITE(facade_fd_table, slots_init, fc_suite_clean,
		  SCTPDK_TEST(test_reopen_with_queued_entries))
