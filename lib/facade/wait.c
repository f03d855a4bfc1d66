/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Blocking without busy-waiting, and the eventfd for external pollers.
 *
 * Blocking calls park on a futex (sctpdk_park.h, implemented here and
 * shared with the runtime's sctpdk_stack_event_wait): the socket's
 * s->park. A waiter counts itself, reads the sequence word, re-checks its
 * condition and sleeps only while the word is unchanged (FUTEX_WAIT
 * compares atomically). The lcore, after making a change visible, issues
 * a full fence and, only when someone waits, bumps the word and issues
 * FUTEX_WAKE. Both sides use sequentially consistent atomics, so a waiter
 * either sees the change in its re-check or finds the word moved: no lost
 * wake-up, any number of waiters, and no syscall at all while data is
 * ready. The futexes are process-shared (not FUTEX_PRIVATE), as the socket
 * lives in shared memory.
 *
 * The eventfd serves only applications that poll it themselves
 * (sctpdk_fileno sets s->ext): the lcore writes it once (s->signaled) until
 * a call that finds nothing to report drains it.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "facade_int.h"
#include "sctpdk_park.h"

static long
futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

int64_t
sctpdk_park_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int
sctpdk_park_wake(struct sctpdk_park *p)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&p->waiters, __ATOMIC_SEQ_CST) == 0)
		return 0;
	__atomic_add_fetch(&p->seq, 1, __ATOMIC_SEQ_CST);
	futex(&p->seq, FUTEX_WAKE, INT_MAX, NULL);
	return 1;
}

void
sctpdk_park_wake_all(struct sctpdk_park *p)
{
	__atomic_add_fetch(&p->seq, 1, __ATOMIC_SEQ_CST);
	futex(&p->seq, FUTEX_WAKE, INT_MAX, NULL);
}

int
sctpdk_park_wait(struct sctpdk_park *p, int (*ready)(void *arg), void *arg, int64_t deadline_ns)
{
	int ret = 0;
	__atomic_add_fetch(&p->waiters, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		uint32_t seq = __atomic_load_n(&p->seq, __ATOMIC_SEQ_CST);
		if (ready(arg))
			break;
		struct timespec ts, *tp = NULL;
		if (deadline_ns >= 0) {
			int64_t left = deadline_ns - sctpdk_park_now_ns();
			if (left <= 0) {
				ret = ETIMEDOUT;
				break;
			}
			ts.tv_sec = left / 1000000000;
			ts.tv_nsec = left % 1000000000;
			tp = &ts;
		}
		if (futex(&p->seq, FUTEX_WAIT, seq, tp) != 0 && errno == EINTR) {
			ret = EINTR;
			break;
		}
	}
	__atomic_sub_fetch(&p->waiters, 1, __ATOMIC_SEQ_CST);
	return ret;
}

static void
ext_signal(struct fc_sock *s)
{
	if (__atomic_load_n(&s->ext, __ATOMIC_SEQ_CST) == 0)
		return;
	if (__atomic_exchange_n(&s->signaled, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	int fd = __atomic_load_n(&s->efd, __ATOMIC_ACQUIRE);
	if (fd < 0)
		return;
	uint64_t one = 1;
	__atomic_add_fetch(&s->f->stats.wakeups, 1, __ATOMIC_RELAXED);
	ssize_t r = write(fd, &one, sizeof(one));
	(void)r; /* EAGAIN only if the counter is saturated: already readable */
}

void
fc_signal(struct fc_sock *s)
{
	/* the facade before the wake: a woken closer may release the slot */
	struct sctpdk_facade *f = s->f;
	if (sctpdk_park_wake(&s->park) && f != NULL)
		__atomic_add_fetch(&f->stats.wakeups, 1, __ATOMIC_RELAXED);
	ext_signal(s);
}

void
fc_wake_all(struct fc_sock *s)
{
	sctpdk_park_wake_all(&s->park);
	if (__atomic_exchange_n(&s->signaled, 1, __ATOMIC_SEQ_CST) == 0 && s->efd >= 0) {
		uint64_t one = 1;
		ssize_t r = write(s->efd, &one, sizeof(one));
		(void)r;
	}
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
	/* something may have arrived between the caller's check and the
	 * drain: keep the eventfd readable for the external poller then */
	if (fc_rx_ready(s) || __atomic_load_n(&s->so_error, __ATOMIC_SEQ_CST) != 0)
		ext_signal(s);
}

struct fc_wait_arg {
	struct fc_sock *s;
	int (*cond)(struct fc_sock *, void *);
	void *arg;
	int any_state;
	int closed;
};

static int
fc_wait_ready(void *arg)
{
	struct fc_wait_arg *w = arg;
	if (!w->any_state && fc_state(w->s) != FS_OPEN) {
		w->closed = 1;
		return 1;
	}
	return w->cond(w->s, w->arg);
}

int
fc_wait(struct fc_sock *s, int (*cond)(struct fc_sock *, void *), void *arg, int timeout_ms,
	int any_state)
{
	int64_t deadline =
	    timeout_ms < 0 ? -1 : sctpdk_park_now_ns() + (int64_t)timeout_ms * 1000000;
	struct fc_wait_arg w = {.s = s, .cond = cond, .arg = arg, .any_state = any_state};
	int ret = sctpdk_park_wait(&s->park, fc_wait_ready, &w, deadline);
	return w.closed ? EBADF : ret;
}
