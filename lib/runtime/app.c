/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The application's side of the stack lcores: a poll function run on a
 * stack lcore every iteration (sctpdk_stack_set_app_poll; the commands it
 * gives for endpoints that lcore owns run at once, see post() in
 * stack.c), and application threads parked until events arrive
 * (sctpdk_stack_event_wait, on the shared futex parking of sctpdk_park.h;
 * the lcores wake them at the end of an iteration that pushed events;
 * sctpdk_stack_stop wakes them all, and they return SCTPDK_ERR_SHUTDOWN).
 */
#include <errno.h>

#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_pause.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include <sctpdk/sctpdk_error.h>

#include "rt_priv.h"

unsigned
sctpdk_rt_app_run(struct sctpdk_rt_lcore *lc, uint64_t now, int run)
{
	struct sctpdk_stack *st = lc->st;
	unsigned work = 0;
	sctpdk_stack_app_fn fn = run ? __atomic_load_n(&lc->app_fn, __ATOMIC_ACQUIRE) : NULL;
	if (fn != NULL) {
		lc->app_now = now;
		lc->app_touched = 0;
		lc->in_app = 1;
		work = fn(st, lc->index, lc->app_arg);
		lc->in_app = 0;
		/* the commands it ran directly: one batch end per endpoint
		 * (sends leave bundled) */
		uint64_t t = lc->app_touched;
		if (t != 0 && st->eng->command_end != NULL)
			while (t != 0) {
				unsigned e = (unsigned)__builtin_ctzll(t);
				t &= t - 1;
				st->eng->command_end(st->eps[e].state, now);
			}
		if (lc->app_touched != 0)
			work++;
	}
	/* set_app_poll(NULL) waits for this to move past its removal */
	__atomic_store_n(&lc->app_pass, lc->app_pass + 1, __ATOMIC_SEQ_CST);
	return work;
}

struct wait_arg {
	struct sctpdk_stack *st;
	const unsigned *eps;
	unsigned n;
	uint32_t gen; /* st->run_gen when the wait began (odd: running) */
};

static int
events_ready(void *arg)
{
	const struct wait_arg *w = arg;
	unsigned n = w->eps != NULL ? w->n : w->st->n_eps;
	for (unsigned i = 0; i < n; i++) {
		unsigned e = w->eps != NULL ? w->eps[i] : i;
		if (e < w->st->n_eps && !rte_ring_empty(w->st->eps[e].events))
			return 1;
	}
	return 0;
}

/* the park's condition: events, or the stack stopped (or stopped and
 * started again) since the wait began */
static int
wait_ready(void *arg)
{
	const struct wait_arg *w = arg;
	return events_ready(arg) || __atomic_load_n(&w->st->run_gen, __ATOMIC_SEQ_CST) != w->gen;
}

int
sctpdk_stack_event_wait(struct sctpdk_stack *st, const unsigned *eps, unsigned n,
			int64_t timeout_us)
{
	if (st == NULL || (eps == NULL && n != 0) || (eps != NULL && n == 0))
		return SCTPDK_ERR_INVAL;
	struct wait_arg w = {.st = st, .eps = eps, .n = n};
	w.gen = __atomic_load_n(&st->run_gen, __ATOMIC_SEQ_CST);
	if (events_ready(&w))
		return 1;
	/* a stopped stack has no lcore left to push events or wake anyone */
	if ((w.gen & 1) == 0)
		return SCTPDK_ERR_SHUTDOWN;
	if (timeout_us == 0 || sctpdk_rt_lcore_index(st) >= 0)
		return 0; /* a stack lcore never sleeps here */
	int64_t deadline = timeout_us < 0 ? -1 : sctpdk_park_now_ns() + timeout_us * 1000;
	int rc = sctpdk_park_wait(&st->ev_park, wait_ready, &w, deadline);
	if (events_ready(&w))
		return 1; /* events pushed before the stop are still there */
	if (__atomic_load_n(&st->run_gen, __ATOMIC_SEQ_CST) != w.gen)
		return SCTPDK_ERR_SHUTDOWN;
	return rc == ETIMEDOUT ? 0 : rc == 0 ? 1 : SCTPDK_ERR_AGAIN;
}

void
sctpdk_rt_app_stopped(struct sctpdk_stack *st)
{
	/* the lcores are gone (their last events are in the rings): a waiter
	 * counted before this bump sees the futex word move or finds the
	 * generation changed in its re-check (the park's no-lost-wake rule) */
	__atomic_add_fetch(&st->run_gen, 1, __ATOMIC_SEQ_CST);
	sctpdk_park_wake_all(&st->ev_park);
	/* let them leave before the caller goes on (to sctpdk_stack_free,
	 * say): each returns at its next re-check; at most 1 s */
	int64_t end = sctpdk_park_now_ns() + 1000000000;
	while (__atomic_load_n(&st->ev_park.waiters, __ATOMIC_SEQ_CST) != 0 &&
	       sctpdk_park_now_ns() < end)
		rte_delay_us_sleep(50);
}

int
sctpdk_stack_set_app_poll(struct sctpdk_stack *st, unsigned lcore_index, sctpdk_stack_app_fn fn,
			  void *arg)
{
	if (st == NULL || lcore_index >= st->cfg.n_lcores)
		return SCTPDK_ERR_INVAL;
	struct sctpdk_rt_lcore *lc = &st->lc[lcore_index];
	if (!st->running) {
		lc->app_arg = arg;
		__atomic_store_n(&lc->app_fn, fn, __ATOMIC_RELEASE);
		return 0;
	}
	if (fn != NULL) {
		if (__atomic_load_n(&lc->app_fn, __ATOMIC_ACQUIRE) != NULL)
			return SCTPDK_ERR_STATE;
		lc->app_arg = arg;
		__atomic_store_n(&lc->app_fn, fn, __ATOMIC_RELEASE);
		return 0;
	}
	__atomic_store_n(&lc->app_fn, NULL, __ATOMIC_SEQ_CST);
	/* the lcore may be inside the old function: wait until it passed
	 * the application point once more (it loaded NULL then) */
	uint64_t p0 = __atomic_load_n(&lc->app_pass, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&lc->app_pass, __ATOMIC_SEQ_CST) == p0 &&
	       rte_eal_get_lcore_state(lc->lcore_id) == RUNNING)
		rte_pause();
	lc->app_arg = NULL;
	return 0;
}

