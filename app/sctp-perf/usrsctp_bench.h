/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef SCTPDK_USRSCTP_BENCH_H
#define SCTPDK_USRSCTP_BENCH_H

/*
 * usrsctp baseline: the workloads of sctp-perf run through usrsctp
 * (Debian's libusrsctp) so sctpdk can be compared with it in one run.
 *
 * Two usrsctp endpoints live in this process, joined by usrsctp's AF_CONN
 * lower layer: usrsctp hands each outgoing packet to a callback, which
 * copies it into an in-memory FIFO; the driver loop feeds the FIFO back
 * with usrsctp_conninput(). One thread drives both endpoints and usrsctp's
 * timers (usrsctp_init_nothreads + usrsctp_handle_timers): no locks
 * contended, no thread hand-offs, the fastest usrsctp configuration.
 * CRC32c is computed on send and verified on receive (usrsctp's defaults;
 * the offload switch is never touched): the send counter and a corrupted
 * probe packet the receiver must reject prove it.
 *
 * usrsctp is a process-wide singleton: create one bench object per process
 * and run workloads on it one after another, from one thread.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sctpdk_usrsctp_bench_kind {
	SCTPDK_USRSCTP_BENCH_BULK,  /* one-way stream of messages: msgs/s, Gbit/s */
	SCTPDK_USRSCTP_BENCH_RR,    /* request/response, one outstanding: RTT */
	SCTPDK_USRSCTP_BENCH_SETUP, /* association set up + graceful teardown */
};

struct sctpdk_usrsctp_bench_cfg {
	enum sctpdk_usrsctp_bench_kind kind;
	uint32_t msg_size;   /* payload bytes per message (BULK, RR), 1..262144 */
	double duration_s;   /* measured time, > 0 */
	uint16_t streams;    /* outbound streams used round-robin, >= 1 */
	bool unordered;      /* send with SCTP_UNORDERED */
	bool nodelay;        /* BULK: disable Nagle (RR always disables it) */
	uint32_t mtu;        /* path MTU 576..9000; 0 keeps usrsctp's AF_CONN default (1280) */
	uint32_t sndbuf;     /* SO_SNDBUF, 0 keeps usrsctp's default */
	uint32_t rcvbuf;     /* SO_RCVBUF, 0 keeps usrsctp's default */
};

struct sctpdk_usrsctp_bench_result {
	enum sctpdk_usrsctp_bench_kind kind;
	uint32_t msg_size;
	uint32_t mtu;              /* path MTU in effect */
	uint64_t messages;         /* BULK: delivered; RR: round trips; SETUP: cycles */
	uint64_t bytes;            /* payload bytes delivered (RR: both ways) */
	double wall_s;
	double cpu_s;              /* process CPU time over the measured window */
	double msgs_per_s;         /* messages (or round trips, or cycles) per second */
	double gbit_per_s;         /* payload Gbit/s */
	double cpu_us_per_msg;     /* CPU microseconds per message, both endpoints */
	double msgs_per_cpu_s;     /* messages per CPU-second: the figure that other
				      processes on a shared machine do not disturb */
	double gbit_per_cpu_s;     /* payload Gbit per CPU-second */
	double cpu_util;           /* cpu_s / wall_s; below ~0.95 the wall rates
				      were cut by CPU taken by other processes */
	double rtt_p50_us, rtt_p99_us, rtt_p999_us; /* RR only */
	uint64_t packets;          /* packets through the in-memory link */
	uint64_t link_drops;       /* packets the link could not queue (should be 0) */
	uint64_t retransmissions;  /* DATA chunks retransmitted */
	uint64_t crc_computed;     /* packets checksummed on send */
	bool crc_rejects_corrupt;  /* before measuring, the receiver dropped a
				      corrupted packet as a checksum error (usrsctp
				      does not count AF_CONN checks otherwise) */
	uint64_t crc_errors;       /* checksum errors while measuring (must be 0) */
	uint64_t assocs_established; /* SETUP: active opens counted by usrsctp */
	uint64_t assocs_aborted;
};

struct sctpdk_usrsctp_bench;

/*
 * Start usrsctp without threads and the in-memory link.
 * Returns 0 and *out, SCTPDK_ERR_EXISTS when a bench object already exists
 * in this process, SCTPDK_ERR_NOMEM.
 */
int sctpdk_usrsctp_bench_new(struct sctpdk_usrsctp_bench **out);

/*
 * Run one workload; fills *res. Returns 0, SCTPDK_ERR_INVAL for a bad cfg,
 * SCTPDK_ERR_NOMEM, SCTPDK_ERR_STATE when usrsctp failed to set up or
 * carry the traffic (details on stderr).
 */
int sctpdk_usrsctp_bench_run(struct sctpdk_usrsctp_bench *b,
			     const struct sctpdk_usrsctp_bench_cfg *cfg,
			     struct sctpdk_usrsctp_bench_result *res);

/* Close every socket, stop usrsctp, free b. NULL is ignored. */
void sctpdk_usrsctp_bench_del(struct sctpdk_usrsctp_bench *b);

/*
 * Path of the libusrsctp in use. Debian's build is unoptimised (-O0); an
 * optimised build of the same version can be swapped in with
 * LD_LIBRARY_PATH (see doc/usrsctp-baseline.md), so results name it.
 */
const char *sctpdk_usrsctp_bench_library(void);

/* "bulk", "rr" or "setup". */
const char *sctpdk_usrsctp_bench_kind_name(enum sctpdk_usrsctp_bench_kind kind);

/* Human-readable table of n results. */
void sctpdk_usrsctp_bench_print(FILE *f, const struct sctpdk_usrsctp_bench_result *res,
				unsigned n);

/* One JSON object per result, as the elements of an array (no brackets). */
void sctpdk_usrsctp_bench_json(FILE *f, const struct sctpdk_usrsctp_bench_result *res,
			       unsigned n);

#ifdef __cplusplus
}
#endif

#endif
