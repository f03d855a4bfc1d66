/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * LOOPBACK TEST DOUBLE of the stack side of the facade (not the protocol).
 *
 * It implements struct sctpdk_facade_stack_ops with in-memory pairs of
 * "associations" between endpoints of one process: associate() to a
 * listening port yields COMM_UP on both sides, a sent message becomes a
 * DATA event of the peer, shutdown/abort give the notifications a real
 * stack would. There are no packets, no retransmissions and no timers
 * besides a fake INIT timeout. Its only purpose is to drive the facade's
 * own logic (rings, wake-ups, options, cmsg, errno rules) in unit tests
 * until the protocol core and runtime are wired in.
 *
 * One thread plays the stack lcore: it calls sctpdk_facade_lcore_poll()
 * and then delivers the double's queued events.
 */
#ifndef SCTPDK_TEST_LOOPBACK_H
#define SCTPDK_TEST_LOOPBACK_H

#include <stdint.h>

#include "sctpdk_facade.h"

struct lb_stack;

/* Blackhole port: associate() to it never answers; after timeo_ms the
 * initiator gets CANT_STR_ASSOC with reason TIMEOUT. */
#define LB_BLACKHOLE_PORT 9

/* 16 KiB mbufs of the facade's big pool (sends over 1920 bytes). */
#define LB_BIG_MBUFS 63

/* Messages an association may have in flight before send() says AGAIN. */
#define LB_WINDOW 64

/* Create the double, a facade over it (addresses 10.0.0.1, 10.0.0.2 and
 * ::1; pool = the harness pool) and start the lcore thread. NULL on
 * failure. */
struct lb_stack *lb_start(void);
/* Create with a custom facade config (pool, ops, n_lcores are set by the
 * double). */
struct lb_stack *lb_start_cfg(struct sctpdk_facade_config *cfg);
/* Stop the lcore thread, free the facade and the double. */
void lb_stop(struct lb_stack *lb);
struct sctpdk_facade *lb_facade(struct lb_stack *lb);

/* Inject events into a socket's association (tests of notification
 * delivery): the association reached from the endpoint on local_port
 * whose peer is on peer_port. Thread-safe (queued for the lcore). */
void lb_inject_shutdown(struct lb_stack *lb, uint16_t local_port, uint16_t peer_port);
void lb_inject_remote_error(struct lb_stack *lb, uint16_t local_port, uint16_t peer_port,
			    uint16_t cause);
void lb_inject_paddr(struct lb_stack *lb, uint16_t local_port, uint16_t peer_port, int state);
/* Hold deliveries (the peer's receive side stalls) while on. */
void lb_hold(struct lb_stack *lb, int on);

/* Run fn(arg) on the lcore thread (between two polls) and return its
 * result: tests of what stack lcores may not call. */
int lb_call_on_lcore(struct lb_stack *lb, int (*fn)(void *), void *arg);

/* Counters. */
uint64_t lb_messages(const struct lb_stack *lb);

#endif
