/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Blocking without busy-waiting. Each socket has one eventfd. A thread
 * that must wait announces itself in s->waiters, re-checks its condition
 * and only then sleeps in poll() on the eventfd. The lcore, after making a
 * change visible (ring enqueue, state store), writes the eventfd only when
 * someone waits or the application polls the eventfd itself (sctpdk_fileno),
 * and only once until a waiter drains it (s->signaled). Both sides use
 * sequentially consistent atomics, so a waiter either sees the change in
 * its re-check or is woken by the write: no lost wake-up, and no syscall
 * at all while data is ready.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "facade_int.h"

void
fc_signal(struct fc_sock *s)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&s->waiters, __ATOMIC_SEQ_CST) == 0 &&
	    __atomic_load_n(&s->ext, __ATOMIC_SEQ_CST) == 0)
		return;
	if (__atomic_exchange_n(&s->signaled, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	int fd = __atomic_load_n(&s->efd, __ATOMIC_ACQUIRE);
	if (fd < 0)
		return;
	uint64_t one = 1;
	ssize_t r = write(fd, &one, sizeof(one));
	(void)r; /* EAGAIN only if the counter is saturated: already readable */
	__atomic_add_fetch(&s->f->stats.wakeups, 1, __ATOMIC_RELAXED);
}

void
fc_clear(struct fc_sock *s)
{
	if (__atomic_load_n(&s->signaled, __ATOMIC_SEQ_CST) == 0)
		return;
	__atomic_store_n(&s->signaled, 0, __ATOMIC_SEQ_CST);
	uint64_t v;
	ssize_t r = read(s->efd, &v, sizeof(v));
	(void)r; /* non-blocking eventfd: EAGAIN when already drained */
}

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
fc_wait(struct fc_sock *s, int (*cond)(struct fc_sock *, void *), void *arg, int timeout_ms,
	int any_state)
{
	int64_t deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
	int ret = 0;

	__atomic_add_fetch(&s->waiters, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		if (!any_state && __atomic_load_n(&s->state, __ATOMIC_SEQ_CST) != FS_OPEN) {
			ret = EBADF;
			break;
		}
		if (cond(s, arg))
			break;
		int t = -1;
		if (deadline >= 0) {
			int64_t left = deadline - now_ms();
			if (left <= 0) {
				ret = ETIMEDOUT;
				break;
			}
			t = left > INT32_MAX ? INT32_MAX : (int)left;
		}
		struct pollfd p = {.fd = s->efd, .events = POLLIN};
		int n = poll(&p, 1, t);
		if (n < 0 && errno == EINTR) {
			ret = EINTR;
			break;
		}
		if (n > 0)
			fc_clear(s);
	}
	__atomic_sub_fetch(&s->waiters, 1, __ATOMIC_SEQ_CST);
	return ret;
}
