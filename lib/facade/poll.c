/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk_poll() over sctpdk descriptors and sctpdk_fileno() for the
 * application's own poll/epoll/select. Readiness is computed from the
 * socket's rings and association state without any syscall; only when
 * nothing is ready does the caller sleep, on all the sockets' futex words
 * at once (futex_waitv). At most SCTPDK_POLL_MAX descriptors per call.
 */
#include <errno.h>
#include <linux/futex.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "facade_int.h"

#define SCTPDK_POLL_MAX 128 /* FUTEX_WAITV_MAX */

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif

static short
readiness(struct fc_sock *s)
{
	short r = 0;
	if (fc_rx_ready(s) || !rte_ring_empty(s->accq) || fc_rx_final(s) != 0)
		r |= POLLIN;
	int up = 1;
	if (fc_one_to_one(s)) {
		rte_spinlock_lock(&s->alock);
		struct fc_assoc en = s->assocs[0];
		rte_spinlock_unlock(&s->alock);
		up = en.id != 0 && en.state == FA_UP;
		if (en.id != 0 && en.state == FA_CLOSED && en.stack_id == 0)
			r |= POLLHUP;
	}
	if (up && !__atomic_load_n(&s->shut_wr, __ATOMIC_ACQUIRE) && fc_tx_room(s, 1))
		r |= POLLOUT;
	if (__atomic_load_n(&s->so_error, __ATOMIC_ACQUIRE) != 0)
		r |= POLLERR;
	return r;
}

/* Sleep until one of the sockets' event words moves (futex_waitv, Linux
 * 5.16+); where the kernel lacks it, sleep a millisecond at a time. */
static int
wait_any(struct fc_sock **socks, const uint32_t *seq, nfds_t nfds, const struct timespec *abs)
{
	struct futex_waitv v[SCTPDK_POLL_MAX];
	unsigned k = 0;
	for (nfds_t i = 0; i < nfds; i++)
		if (socks[i] != NULL) {
			v[k].val = seq[i];
			v[k].uaddr = (uintptr_t)&socks[i]->park.seq;
			v[k].flags = FUTEX_32;
			v[k].__reserved = 0;
			k++;
		}
	if (k == 0) {
		if (abs == NULL)
			return EINVAL;
		return clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, abs, NULL) == EINTR ? EINTR
											   : 0;
	}
	long r = syscall(SYS_futex_waitv, v, k, 0, abs, CLOCK_MONOTONIC);
	if (r < 0 && errno == EINTR)
		return EINTR;
	/* Kernels before 5.16 have no futex_waitv: nap 1 ms instead and let
	 * the caller re-check its sockets (slower wake-up, same semantics). */
	if (r < 0 && errno == ENOSYS) {
		struct timespec ms = {0, 1000000};
		if (nanosleep(&ms, NULL) != 0 && errno == EINTR)
			return EINTR;
	}
	return 0;
}

int
sctpdk_poll(struct sctpdk_pollfd *fds, nfds_t nfds, int timeout_ms)
{
	if (sctpdk_facade_on_lcore_) {
		errno = EDEADLK;
		return -1;
	}
	if ((fds == NULL && nfds > 0) || nfds > SCTPDK_POLL_MAX) {
		errno = EINVAL;
		return -1;
	}
	struct fc_sock *socks[SCTPDK_POLL_MAX];
	uint32_t seq[SCTPDK_POLL_MAX];
	int nvals = 0;
	for (nfds_t i = 0; i < nfds; i++) {
		fds[i].revents = 0;
		socks[i] = NULL;
		if (fds[i].fd < 0)
			continue;
		socks[i] = fc_get(fds[i].fd);
		if (socks[i] == NULL) {
			fds[i].revents = POLLNVAL;
			nvals++;
		} else {
			__atomic_add_fetch(&socks[i]->park.waiters, 1, __ATOMIC_SEQ_CST);
		}
	}
	struct timespec abs, *absp = NULL;
	if (timeout_ms >= 0) {
		clock_gettime(CLOCK_MONOTONIC, &abs);
		abs.tv_sec += timeout_ms / 1000;
		abs.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (abs.tv_nsec >= 1000000000L) {
			abs.tv_sec++;
			abs.tv_nsec -= 1000000000L;
		}
		absp = &abs;
	}
	int n, ret = 0;
	for (;;) {
		n = nvals;
		for (nfds_t i = 0; i < nfds; i++) {
			if (socks[i] == NULL)
				continue;
			seq[i] = __atomic_load_n(&socks[i]->park.seq, __ATOMIC_SEQ_CST);
			if (fc_state(socks[i]) != FS_OPEN) {
				fds[i].revents = POLLNVAL;
				n++;
				continue;
			}
			short r = readiness(socks[i]);
			fds[i].revents = r & (fds[i].events | POLLERR | POLLHUP);
			if (fds[i].revents)
				n++;
			else if (fds[i].events & POLLOUT)
				__atomic_store_n(&socks[i]->want_out, 1, __ATOMIC_SEQ_CST);
		}
		if (n > 0 || timeout_ms == 0)
			break;
		if (absp != NULL) {
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec > abs.tv_sec ||
			    (now.tv_sec == abs.tv_sec && now.tv_nsec >= abs.tv_nsec))
				break;
		}
		ret = wait_any(socks, seq, nfds, absp);
		if (ret != 0)
			break;
	}
	for (nfds_t i = 0; i < nfds; i++) {
		if (socks[i] == NULL)
			continue;
		__atomic_sub_fetch(&socks[i]->park.waiters, 1, __ATOMIC_SEQ_CST);
		if (n == 0)
			fc_clear(socks[i]);
		fc_put(socks[i]);
	}
	if (ret != 0) {
		errno = ret;
		return -1;
	}
	return n;
}

int
sctpdk_fileno(int sd)
{
	struct fc_sock *s = fc_get(sd);
	if (s == NULL)
		return -1;
	__atomic_store_n(&s->ext, 1, __ATOMIC_SEQ_CST);
	if (readiness(s) & POLLIN)
		fc_signal(s);
	int fd = s->efd;
	fc_put(s);
	return fd;
}
