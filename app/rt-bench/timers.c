/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * timers mode: the runtime's hashed wheel against rte_timer, on the
 * operations the engine does: re-arm a pending timer (every SACK moves
 * T3-rtx), poll with nothing due (every loop iteration), fire due timers.
 * Both are driven by the TSC; times are ns per operation, best of 5.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_cycles.h>
#include <rte_lcore.h>
#include <rte_timer.h>

#include "rt_bench.h"
#include "wheel.h"

static uint64_t fired;

static void
wheel_cb(struct sctpdk_rt_timer *t, void *arg, uint64_t now_us)
{
	fired++;
}

static void
rte_cb(struct rte_timer *t, void *arg)
{
	fired++;
}

static uint64_t
now_us(void)
{
	return rte_get_tsc_cycles() * 1000000 / rte_get_tsc_hz();
}

static double
ns_per(uint64_t cycles, uint64_t ops)
{
	return (double)cycles * 1e9 / (double)rte_get_tsc_hz() / (double)ops;
}

struct result {
	double arm, poll, fire;
};

static struct result
bench_wheel(unsigned n, uint64_t seed)
{
	struct result r;
	static struct sctpdk_wheel w;
	struct sctpdk_rt_timer *t = calloc(n, sizeof(*t));
	uint64_t *due = malloc(sizeof(uint64_t) * n);
	sctpdk_wheel_init(&w, 100, now_us());
	for (unsigned i = 0; i < n; i++) {
		sctpdk_rt_timer_init(&t[i], wheel_cb, NULL);
		due[i] = 1000000 + (seed = seed * 6364136223846793005ULL + 1) % 3000000;
	}
	uint64_t base = now_us();
	/* arm, then re-arm everything once more (moves) */
	uint64_t c0 = rte_rdtsc();
	for (unsigned i = 0; i < n; i++)
		sctpdk_wheel_arm(&w, &t[i], base + due[i]);
	for (unsigned i = 0; i < n; i++)
		sctpdk_wheel_arm(&w, &t[i], base + due[(i * 7919u) % n]);
	r.arm = ns_per(rte_rdtsc() - c0, 2ull * n);
	/* polls with nothing due (as the loop does between packets) */
	c0 = rte_rdtsc();
	for (unsigned i = 0; i < 100000; i++)
		sctpdk_wheel_run(&w, now_us());
	r.poll = ns_per(rte_rdtsc() - c0, 100000);
	/* everything due: fire */
	for (unsigned i = 0; i < n; i++)
		sctpdk_wheel_arm(&w, &t[i], now_us() + (i % 1000));
	fired = 0;
	uint64_t until = now_us() + 1100;
	while (now_us() < until)
		;
	c0 = rte_rdtsc();
	sctpdk_wheel_run(&w, now_us());
	r.fire = ns_per(rte_rdtsc() - c0, fired ? fired : 1);
	if (fired != n)
		fprintf(stderr, "wheel: fired %" PRIu64 " of %u\n", fired, n);
	free(t);
	free(due);
	return r;
}

static struct result
bench_rte(unsigned n, uint64_t seed)
{
	struct result r;
	struct rte_timer *t = calloc(n, sizeof(*t));
	uint64_t *due = malloc(sizeof(uint64_t) * n);
	uint64_t hz = rte_get_tsc_hz();
	unsigned lc = rte_lcore_id();
	for (unsigned i = 0; i < n; i++) {
		rte_timer_init(&t[i]);
		due[i] =
		    (1000000 + (seed = seed * 6364136223846793005ULL + 1) % 3000000) * hz / 1000000;
	}
	uint64_t c0 = rte_rdtsc();
	for (unsigned i = 0; i < n; i++)
		rte_timer_reset(&t[i], due[i], SINGLE, lc, rte_cb, NULL);
	for (unsigned i = 0; i < n; i++)
		rte_timer_reset(&t[i], due[(i * 7919u) % n], SINGLE, lc, rte_cb, NULL);
	r.arm = ns_per(rte_rdtsc() - c0, 2ull * n);
	c0 = rte_rdtsc();
	for (unsigned i = 0; i < 100000; i++)
		rte_timer_manage();
	r.poll = ns_per(rte_rdtsc() - c0, 100000);
	for (unsigned i = 0; i < n; i++)
		rte_timer_reset(&t[i], (i % 1000) * hz / 1000000, SINGLE, lc, rte_cb, NULL);
	fired = 0;
	uint64_t until = now_us() + 1100;
	while (now_us() < until)
		;
	c0 = rte_rdtsc();
	rte_timer_manage();
	r.fire = ns_per(rte_rdtsc() - c0, fired ? fired : 1);
	if (fired != n)
		fprintf(stderr, "rte_timer: fired %" PRIu64 " of %u\n", fired, n);
	for (unsigned i = 0; i < n; i++)
		rte_timer_stop(&t[i]);
	free(t);
	free(due);
	return r;
}

static void
keep_best(struct result *best, struct result r)
{
	if (r.arm < best->arm)
		best->arm = r.arm;
	if (r.poll < best->poll)
		best->poll = r.poll;
	if (r.fire < best->fire)
		best->fire = r.fire;
}

static int
run(const struct rt_bench_opts *o)
{
	if (rte_timer_subsystem_init() != 0) {
		fprintf(stderr, "rte_timer_subsystem_init failed\n");
		return 1;
	}
	unsigned sizes[] = {1000, 10000, 100000};
	printf("%-10s %8s %12s %12s %12s\n", "impl", "timers", "arm ns", "poll ns", "fire ns");
	for (unsigned s = 0; s < 3; s++) {
		unsigned n = o->timers ? o->timers : sizes[s];
		struct result bw = {1e18, 1e18, 1e18}, br = {1e18, 1e18, 1e18};
		for (int rep = 0; rep < 5; rep++) {
			keep_best(&bw, bench_wheel(n, 42 + (uint64_t)rep));
			keep_best(&br, bench_rte(n, 42 + (uint64_t)rep));
		}
		printf("%-10s %8u %12.1f %12.1f %12.1f\n", "wheel", n, bw.arm, bw.poll, bw.fire);
		printf("%-10s %8u %12.1f %12.1f %12.1f\n", "rte_timer", n, br.arm, br.poll,
		       br.fire);
		if (o->timers)
			break;
	}
	rte_timer_subsystem_finalize();
	return 0;
}

const struct rt_bench_mode rt_bench_timers = {
    .name = "timers",
    .help = "hashed wheel vs rte_timer: ns per arm, idle poll, fire",
    .run = run,
};
