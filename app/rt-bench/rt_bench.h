/* SPDX-License-Identifier: BSD-3-Clause */
/* rt-bench: benchmark modes of the runtime, one file each. */
#ifndef SCTPDK_RT_BENCH_H
#define SCTPDK_RT_BENCH_H

#include <stdint.h>

struct rt_bench_opts {
	unsigned timers;   /* timers mode: how many timers */
	unsigned seconds;  /* loop mode: seconds of traffic */
	unsigned msg_size; /* loop mode: message bytes */
	unsigned idle_sleep_us;
};

struct rt_bench_mode {
	const char *name;
	const char *help;
	int (*run)(const struct rt_bench_opts *o);
};

extern const struct rt_bench_mode rt_bench_timers;
extern const struct rt_bench_mode rt_bench_loop;
extern const struct rt_bench_mode rt_bench_rx;

#endif
