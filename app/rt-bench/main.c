/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rt-bench: benchmarks of the runtime (a program, not a test).
 *   rt-bench <EAL args> -- --mode timers [--timers N]
 *   rt-bench <EAL args> -- --mode loop [--seconds S] [--msg-size B] [--idle-sleep-us U]
 *   rt-bench <EAL args> -- --mode rx [--seconds S] [--msg-size B]
 * e.g. rt-bench --no-huge --no-pci -m 512 --lcores='(0-2)@(0-1)' -- --mode loop
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>

#include "rt_bench.h"

static const struct rt_bench_mode *const modes[] = {&rt_bench_timers, &rt_bench_loop, &rt_bench_rx};

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s <EAL args> -- --mode <m> [--timers N] [--seconds S] [--msg-size B]\n"
		"       [--idle-sleep-us U]\nmodes:\n",
		prog);
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		fprintf(stderr, "  %-8s %s\n", modes[i]->name, modes[i]->help);
}

int
main(int argc, char **argv)
{
	int n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, "EAL init failed\n");
		return 1;
	}
	argc -= n;
	argv += n;
	static const struct option longopts[] = {
	    {"mode", required_argument, NULL, 'm'},
	    {"timers", required_argument, NULL, 't'},
	    {"seconds", required_argument, NULL, 's'},
	    {"msg-size", required_argument, NULL, 'b'},
	    {"idle-sleep-us", required_argument, NULL, 'i'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct rt_bench_opts o = {.timers = 0, .seconds = 5, .msg_size = 1000, .idle_sleep_us = 0};
	const char *mode = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "m:t:s:b:i:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			mode = optarg;
			break;
		case 't':
			o.timers = (unsigned)atoi(optarg);
			break;
		case 's':
			o.seconds = (unsigned)atoi(optarg);
			break;
		case 'b':
			o.msg_size = (unsigned)atoi(optarg);
			break;
		case 'i':
			o.idle_sleep_us = (unsigned)atoi(optarg);
			break;
		default:
			usage(argv[0]);
			return c == 'h' ? 0 : 1;
		}
	}
	if (o.msg_size == 0 || o.msg_size > 2000) {
		fprintf(stderr, "--msg-size must be 1..2000\n");
		return 1;
	}
	int rc = 1;
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (mode != NULL && strcmp(mode, modes[i]->name) == 0)
			rc = modes[i]->run(&o);
	if (mode == NULL)
		usage(argv[0]);
	rte_eal_cleanup();
	return rc;
}
