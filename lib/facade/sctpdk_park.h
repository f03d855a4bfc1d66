/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Parking a thread on a futex until a producer (a stack lcore) signals,
 * with no syscall on the producer's side unless someone is parked.
 *
 * A waiter counts itself in waiters, reads seq, re-checks its condition
 * and sleeps only while seq is unchanged (FUTEX_WAIT compares
 * atomically). The producer makes its change visible, then calls
 * sctpdk_park_wake(): a full fence, and only when waiters is not zero a
 * bump of seq and a FUTEX_WAKE. Either the producer sees the waiter
 * counted (and wakes it) or the waiter's re-check, ordered after its
 * count, sees the change: no lost wake-up. The words are process-shared
 * (not FUTEX_PRIVATE). The socket facade's blocking calls (wait.c) and the
 * runtime's sctpdk_stack_event_wait() use it.
 */
#ifndef SCTPDK_PARK_H
#define SCTPDK_PARK_H

#include <stdint.h>

struct sctpdk_park {
	uint32_t waiters;
	uint32_t seq; /* futex word */
};

/* Producer side, after the change is visible: wake every parked waiter
 * (a fence, and a syscall only when someone is parked). Returns 1 when it
 * woke (issued FUTEX_WAKE), else 0. */
int sctpdk_park_wake(struct sctpdk_park *p);

/* Producer side: bump seq and wake whether or not someone is counted
 * (closing: waiters must re-check now). */
void sctpdk_park_wake_all(struct sctpdk_park *p);

/*
 * Waiter side: return 0 as soon as ready(arg) is true, ETIMEDOUT when
 * deadline_ns (CLOCK_MONOTONIC; -1 = none) passes, EINTR when a signal
 * interrupts the sleep. ready() is evaluated after the waiter is counted
 * and before each sleep.
 */
int sctpdk_park_wait(struct sctpdk_park *p, int (*ready)(void *arg), void *arg,
		     int64_t deadline_ns);

/* CLOCK_MONOTONIC in nanoseconds (deadlines of sctpdk_park_wait). */
int64_t sctpdk_park_now_ns(void);

#endif
