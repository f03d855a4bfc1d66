/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * crc32c-bench: throughput of every CRC-32C implementation built into
 * sctpdk, at several buffer sizes, in GB/s (10^9 bytes per second).
 *
 * The CRC needs no DPDK runtime, so this program does not start EAL; it
 * times with CLOCK_MONOTONIC. For each implementation and size it runs
 * back-to-back CRCs of one cache-resident buffer for --min-ms milliseconds,
 * --repeat times, and reports the best run. A last row, "api", goes through
 * sctpdk_crc32c_update(), i.e. the implementation chosen at start-up plus
 * the dispatch overhead.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sctpdk_crc32c.h"

#define MAX_SIZES 16
#define MAX_ROWS  8
#define BUF_ALIGN 64

static const size_t default_sizes[] = {64, 256, 1500, 9000, 65536};

struct bench_opts {
	size_t sizes[MAX_SIZES];
	unsigned n_sizes;
	unsigned min_ms;
	unsigned repeat;
	unsigned offset;
	int chain;
	const char *only;
	const char *json_path;
};

struct bench_row {
	const char *name;
	uint32_t (*update)(uint32_t, const void *, size_t);
	double gbps[MAX_SIZES];
};

static volatile uint32_t sink;

static uint64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Best throughput in GB/s of fn over buf[0..len). */
static double
measure(uint32_t (*fn)(uint32_t, const void *, size_t), const uint8_t *buf, size_t len,
	const struct bench_opts *o)
{
	double best = 0;
	/* calls per timing check, so the clock is read rarely */
	unsigned batch = (unsigned)(65536 / len) + 1;

	for (unsigned r = 0; r < o->repeat; r++) {
		uint64_t calls = 0, t0 = now_ns(), t1, limit = (uint64_t)o->min_ms * 1000000u;
		uint32_t acc = 0;
		do {
			if (o->chain)
				for (unsigned i = 0; i < batch; i++)
					acc = fn(acc, buf, len);
			else
				for (unsigned i = 0; i < batch; i++)
					acc ^= fn(SCTPDK_CRC32C_INIT, buf, len);
			calls += batch;
			t1 = now_ns();
		} while (t1 - t0 < limit);
		sink = acc;
		double gbps = (double)calls * (double)len / (double)(t1 - t0);
		if (gbps > best)
			best = gbps;
	}
	return best;
}

