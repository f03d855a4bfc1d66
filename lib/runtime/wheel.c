/* SPDX-License-Identifier: BSD-3-Clause */
#include "wheel.h"

#include <assert.h>

#define SLOT_MASK (SCTPDK_WHEEL_SLOTS - 1)

void
sctpdk_wheel_init(struct sctpdk_wheel *w, uint64_t tick_us, uint64_t now_us)
{
	w->tick_us = tick_us == 0 ? 1 : tick_us;
	w->now_tick = now_us / w->tick_us;
	w->n_armed = 0;
	w->fired = 0;
	for (unsigned i = 0; i < SCTPDK_WHEEL_SLOTS; i++)
		TAILQ_INIT(&w->slot[i]);
}

void
sctpdk_rt_timer_init(struct sctpdk_rt_timer *t, sctpdk_rt_timer_cb cb, void *arg)
{
	t->cb = cb;
	t->arg = arg;
	t->wheel = NULL;
	t->expiry_tick = 0;
}

void
sctpdk_wheel_cancel(struct sctpdk_rt_timer *t)
{
	struct sctpdk_wheel *w = t->wheel;
	if (w == NULL)
		return;
	TAILQ_REMOVE(&w->slot[t->expiry_tick & SLOT_MASK], t, link);
	t->wheel = NULL;
	w->n_armed--;
}

void
sctpdk_wheel_arm(struct sctpdk_wheel *w, struct sctpdk_rt_timer *t, uint64_t expiry_us)
{
	sctpdk_wheel_cancel(t);
	/* round up: never early */
	uint64_t tick = (expiry_us + w->tick_us - 1) / w->tick_us;
	if (tick < w->now_tick)
		tick = w->now_tick;
	t->expiry_tick = tick;
	t->wheel = w;
	TAILQ_INSERT_TAIL(&w->slot[tick & SLOT_MASK], t, link);
	w->n_armed++;
}

/* Fire the due timers of one slot. A callback may arm or cancel any
 * timer, so the scan restarts from the head after each one; timers armed
 * during a run land after upto_tick (see sctpdk_wheel_arm), so this ends. */
static unsigned
run_slot(struct sctpdk_wheel *w, struct sctpdk_wheel_slot *s, uint64_t upto_tick, uint64_t now_us)
{
	unsigned n = 0;
	struct sctpdk_rt_timer *t;

	for (;;) {
		TAILQ_FOREACH(t, s, link)
		if (t->expiry_tick <= upto_tick)
			break;
		if (t == NULL)
			break;
		TAILQ_REMOVE(s, t, link);
		t->wheel = NULL;
		w->n_armed--;
		t->cb(t, t->arg, now_us);
		n++;
	}
	return n;
}

unsigned
sctpdk_wheel_run(struct sctpdk_wheel *w, uint64_t now_us)
{
	uint64_t now_tick = now_us / w->tick_us;
	unsigned n = 0;

	if (now_tick < w->now_tick)
		return 0;
	if (w->n_armed == 0) {
		w->now_tick = now_tick + 1;
		return 0;
	}
	uint64_t from = w->now_tick;
	/* timers armed by callbacks from here on go after now_tick */
	w->now_tick = now_tick + 1;
	/* after a long absence every slot is visited once */
	if (now_tick - from >= SCTPDK_WHEEL_SLOTS)
		from = now_tick - SCTPDK_WHEEL_SLOTS + 1;
	for (uint64_t tk = from; tk <= now_tick && w->n_armed != 0; tk++)
		n += run_slot(w, &w->slot[tk & SLOT_MASK], now_tick, now_us);
	w->fired += n;
	return n;
}

void
sctpdk_wheel_clear(struct sctpdk_wheel *w)
{
	for (unsigned i = 0; i < SCTPDK_WHEEL_SLOTS; i++) {
		struct sctpdk_rt_timer *t;
		while ((t = TAILQ_FIRST(&w->slot[i])) != NULL) {
			TAILQ_REMOVE(&w->slot[i], t, link);
			t->wheel = NULL;
		}
	}
	w->n_armed = 0;
}
