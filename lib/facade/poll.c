/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctpdk_poll() over sctpdk descriptors and sctpdk_fileno() for the
 * application's own poll/epoll/select. Readiness is computed from the
 * socket's rings and association state without any syscall; only when
 * nothing is ready does the caller sleep in poll(2) on the eventfds.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>

#include "facade_int.h"

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

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
sctpdk_poll(struct sctpdk_pollfd *fds, nfds_t nfds, int timeout_ms)
{
	if (sctpdk_facade_on_lcore_) {
		errno = EDEADLK;
		return -1;
	}
	if ((fds == NULL && nfds > 0) || nfds > 65536) {
		errno = EINVAL;
		return -1;
	}
	struct fc_sock *small[16];
	struct pollfd ksmall[16];
	struct fc_sock **socks = small;
	struct pollfd *kfds = ksmall;
	if (nfds > 16) {
		socks = calloc(nfds, sizeof(*socks));
		kfds = calloc(nfds, sizeof(*kfds));
		if (socks == NULL || kfds == NULL) {
			free(socks);
			free(kfds);
			errno = ENOMEM;
			return -1;
		}
	}
	int n = 0;
	for (nfds_t i = 0; i < nfds; i++) {
		fds[i].revents = 0;
		socks[i] = NULL;
		if (fds[i].fd < 0)
			continue;
		socks[i] = fc_get(fds[i].fd);
		if (socks[i] == NULL) {
			fds[i].revents = POLLNVAL;
			n++;
		}
	}
	int64_t deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
	int ret = 0, waiting = 0;
	for (;;) {
		for (nfds_t i = 0; i < nfds; i++) {
			if (socks[i] == NULL)
				continue;
			short r = readiness(socks[i]);
			fds[i].revents = r & (fds[i].events | POLLERR | POLLHUP);
			if (fds[i].revents)
				n++;
			else if (fds[i].events & POLLOUT)
				__atomic_store_n(&socks[i]->want_out, 1, __ATOMIC_SEQ_CST);
		}
		if (n > 0)
			break;
		int t = -1;
		if (deadline >= 0) {
			int64_t left = deadline - now_ms();
			if (left <= 0)
				break;
			t = (int)left;
		}
		if (!waiting) {
			/* announce, then re-check before sleeping (see wait.c) */
			for (nfds_t i = 0; i < nfds; i++)
				if (socks[i] != NULL)
					__atomic_add_fetch(&socks[i]->waiters, 1, __ATOMIC_SEQ_CST);
			waiting = 1;
			continue;
		}
		nfds_t k = 0;
		for (nfds_t i = 0; i < nfds; i++)
			if (socks[i] != NULL) {
				kfds[k].fd = socks[i]->efd;
				kfds[k].events = POLLIN;
				kfds[k].revents = 0;
				k++;
			}
		int pr = poll(kfds, k, t);
		if (pr < 0 && errno == EINTR) {
			ret = EINTR;
			break;
		}
		for (nfds_t i = 0; i < nfds; i++)
			if (socks[i] != NULL) {
				fc_clear(socks[i]);
				if (__atomic_load_n(&socks[i]->state, __ATOMIC_ACQUIRE) != FS_OPEN) {
					fds[i].revents = POLLNVAL;
					n++;
				}
			}
		if (n > 0)
			break;
	}
	for (nfds_t i = 0; i < nfds; i++) {
		if (socks[i] == NULL)
			continue;
		if (waiting)
			__atomic_sub_fetch(&socks[i]->waiters, 1, __ATOMIC_SEQ_CST);
		if (n == 0)
			fc_clear(socks[i]);
		fc_put(socks[i]);
	}
	if (socks != small) {
		free(socks);
		free(kfds);
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