static int
write_json(const char *path, const struct bench_row *rows, unsigned n_rows,
	   const struct bench_opts *o)
{
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		fprintf(stderr, "crc32c-bench: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f,
		"{\n  \"unit\": \"GB/s\",\n  \"active\": \"%s\",\n  \"calls\": \"%s\",\n"
		"  \"offset\": %u,\n  \"results\": [\n",
		sctpdk_crc32c_active()->name, o->chain ? "chained" : "independent", o->offset);
	for (unsigned r = 0; r < n_rows; r++)
		for (unsigned s = 0; s < o->n_sizes; s++)
			fprintf(f, "    {\"impl\": \"%s\", \"bytes\": %zu, \"gbps\": %.3f}%s\n",
				rows[r].name, o->sizes[s], rows[r].gbps[s],
				(r + 1 == n_rows && s + 1 == o->n_sizes) ? "" : ",");
	fprintf(f, "  ]\n}\n");
	if (fclose(f) != 0) {
		fprintf(stderr, "crc32c-bench: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void
usage(const char *prog)
{
	printf("Usage: %s [options]\n"
	       "  -s, --sizes LIST   comma-separated buffer sizes in bytes\n"
	       "                     (default 64,256,1500,9000,65536)\n"
	       "  -t, --min-ms N     milliseconds per measurement (default 200)\n"
	       "  -r, --repeat N     measurements per cell, best kept (default 3)\n"
	       "  -o, --offset N     misalign the buffer by N bytes (default 0)\n"
	       "  -c, --chain        feed each result into the next call (latency-bound\n"
	       "                     instead of independent calls)\n"
	       "  -i, --impl NAME    measure only this implementation\n"
	       "  -j, --json FILE    also write the results as JSON\n"
	       "  -h, --help         this text\n",
	       prog);
}

static int
parse_sizes(char *arg, struct bench_opts *o)
{
	o->n_sizes = 0;
	for (char *tok = strtok(arg, ","); tok != NULL; tok = strtok(NULL, ",")) {
		char *end;
		unsigned long v = strtoul(tok, &end, 0);
		if (*end != '\0' || v == 0 || v > (1u << 24) || o->n_sizes == MAX_SIZES)
			return -1;
		o->sizes[o->n_sizes++] = v;
	}
	return o->n_sizes > 0 ? 0 : -1;
}

static int
parse_uint(const char *arg, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 0);
	if (*arg == '\0' || *end != '\0' || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int
parse_args(int argc, char **argv, struct bench_opts *o)
{
	static const struct option longopts[] = {
	    {"sizes", required_argument, NULL, 's'},
	    {"min-ms", required_argument, NULL, 't'},
	    {"repeat", required_argument, NULL, 'r'},
	    {"offset", required_argument, NULL, 'o'},
	    {"chain", no_argument, NULL, 'c'},
	    {"impl", required_argument, NULL, 'i'},
	    {"json", required_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "s:t:r:o:ci:j:h", longopts, NULL)) != -1) {
		int bad = 0;
		switch (c) {
		case 's':
			bad = parse_sizes(optarg, o);
			break;
		case 't':
			bad = parse_uint(optarg, 100000, &o->min_ms) || o->min_ms == 0;
			break;
		case 'r':
			bad = parse_uint(optarg, 1000, &o->repeat) || o->repeat == 0;
			break;
		case 'o':
			bad = parse_uint(optarg, BUF_ALIGN - 1, &o->offset);
			break;
		case 'c':
			o->chain = 1;
			break;
		case 'i':
			o->only = optarg;
			break;
		case 'j':
			o->json_path = optarg;
			break;
		case 'h':
			usage(argv[0]);
			exit(0);
		default:
			bad = 1;
		}
		if (bad) {
			usage(argv[0]);
			return -1;
		}
	}
	if (optind != argc) {
		usage(argv[0]);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct bench_opts o = {.min_ms = 200, .repeat = 3};
	struct bench_row rows[MAX_ROWS];
	unsigned n_impls, n_rows = 0;
	const struct sctpdk_crc32c_ops *const *impls = sctpdk_crc32c_impls(&n_impls);
	size_t max_size = 0;
	uint8_t *mem;

	memcpy(o.sizes, default_sizes, sizeof(default_sizes));
	o.n_sizes = sizeof(default_sizes) / sizeof(default_sizes[0]);
	if (parse_args(argc, argv, &o) != 0)
		return 2;

	for (unsigned i = 0; i < n_impls && n_rows < MAX_ROWS - 1; i++) {
		if (o.only != NULL && strcmp(o.only, impls[i]->name) != 0)
			continue;
		if (!impls[i]->available()) {
			printf("# %s: not supported by this CPU, skipped\n", impls[i]->name);
			continue;
		}
		rows[n_rows].name = impls[i]->name;
		rows[n_rows++].update = impls[i]->update;
	}
	if (o.only == NULL || strcmp(o.only, "api") == 0) {
		rows[n_rows].name = "api";
		rows[n_rows++].update = sctpdk_crc32c_update;
	}
	if (n_rows == 0) {
		fprintf(stderr, "crc32c-bench: no implementation named %s\n", o.only);
		return 2;
	}

	for (unsigned s = 0; s < o.n_sizes; s++)
		if (o.sizes[s] > max_size)
			max_size = o.sizes[s];
	mem = aligned_alloc(BUF_ALIGN, (max_size + 2 * BUF_ALIGN) / BUF_ALIGN * BUF_ALIGN);
	if (mem == NULL) {
		fprintf(stderr, "crc32c-bench: out of memory\n");
		return 1;
	}
	uint64_t x = 0x9E3779B97F4A7C15u;
	for (size_t i = 0; i < max_size + BUF_ALIGN; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		mem[i] = (uint8_t)x;
	}

	printf("# CRC-32C throughput, GB/s (best of %u x %u ms), buffer offset %u, %s calls, "
	       "active: %s\n",
	       o.repeat, o.min_ms, o.offset, o.chain ? "chained" : "independent",
	       sctpdk_crc32c_active()->name);
	printf("%-8s", "impl");
	for (unsigned s = 0; s < o.n_sizes; s++)
		printf(" %9zu", o.sizes[s]);
	printf("\n");
	for (unsigned r = 0; r < n_rows; r++) {
		printf("%-8s", rows[r].name);
		fflush(stdout);
		for (unsigned s = 0; s < o.n_sizes; s++) {
			rows[r].gbps[s] = measure(rows[r].update, mem + o.offset, o.sizes[s], &o);
			printf(" %9.2f", rows[r].gbps[s]);
			fflush(stdout);
		}
		printf("\n");
	}
	free(mem);
	if (o.json_path != NULL && write_json(o.json_path, rows, n_rows, &o) != 0)
		return 1;
	return 0;
}
