/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hashed timer wheel, one per stack lcore (single-threaded).
 *
 * Time is in ticks of tick_us microseconds. A timer due at tick T sits in
 * slot T mod SCTPDK_WHEEL_SLOTS; running the wheel walks the slots from the
 * last processed tick to now and fires the timers of those slots that are
 * due, leaving later "rounds" in place. Arm and cancel are O(1); a run
 * costs one slot visit per elapsed tick (bounded by the slot count when
 * the loop was away long) plus the timers it fires. A timer is never fired
 * early; it fires at most one tick late.
 *
 * Chosen over rte_timer by app/rt-timer-bench (see doc/runtime.md).
 */
#ifndef SCTPDK_RT_WHEEL_H
#define SCTPDK_RT_WHEEL_H

#include <stdint.h>

#include "rt_engine.h"

#define SCTPDK_WHEEL_SLOTS 4096u /* power of two */

TAILQ_HEAD(sctpdk_wheel_slot, sctpdk_rt_timer);

struct sctpdk_wheel {
	uint64_t tick_us;
	uint64_t now_tick; /* ticks up to now_tick-1 have been processed */
	uint64_t n_armed;
	uint64_t fired;
	struct sctpdk_wheel_slot slot[SCTPDK_WHEEL_SLOTS];
};

void sctpdk_wheel_init(struct sctpdk_wheel *w, uint64_t tick_us, uint64_t now_us);
/* Arm (or re-arm) t to fire at expiry_us or up to one tick later. */
void sctpdk_wheel_arm(struct sctpdk_wheel *w, struct sctpdk_rt_timer *t, uint64_t expiry_us);
/* Disarm t (no-op if idle). */
void sctpdk_wheel_cancel(struct sctpdk_rt_timer *t);
/* Fire every timer due at or before now_us. Callbacks may arm and cancel
 * any timer. Returns how many fired. */
unsigned sctpdk_wheel_run(struct sctpdk_wheel *w, uint64_t now_us);
/* Disarm everything (stack stop). */
void sctpdk_wheel_clear(struct sctpdk_wheel *w);

#endif
