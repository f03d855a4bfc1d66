/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared fixture of the runtime tests: EAL with four lcores, net_ring
 * pairs, two stacks A (lcore 1) and B (lcores 2 and 3) running the test
 * double engine. */
#ifndef SCTPDK_TEST_RT_FIXTURE_H
#define SCTPDK_TEST_RT_FIXTURE_H

#include <stdint.h>

#include <sctpdk/sctpdk_runtime.h>

#include "echo_engine.h"

struct rte_ring;

struct rt_pair {
	struct rte_ring *ab; /* A transmits, B receives */
	struct rte_ring *ba;
	int port_a;
	int port_b;
};

struct rt_two {
	struct rt_pair link;
	struct echo_cfg ecfg_a, ecfg_b;
	struct sctpdk_stack_config cfg_a, cfg_b;
	struct sctpdk_stack *a, *b;
	int static_neigh; /* rt_two_start installs static neighbours (default 1) */
};

#define RT_ADDR_A sctpdk_addr_v4(198, 18, 0, 1)
#define RT_ADDR_B sctpdk_addr_v4(198, 18, 0, 2)
#define RT_PORT_A 5000
#define RT_PORT_B 6000

/* Suite init: EAL with lcores 0-3 (on whatever CPUs exist). */
int rt_fixture_eal(void);

/* A ring pair: port_a has one RX queue and ntx_a TX queues, same for b. */
int rt_pair_create(struct rt_pair *p, const char *name, unsigned ntx_a, unsigned ntx_b);
/* Close the ports, free what the rings hold, free the rings. */
void rt_pair_free(struct rt_pair *p);

/* Fill the configs of A and B (test double engine; B serves) on a new
 * link; pool != NULL: both use it. Does not create the stacks. */
int rt_two_setup(struct rt_two *t, const char *name, struct rte_mempool *pool);
/* Create and start both (see static_neigh). 0 or an SCTPDK_ERR_*. */
int rt_two_start(struct rt_two *t);
/* Free both stacks and the link. */
void rt_two_free(struct rt_two *t);

/* Poll until *v >= want or timeout_ms passes; returns the last value. */
uint64_t rt_wait_u64(const uint64_t *v, uint64_t want, unsigned timeout_ms);

/* App-side send on A through the command ring: tag, seq, payload. */
int rt_send(struct sctpdk_stack *st, uint32_t tag, uint32_t seq, uint16_t len);

/* Run a shell command; *count = lines it printed; returns its exit status. */
int rt_run_count(const char *cmd, long *count);

#endif
