/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * usrsctp-bench: the usrsctp baseline on its own (doc/usrsctp-baseline.md).
 * sctp-perf links the same module (app/sctp-perf/usrsctp_bench.c) for its
 * --compare usrsctp mode.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usrsctp_bench.h"

#define MAX_SIZES 16

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: usrsctp-bench [options]\n"
		"  --sizes LIST       bulk message sizes (default 64,256,1024,4096,16384,65536)\n"
		"  --rr-size N        request/response message size (default 256)\n"
		"  --duration S       seconds per measurement (default 2)\n"
		"  --workloads LIST   any of bulk,rr,setup (default all three)\n"
		"  --streams N        streams used round-robin (default 1)\n"
		"  --unordered        send unordered messages\n"
		"  --nodelay          bulk: disable Nagle\n"
		"  --mtu N            path MTU (default: usrsctp's AF_CONN default, 1280)\n"
		"  --sndbuf N         SO_SNDBUF (default: usrsctp's)\n"
		"  --rcvbuf N         SO_RCVBUF (default: usrsctp's)\n"
		"  --json FILE        also write the results as JSON\n");
}

static int
parse_sizes(const char *s, uint32_t *sizes, unsigned *n)
{
	*n = 0;
	while (*s != '\0') {
		char *end;
		unsigned long v = strtoul(s, &end, 0);

		if (end == s || v == 0 || v > 262144 || *n == MAX_SIZES)
			return -1;
		sizes[(*n)++] = (uint32_t)v;
		s = *end == ',' ? end + 1 : end;
		if (*end != ',' && *end != '\0')
			return -1;
	}
	return *n > 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"sizes", required_argument, NULL, 's'},
		{"rr-size", required_argument, NULL, 'r'},
		{"duration", required_argument, NULL, 'd'},
		{"workloads", required_argument, NULL, 'w'},
		{"streams", required_argument, NULL, 'S'},
		{"unordered", no_argument, NULL, 'u'},
		{"nodelay", no_argument, NULL, 'n'},
		{"mtu", required_argument, NULL, 'm'},
		{"sndbuf", required_argument, NULL, 'b'},
		{"rcvbuf", required_argument, NULL, 'B'},
		{"json", required_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct sctpdk_usrsctp_bench_cfg cfg = {.duration_s = 2.0, .streams = 1};
	struct sctpdk_usrsctp_bench_result res[MAX_SIZES + 2];
	uint32_t sizes[MAX_SIZES] = {64, 256, 1024, 4096, 16384, 65536};
	unsigned nsizes = 6, nres = 0, i;
	uint32_t rr_size = 256;
	const char *workloads = "bulk,rr,setup", *json = NULL;
	struct sctpdk_usrsctp_bench *b;
	int c, failed = 0;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_sizes(optarg, sizes, &nsizes) < 0) {
				fprintf(stderr, "usrsctp-bench: bad --sizes %s\n", optarg);
				return 2;
			}
			break;
		case 'r': rr_size = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'd': cfg.duration_s = strtod(optarg, NULL); break;
		case 'w': workloads = optarg; break;
		case 'S': cfg.streams = (uint16_t)strtoul(optarg, NULL, 0); break;
		case 'u': cfg.unordered = true; break;
		case 'n': cfg.nodelay = true; break;
		case 'm': cfg.mtu = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'b': cfg.sndbuf = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'B': cfg.rcvbuf = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'j': json = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	/* A peer that vanished must not kill us mid-write; usrsctp has no sockets of the OS. */
	signal(SIGPIPE, SIG_IGN);
	if (sctpdk_usrsctp_bench_new(&b) < 0) {
		fprintf(stderr, "usrsctp-bench: cannot start usrsctp\n");
		return 1;
	}
	if (strstr(workloads, "bulk") != NULL) {
		for (i = 0; i < nsizes; i++) {
			cfg.kind = SCTPDK_USRSCTP_BENCH_BULK;
			cfg.msg_size = sizes[i];
			if (sctpdk_usrsctp_bench_run(b, &cfg, &res[nres]) < 0)
				failed = 1;
			fprintf(stderr, "bulk %u B: %.0f msgs/s\n", sizes[i], res[nres].msgs_per_s);
			nres++;
		}
	}
	if (strstr(workloads, "rr") != NULL) {
		cfg.kind = SCTPDK_USRSCTP_BENCH_RR;
		cfg.msg_size = rr_size;
		if (sctpdk_usrsctp_bench_run(b, &cfg, &res[nres]) < 0)
			failed = 1;
		nres++;
	}
	if (strstr(workloads, "setup") != NULL) {
		cfg.kind = SCTPDK_USRSCTP_BENCH_SETUP;
		cfg.msg_size = 0;
		if (sctpdk_usrsctp_bench_run(b, &cfg, &res[nres]) < 0)
			failed = 1;
		nres++;
	}
	sctpdk_usrsctp_bench_del(b);

	printf("usrsctp baseline over AF_CONN, one thread (usrsctp_init_nothreads), CRC32c on, "
	       "%.1f s per row\nlibrary: %s\n", cfg.duration_s, sctpdk_usrsctp_bench_library());
	sctpdk_usrsctp_bench_print(stdout, res, nres);
	if (json != NULL) {
		FILE *f = fopen(json, "w");

		if (f == NULL) {
			perror(json);
			return 1;
		}
		fprintf(f, "{\n  \"tool\": \"usrsctp-bench\",\n  \"transport\": \"AF_CONN, one thread\",\n"
			"  \"library\": \"%s\",\n"
			"  \"duration_s\": %.3f,\n  \"streams\": %u,\n  \"unordered\": %s,\n"
			"  \"nodelay\": %s,\n  \"failed\": %s,\n  \"results\": [\n",
			sctpdk_usrsctp_bench_library(), cfg.duration_s, cfg.streams,
			cfg.unordered ? "true" : "false",
			cfg.nodelay ? "true" : "false", failed ? "true" : "false");
		sctpdk_usrsctp_bench_json(f, res, nres);
		fprintf(f, "  ]\n}\n");
		fclose(f);
	}
	return failed;
}
