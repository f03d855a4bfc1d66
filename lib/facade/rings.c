/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Command path from application threads to the owning lcore.
 *
 * Each socket has a multi-producer (RTS mode) / single-consumer command
 * ring of struct fc_cmd. So that the lcore does not scan every socket, a producer
 * that finds the socket not yet announced (lc_pending 0 -> 1) puts the
 * socket index on its owner lcore's notify ring (MP/SC). The lcore clears
 * lc_pending BEFORE draining, so a command enqueued after the drain
 * started re-announces the socket: nothing is left behind, and a socket is
 * on a notify ring at most once (the ring holds every socket index).
 *
 * Control commands (seq != 0) carry their arguments in s->ctl, written
 * under s->ctl_mtx; the lcore stores the result in s->ctl.result, then
 * publishes s->ctl_done = seq and signals the socket.
 */
#include <errno.h>

#include <sctpdk/sctpdk_error.h>

#include "facade_int.h"

void
fc_kick(struct fc_sock *s)
{
	if (__atomic_exchange_n(&s->lc_pending, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	uint32_t idx = s->idx;
	int r = rte_ring_enqueue_elem(s->f->lc[s->owner].notify, &idx, sizeof(idx));
	/* The notify ring has a slot for every socket and each socket is on
	 * it at most once, so it cannot be full. */
	RTE_VERIFY(r == 0);
}

int
fc_cmd_post(struct fc_sock *s, const struct fc_cmd *c)
{
	if (rte_ring_enqueue_elem(s->cmd, (void *)(uintptr_t)c, sizeof(*c)) != 0)
		return EAGAIN;
	fc_kick(s);
	return 0;
}

static int
ring_has_room(struct fc_sock *s, void *arg)
{
	(void)arg;
	return rte_ring_free_count(s->cmd) > 0;
}

static int
ctl_done(struct fc_sock *s, void *arg)
{
	uint32_t seq = *(uint32_t *)arg;
	return __atomic_load_n(&s->ctl_done, __ATOMIC_ACQUIRE) == seq;
}

int
fc_ctl_call(struct fc_sock *s, struct fc_cmd *c)
{
	c->seq = ++s->ctl_seq;
	if (c->seq == 0)
		c->seq = ++s->ctl_seq;
	while (fc_cmd_post(s, c) != 0) {
		__atomic_store_n(&s->want_out, 1, __ATOMIC_SEQ_CST);
		(void)fc_wait(s, ring_has_room, NULL, -1, 1);
	}
	uint32_t seq = c->seq;
	/* A control call cannot be abandoned once queued (the lcore will
	 * write s->ctl), so it waits through signals and closing. */
	while (fc_wait(s, ctl_done, &seq, -1, 1) != 0)
		;
	return s->ctl.result;
}
