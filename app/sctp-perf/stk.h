/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sctp-perf over lib/runtime: `--api core` (application threads on the
 * runtime's command/event interface) and `--api facade` (application
 * threads on sctpdk sockets). Two stacks, client and server, each on its
 * own lcore, joined by the net_ring pair; one application thread per side.
 */
#ifndef SCTPDK_PERF_STK_H
#define SCTPDK_PERF_STK_H

#include <pthread.h>
#include <time.h>

#include "perf.h"

struct sctpdk_stack;

#define STK_CLIENT 0
#define STK_SERVER 1
#define STK_IP_C   "198.18.0.1"
#define STK_IP_S   "198.18.0.2"

struct perf_stk;

/* One application thread (client or server side). */
struct perf_side {
	struct perf_stk *k;
	int client;
	pthread_t th;
	clockid_t clk;
	volatile int clk_ok;
	volatile int up; /* client: associations up (ready to measure) */
	volatile int failed;
	volatile int stop; /* server: the client thread has ended */
	char why[160];
	unsigned size_i;
	uint8_t *rx_buf;
	struct perf_rtt rtt;
	void *lctx; /* --app lcore: the side's state on its stack lcore */
	struct perf_counters c __rte_cache_aligned;
};

struct perf_stk {
	struct perf_app *app;
	const struct perf_opts *o;
	struct sctpdk_stack *st[2];
	struct rte_mempool *pool; /* shared by both stacks */
	/* --api core: messages over PERF_SMALL_MSG in 16 KiB buffers (fewer
	 * segments to fill, slice and free), as --api engine does */
	struct rte_mempool *big_pool;
	unsigned lcore[2];
	clockid_t lclk[2];
	unsigned n_eps[2]; /* configured endpoints per stack */
	struct perf_side side[2];
};

/* The whole run of --api core / facade; fills r. */
int perf_stk_run(struct perf_app *app, struct perf_result *r);

/* Application threads of each api (api_core.c, api_facade.c). */
void *perf_core_side(void *arg);
void *perf_fc_side(void *arg);
/* --api core --app lcore: run the side on its stack lcore (the stack's
 * application poll function), and take it off again (waits until the
 * lcore is out of it). */
int perf_core_lcore_start(struct perf_side *s);
void perf_core_lcore_stop(struct perf_side *s);

/* helpers shared by both */
uint32_t perf_side_size(struct perf_side *s);
void perf_side_fill(void *dst, uint32_t len);
void perf_side_copy_out(struct perf_side *s, const void *src, uint32_t len);
void perf_side_rtt(struct perf_side *s, uint64_t tsc);
/* Idle policy of an application thread after empty polls. */
void perf_side_idle(struct perf_side *s, unsigned *idle);
int perf_side_phase(const struct perf_side *s);
void perf_side_fail(struct perf_side *s, const char *fmt, ...) __rte_format_printf(2, 3);

#endif
